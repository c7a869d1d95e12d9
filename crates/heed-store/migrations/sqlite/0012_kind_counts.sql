-- Items counted by kind, status and RAG together (the `kind_cell` counters, issue 17): a
-- list narrowed by kind and status counted its matches by reading every item of the status
-- (0.58 s at a million items), no index sorting a kind out. The counters are counted
-- again from the items when the register is next opened. Keep in step with the other
-- backend's 0012_kind_counts.sql.
UPDATE register_meta SET value = 'before kind counters' WHERE key = 'counts';

-- The owner index holds owned items only. SQLite's planner statistics count the items
-- without an owner as one value: a register where few items had an owner looked to the
-- planner as if an owner matched most of the register, and an owner filter walked every
-- item (0.46 s for an owner no item has). PostgreSQL's statistics count NULLs apart.
DROP INDEX items_owner;
CREATE INDEX items_owner ON items(owner) WHERE owner IS NOT NULL;

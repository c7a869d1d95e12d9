-- Items counted by kind, status and RAG together (the `kind_cell` counters, issue 17): a
-- list narrowed by kind and status counted its matches by reading every item of the status
-- (0.58 s at a million items), no index sorting a kind out. The counters are counted
-- again from the items when the register is next opened. Keep in step with the other
-- backend's 0012_kind_counts.sql.
UPDATE register_meta SET value = 'before kind counters' WHERE key = 'counts';

-- The dashboard's figures and the review list's counts as counters, kept by every write of
-- the projection in its own transaction (`src/counts.rs`): reading them costs what the
-- figures are, not what the register is. Keep in step with ../postgres/0008_counts.sql.
-- `scope` 0 counts every item, 1 the items of published reviews; `dim` is what is counted
-- (status and RAG, open items by owner, by deadline day...) and `key` the value counted.
CREATE TABLE item_counts (
    scope  INTEGER NOT NULL,
    dim    TEXT NOT NULL,
    key    TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (scope, dim, key)
) WITHOUT ROWID;

-- The counters hold for the register contents named by this epoch (`register_meta.epoch`);
-- until they do (a register made before them, a restore) they are counted again from the
-- items, once, by the next process that opens the register or reads the dashboard.
INSERT INTO register_meta (key, value) VALUES ('counts', '');

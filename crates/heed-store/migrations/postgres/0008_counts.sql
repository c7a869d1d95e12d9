-- Keep in step with ../sqlite/0008_counts.sql: the dashboard's figures and the review
-- list's counts as counters, kept by every write of the projection in its own transaction
-- (`src/counts.rs`). `scope` 0 counts every item, 1 the items of published reviews.
CREATE TABLE item_counts (
    scope  BIGINT NOT NULL,
    dim    TEXT NOT NULL,
    key    TEXT NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (scope, dim, key)
);

-- The counters hold for the register contents named by this epoch; until they do they are
-- counted again from the items, once.
INSERT INTO register_meta (key, value) VALUES ('counts', '');

-- The full-text index moves out of the register into a file of its own beside it
-- (`<register>-search`, kept by `src/search.rs`): an import no longer writes the index in
-- its own transaction, so a second core builds it while the register takes the next
-- document. The index is derived from `items` and rebuilt from them whenever it is missing
-- or does not belong to this register. Keep in step with ../postgres/0007_search_beside.sql.
DROP TRIGGER items_fts_insert;
DROP TRIGGER items_fts_delete;
DROP TRIGGER items_fts_update;
DROP TABLE items_fts;

-- Facts about the register itself. `epoch` names this register's contents: a restore gives
-- it a new one, so derived data made from the old contents (the search index) is rebuilt.
CREATE TABLE register_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO register_meta (key, value) VALUES ('epoch', lower(hex(randomblob(16))));

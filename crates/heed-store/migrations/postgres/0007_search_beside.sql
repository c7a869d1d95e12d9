-- Keep in step with ../sqlite/0007_search_beside.sql. PostgreSQL keeps its full-text
-- index (the `search` tsvector) in the register, so only the register's facts are new here.
CREATE TABLE register_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO register_meta (key, value) VALUES ('epoch', md5(random()::text));

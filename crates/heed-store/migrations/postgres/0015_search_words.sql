-- PostgreSQL's full-text words are made by Heed (heed-store `src/tsearch.rs`) and written
-- with each item, where the server made them from the text (`to_tsvector`, 0005): that cost
-- an import 58 us an item, more than everything else it writes (issue 17). The column keeps
-- the words it has until a Heed that makes them opens the register (register_meta
-- `search_words`, `postgres::ensure_search_words`), so that the index and the queries are
-- made by the same code. Keep in step with ../sqlite/0015_search_words.sql.
ALTER TABLE items ALTER COLUMN search DROP EXPRESSION;

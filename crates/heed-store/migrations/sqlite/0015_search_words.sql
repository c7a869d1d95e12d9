-- Both backends' schema versions go together (a backup names its version, and a restore
-- into either backend checks it). PostgreSQL's full-text words are now made by Heed
-- (../postgres/0015_search_words.sql); SQLite's are made by its own FTS5 index beside the
-- register (`search.rs`), so nothing changes here.
SELECT 1;

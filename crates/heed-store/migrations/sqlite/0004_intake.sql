-- Intake: uploads waiting for a person's confirmation, API tokens for programs, and saved
-- views (a named filter set with a shareable URL).

-- An upload read and shown as a preview, not yet imported: kept here (not in a process's
-- memory) so several processes on one database can serve the confirmation. Keyed by a
-- random id, owned by the person who uploaded it, gone after expires_at; with what the
-- uploader said about it (as `heed import --date/--map/--sheet` would).
CREATE TABLE pending_imports (
    id          TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    report_date TEXT,
    column_map  TEXT,
    sheet       TEXT,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX pending_imports_user ON pending_imports(user_id);

-- A token a program sends as "Authorization: Bearer ..." to act as a person. Kept only as
-- the SHA-256 of the token; a revoked token stays (so it can be told apart from an unknown
-- one) and its name can be given to a new token.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens(name) WHERE revoked_at IS NULL;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- A search saved under a name: its query string, reachable at /views/{slug}.
CREATE TABLE saved_views (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    owner_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);

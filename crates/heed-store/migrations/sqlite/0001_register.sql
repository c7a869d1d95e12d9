-- The register, SQLite flavour. Keep in step with ../postgres/0001_register.sql:
-- same tables, same columns, same meaning; only the types differ.

-- A body of work (an inspection, a scrutiny review) a set of items belongs to.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Each imported document, with the original bytes kept.
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    review_id     INTEGER NOT NULL REFERENCES reviews(id),
    title         TEXT,
    issuing_body  TEXT,
    report_date   TEXT,
    kind          TEXT,
    file_name     TEXT NOT NULL,
    file_hash     TEXT NOT NULL UNIQUE,
    original      BLOB NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL
);
CREATE INDEX reports_review ON reports(review_id);

-- Current state of each item: a projection of its events. `state` is the whole
-- projected value, NULL while it is still the state of its `item_created` event (so an
-- imported item's state is stored once); the other columns are copies for filtering.
CREATE TABLE items (
    id                  INTEGER PRIMARY KEY,
    review_id           INTEGER NOT NULL REFERENCES reviews(id),
    report_id           INTEGER NOT NULL REFERENCES reports(id),
    ordinal             INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    item_ref            TEXT,
    text                TEXT NOT NULL,
    text_key            TEXT NOT NULL,
    owner               TEXT,
    status              TEXT,
    rag                 TEXT,
    deadline_due        TEXT,
    state               TEXT,
    version             INTEGER NOT NULL,
    last_effective      TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (report_id, ordinal)
);
CREATE INDEX items_review ON items(review_id);
CREATE INDEX items_text_key ON items(text_key);
CREATE INDEX items_deadline ON items(deadline_due);

-- The history: every change, never updated or deleted.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    recorded_at   TEXT NOT NULL,
    effective_on  TEXT NOT NULL,
    author        TEXT NOT NULL,
    source        TEXT NOT NULL,
    report_id     INTEGER REFERENCES reports(id),
    line          INTEGER,
    review_id     INTEGER REFERENCES reviews(id),
    item_id       INTEGER REFERENCES items(id),
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL
);
CREATE INDEX events_item ON events(item_id, effective_on, id);
CREATE INDEX events_report ON events(report_id);

CREATE TABLE links (
    from_item  INTEGER NOT NULL REFERENCES items(id),
    to_item    INTEGER NOT NULL REFERENCES items(id),
    kind       TEXT NOT NULL,
    PRIMARY KEY (from_item, to_item, kind)
);

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    added_at    TEXT NOT NULL
);
CREATE INDEX evidence_item ON evidence(item_id);

CREATE TABLE judgements (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    area        TEXT NOT NULL,
    title       TEXT NOT NULL,
    grade       TEXT,
    direction   TEXT,
    line        INTEGER NOT NULL
);
CREATE INDEX judgements_report ON judgements(report_id);

CREATE TABLE glossary (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    term        TEXT NOT NULL,
    expansion   TEXT NOT NULL,
    line        INTEGER NOT NULL
);
CREATE INDEX glossary_report ON glossary(report_id);

-- A register of a million items answers in interactive time. Keep in step with
-- ../postgres/0005_scale.sql: the same new columns in the same order; full-text search is
-- the one place the backends differ (FTS5 here, a tsvector column there).

-- Copies of projected facts the dashboard aggregates, kept by the same UPDATE that writes
-- the projection: the item's theme, the day it entered the register (the effective day of
-- its `item_created` event) and, while its status is a closed one, the effective day of the
-- latest event that set that status (NULL while open).
ALTER TABLE items ADD COLUMN theme TEXT;
ALTER TABLE items ADD COLUMN opened_on TEXT;
ALTER TABLE items ADD COLUMN closed_on TEXT;

UPDATE items SET
    theme = CASE WHEN state IS NOT NULL THEN json_extract(state, '$.theme') ELSE
        (SELECT json_extract(e.payload, '$.state.theme') FROM events e
          WHERE e.item_id = items.id AND e.kind = 'item_created') END,
    opened_on = (SELECT min(e.effective_on) FROM events e
          WHERE e.item_id = items.id AND e.kind = 'item_created'),
    closed_on = CASE WHEN status IN ('completed', 'not_accepted', 'superseded') THEN
        (SELECT max(e.effective_on) FROM events e
          WHERE e.item_id = items.id AND (
              (e.kind = 'item_created' AND json_extract(e.payload, '$.state.status') = items.status)
           OR (e.kind = 'item_updated' AND json_extract(e.payload, '$.status') = items.status))) END;

-- Keyset paging walks this index in document order; the dashboard's groupings read it.
CREATE INDEX items_order ON items(review_id, report_id, ordinal, id);
CREATE INDEX items_status ON items(status, rag);
CREATE INDEX items_owner ON items(owner);
CREATE INDEX items_opened ON items(opened_on);
CREATE INDEX items_closed ON items(closed_on);

-- Full-text search of item texts: an external-content FTS5 index over `items`, kept in step
-- by triggers, so every write of the projection updates it in the same transaction.
CREATE VIRTUAL TABLE items_fts USING fts5(
    text,
    content = 'items',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF text ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO items_fts (items_fts) VALUES ('rebuild');

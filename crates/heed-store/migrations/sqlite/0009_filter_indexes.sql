-- An index for the one filter that had none: a search also finds an item by its reference
-- typed exactly (ignoring case), which read every item of the register for every search.
-- Keep in step with ../postgres/0009_filter_indexes.sql.
CREATE INDEX items_ref ON items(lower(item_ref));

-- Keep in step with ../sqlite/0009_filter_indexes.sql: an index for the one filter that had
-- none, a search's exact reference (ignoring case), so a search ORs two index scans
-- (this and `items_search`) instead of reading every item.
CREATE INDEX items_ref ON items(lower(item_ref));

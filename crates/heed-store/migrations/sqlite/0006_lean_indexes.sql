-- Fewer index entries for every imported item (keep in step with the other backend).
-- `items_review` is the first column of `items_order`, which serves every query it did.
DROP INDEX items_review;
-- Only claims and closed items are ever looked up by these columns (`verification =
-- 'awaiting'`, `closed_on` in a range), so open items need no entry in them.
DROP INDEX items_verification;
CREATE INDEX items_verification ON items(verification) WHERE verification IS NOT NULL;
DROP INDEX items_closed;
CREATE INDEX items_closed ON items(closed_on) WHERE closed_on IS NOT NULL;

-- The indexes on the days items were opened and closed (0005) served the dashboard's
-- per-month figures when they were counted from the items; those figures are read from
-- the counters now (0008: `opened_month`, `closed_month`), and a dashboard narrowed to a
-- review reads the review's items by `items_order`. Every import still wrote both: 3% of
-- the register file at a million items, and part of the time the facets and the open
-- status index (0013) added to an import (issue 17). Keep in step with the other
-- backend's 0014_lean_month_indexes.sql.
DROP INDEX items_opened;
DROP INDEX items_closed;

-- Indexes for the filters the UI offers that had none fitting them, so a first page and a
-- bounded count read the matches, not the register (issue 17). Keep in step with
-- ../sqlite/0010_open_indexes.sql.
--
-- "Overdue" is a deadline before today among open actions (`OPEN` in engine.rs). Partial
-- indexes over exactly that condition: a query carrying it, spelt the same, reads only open
-- actions, already in deadline order, without looking at the rows (at a million items the
-- first `overdue=true&rag=red` list read every row by `items_deadline`: 3.3 s). Only rated
-- items have an entry in the second (`rag = ...` implies `rag IS NOT NULL`).
CREATE INDEX items_open_deadline ON items(deadline_due)
    WHERE kind IN ('recommendation', 'area_for_improvement')
      AND (status IS NULL OR status NOT IN ('completed', 'not_accepted', 'superseded'));
CREATE INDEX items_open_rag ON items(rag, deadline_due)
    WHERE rag IS NOT NULL AND kind IN ('recommendation', 'area_for_improvement')
      AND (status IS NULL OR status NOT IN ('completed', 'not_accepted', 'superseded'));
-- A RAG on its own (`items_status` leads with the status): only rated items have an entry.
CREATE INDEX items_rag ON items(rag) WHERE rag IS NOT NULL;
-- Kinds other than recommendations (areas for improvement, strengths, work in progress):
-- `push_filter` adds `kind <> 'recommendation'` to such a kind, so this partial index fits;
-- recommendations, most of a register, are found by walking the page order.
CREATE INDEX items_kind ON items(kind) WHERE kind <> 'recommendation';

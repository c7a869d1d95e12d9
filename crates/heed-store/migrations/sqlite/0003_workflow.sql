-- The workflow: claimed vs verified completion, publishing per review, and where each
-- write came from. Keep in step with ../postgres/0003_workflow.sql.

-- Whether readers who are not signed in may see a review (0 until it is published).
ALTER TABLE reviews ADD COLUMN published INTEGER NOT NULL DEFAULT 0;

-- A copy of the projected verification state ('awaiting', 'verified', 'rejected'), for
-- filtering; NULL when nobody has claimed a closing status.
ALTER TABLE items ADD COLUMN verification TEXT;
CREATE INDEX items_verification ON items(verification);

-- Where an event came from: the client's address (web, API) or `cli:USER`; NULL for
-- events recorded before it was kept.
ALTER TABLE events ADD COLUMN origin TEXT;

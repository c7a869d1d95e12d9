-- Events read from a document that states no date of its own (issue 15). Such an event's
-- `effective_on` is the day it was recorded, which keeps the history in the order things
-- reached the register; but nothing places what the document says in time, so it is not
-- "dated" that day: views as of an earlier day include it (an undated review is not empty
-- as of 2013), and pages show it as undated. Keep in step with ../sqlite/0011_undated.sql.
ALTER TABLE events ADD COLUMN undated BOOLEAN NOT NULL DEFAULT false;

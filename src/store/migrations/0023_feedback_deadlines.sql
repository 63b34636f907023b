-- Handling feedback (督办): how urgent it is, and the day by which it is to be resolved. KAM
-- sets due_on from the key-moment rules' deadline for the severity when none is given
-- (src/app/record_writes.hpp); feedback recorded before this migration has none and is never
-- escalated.
ALTER TABLE feedback ADD COLUMN severity TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE feedback ADD COLUMN due_on TEXT;
-- The daily key-moment run reads unresolved feedback past its deadline.
CREATE INDEX feedback_open_due ON feedback(due_on) WHERE status IN ('open', 'in_progress');

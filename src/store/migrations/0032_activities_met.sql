-- The people met in a year's activities, by account (store/relationship_stage_inputs.cpp):
-- every column those counts read, so that they read this index alone and not each activity's
-- row (on a million accounts, 24 s and 8.5 s without it; 2.3 s and 1.3 s with it).
CREATE INDEX activities_met ON activities(account_id, occurred_at, contact_id, user_id)
  WHERE deleted_at IS NULL;

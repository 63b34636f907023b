-- One live row of the joint team per customer person and user of ours. add_coverage refused a
-- second, but restoring a removed row could make one; and the check read the whole table for
-- each row where no index served it (a bulk load on PostgreSQL drops the non-unique indexes
-- until its end: the 1M-account demo spent its time there). A later duplicate a database
-- already holds is marked removed as of its last change (restorable once the first is
-- removed), so that the index can be made. One grouped pass: a correlated EXISTS had only the
-- user index to search by and read a user's every row for each row (hours at 1M accounts).
UPDATE joint_team SET deleted_at = updated_at
  WHERE deleted_at IS NULL AND id NOT IN (
    SELECT MIN(id) FROM joint_team WHERE deleted_at IS NULL GROUP BY contact_id, user_id);
CREATE UNIQUE INDEX joint_team_cover ON joint_team(contact_id, user_id) WHERE deleted_at IS NULL;

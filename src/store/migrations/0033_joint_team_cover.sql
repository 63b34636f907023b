-- One live row of the joint team per customer person and user of ours. add_coverage refused a
-- second, but restoring a removed row could make one; and the check read the whole table for
-- each row where no index served it (a bulk load on PostgreSQL drops the non-unique indexes
-- until its end: the 1M-account demo spent its time there). A later duplicate a database
-- already holds is marked removed as of its last change (restorable once the first is
-- removed), so that the index can be made.
UPDATE joint_team SET deleted_at = updated_at
  WHERE deleted_at IS NULL AND EXISTS (
    SELECT 1 FROM joint_team earlier WHERE earlier.deleted_at IS NULL
      AND earlier.contact_id = joint_team.contact_id AND earlier.user_id = joint_team.user_id
      AND earlier.id < joint_team.id);
CREATE UNIQUE INDEX joint_team_cover ON joint_team(contact_id, user_id) WHERE deleted_at IS NULL;

#include "store/visit_influencers.hpp"

namespace kam::store {

Result<std::optional<Day>> previous_visit_date(Connection& connection, int64_t opportunity_id,
                                               Day visit_date, int64_t report_id) {
  std::optional<Day> previous;
  const SqlValue params[] = {opportunity_id, to_string(visit_date), report_id};
  KAM_RETURN_IF_ERROR(connection.query(
      "SELECT MAX(visit_date) FROM visit_reports WHERE opportunity_id = $1 AND deleted_at "
      "IS NULL AND (visit_date < $2 OR (visit_date = $2 AND id < $3))",
      params, [&](const Row& row) {
        if (!row.is_null(0)) previous = parse_date(row.get_text(0)).value_or(Day{});
        return false;
      }));
  return previous;
}

Result<std::vector<BuyingCenterMember>> buying_center_by_influence(Connection& connection,
                                                                   int64_t opportunity_id) {
  std::vector<BuyingCenterMember> out;
  const SqlValue params[] = {opportunity_id};
  KAM_RETURN_IF_ERROR(connection.query(
      "SELECT b.id, b.contact_id, c.name, c.title, b.roles, b.influence FROM buying_center b "
      "JOIN contacts c ON c.id = b.contact_id WHERE b.opportunity_id = $1 AND "
      "b.deleted_at IS NULL ORDER BY b.influence DESC, b.id",
      params, [&](const Row& row) {
        BuyingCenterMember m;
        m.member_id = row.get_int(0);
        m.contact_id = row.get_int(1);
        m.name = row.get_text(2);
        if (!row.is_null(3)) m.title = std::string(row.get_text(3));
        m.roles = row.get_text(4);
        m.influence = row.get_int(5);
        out.push_back(std::move(m));
        return true;
      }));
  return out;
}

}  // namespace kam::store

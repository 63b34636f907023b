#include "store/signed_in_user.hpp"

namespace kam::store {

Result<std::optional<SignedInUser>> active_signed_in_user(Connection& connection, int64_t user_id) {
  std::optional<SignedInUser> user;
  const SqlValue params[] = {user_id};
  KAM_RETURN_IF_ERROR(connection.query("SELECT " + std::string(kSignedInUserColumns) +
                                           " FROM users u WHERE u.id = $1 AND " +
                                           std::string(kActiveUserCondition),
                                       params, [&](const Row& row) {
                                         user = read_signed_in_user(row, 0);
                                         return false;
                                       }));
  return user;
}

std::optional<SignedInUser> read_signed_in_user(const Row& row, int first) {
  if (row.is_null(first)) return std::nullopt;
  SignedInUser user;
  user.user_id = row.get_int(first);
  user.login = row.get_text(first + 1);
  user.display_name = row.get_text(first + 2);
  user.role = enum_from_text<UserRole>(row.get_text(first + 3)).value_or(UserRole::kAnalyst);
  if (!row.is_null(first + 4)) user.team_id = row.get_int(first + 4);
  return user;
}

}  // namespace kam::store

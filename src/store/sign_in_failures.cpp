#include "store/sign_in_failures.hpp"

#include <string>

namespace kam::store {

Result<std::optional<SignInFailures>> sign_in_failures(Connection& connection,
                                                       std::string_view login,
                                                       std::string_view source) {
  std::optional<SignInFailures> found;
  const SqlValue params[] = {std::string(login), std::string(source)};
  KAM_RETURN_IF_ERROR(connection.query(
      "SELECT failures, last_failed_at FROM sign_in_failures WHERE login_digest = $1 AND "
      "source = $2",
      params, [&](const Row& row) {
        if (auto at = parse_timestamp(row.get_text(1))) found = SignInFailures{row.get_int(0), *at};
        return false;
      }));
  return found;
}

Status count_sign_in_failure(Connection& connection, std::string_view login,
                             std::string_view source, Timestamp now, Timestamp forget_before) {
  // Timestamps are ISO 8601 text of one width, so they compare as they sort.
  const SqlValue params[] = {std::string(login), std::string(source), to_string(now),
                             to_string(forget_before)};
  auto counted = connection.execute(
      "INSERT INTO sign_in_failures (login_digest, source, failures, last_failed_at) "
      "VALUES ($1, $2, 1, $3) ON CONFLICT (login_digest, source) DO UPDATE SET "
      "failures = CASE WHEN sign_in_failures.last_failed_at <= $4 THEN 1 "
      "ELSE sign_in_failures.failures + 1 END, last_failed_at = excluded.last_failed_at",
      params);
  if (!counted) return counted.error();
  return Status::success();
}

Status forget_sign_in_failures(Connection& connection, std::string_view login,
                               std::string_view source) {
  const SqlValue params[] = {std::string(login), std::string(source)};
  auto removed = connection.execute(
      "DELETE FROM sign_in_failures WHERE login_digest = $1 AND source = $2", params);
  if (!removed) return removed.error();
  return Status::success();
}

Status forget_sign_in_failures(Connection& connection, std::string_view login) {
  const SqlValue params[] = {std::string(login)};
  auto removed = connection.execute("DELETE FROM sign_in_failures WHERE login_digest = $1", params);
  if (!removed) return removed.error();
  return Status::success();
}

Result<int64_t> remove_old_sign_in_failures(Connection& connection, Timestamp before) {
  const SqlValue params[] = {to_string(before)};
  return connection.execute("DELETE FROM sign_in_failures WHERE last_failed_at <= $1", params);
}

}  // namespace kam::store

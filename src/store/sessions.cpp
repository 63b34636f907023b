#include "store/sessions.hpp"

namespace kam::store {

Status save_session(Connection& connection, const NewSession& session) {
  const SqlValue params[] = {session.token_hash, session.user_id, session.csrf_token,
                             to_string(session.created_at), to_string(session.expires_at)};
  KAM_RETURN_IF_ERROR(connection.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      params));
  return Status::success();
}

Status end_session(Connection& connection, std::string_view token_hash) {
  const SqlValue params[] = {std::string(token_hash)};
  KAM_RETURN_IF_ERROR(connection.execute("DELETE FROM sessions WHERE token_hash = $1", params));
  return Status::success();
}

Result<std::optional<LiveSession>> live_session(Connection& connection, std::string_view token_hash,
                                                Timestamp now) {
  // LEFT JOIN: a session whose user was removed is found, without its user.
  static const std::string sql =
      "SELECT t.csrf_token, t.expires_at, " + std::string(kSignedInUserColumns) +
      " FROM sessions t LEFT JOIN users u ON u.id = t.user_id AND " +
      std::string(kActiveUserCondition) + " WHERE t.token_hash = $1 AND t.expires_at > $2";
  std::optional<LiveSession> found;
  const SqlValue params[] = {std::string(token_hash), to_string(now)};
  KAM_RETURN_IF_ERROR(connection.query(sql, params, [&](const Row& row) {
    LiveSession session;
    session.csrf_token = row.get_text(0);
    if (auto end = parse_timestamp(row.get_text(1))) session.expires_at = *end;
    session.user = read_signed_in_user(row, 2);
    found = std::move(session);
    return false;
  }));
  return found;
}

Result<int64_t> end_other_sessions(Connection& connection, int64_t user_id,
                                   std::string_view kept_token_hash) {
  const SqlValue params[] = {user_id, std::string(kept_token_hash)};
  return connection.execute("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", params);
}

Result<int64_t> remove_expired_sessions(Connection& connection, Timestamp now) {
  const SqlValue params[] = {to_string(now)};
  return connection.execute("DELETE FROM sessions WHERE expires_at <= $1", params);
}

}  // namespace kam::store

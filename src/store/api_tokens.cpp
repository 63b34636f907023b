#include "store/api_tokens.hpp"

namespace kam::store {

Result<int64_t> save_api_token(Connection& connection, std::string_view token_hash, int64_t user_id,
                               std::string_view name, Timestamp created_at) {
  const SqlValue params[] = {std::string(token_hash), user_id, std::string(name),
                             to_string(created_at)};
  return connection.insert(
      "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4)",
      params);
}

Result<std::vector<ApiToken>> api_tokens_of(Connection& connection, int64_t user_id) {
  std::vector<ApiToken> out;
  const SqlValue params[] = {user_id};
  KAM_RETURN_IF_ERROR(connection.query(
      "SELECT id, name, created_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id",
      params, [&](const Row& row) {
        ApiToken t;
        t.id = row.get_int(0);
        t.name = row.get_text(1);
        t.created_at = row.get_text(2);
        if (!row.is_null(3)) t.revoked_at = std::string(row.get_text(3));
        out.push_back(std::move(t));
        return true;
      }));
  return out;
}

Result<int64_t> revoke_api_token(Connection& connection, int64_t user_id, int64_t token_id,
                                 Timestamp now) {
  const SqlValue params[] = {to_string(now), token_id, user_id};
  return connection.execute(
      "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
      params);
}

Result<int64_t> revoke_api_tokens_of(Connection& connection, int64_t user_id, Timestamp now) {
  const SqlValue params[] = {to_string(now), user_id};
  return connection.execute(
      "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", params);
}

Result<std::optional<ActiveApiToken>> active_api_token(Connection& connection,
                                                       std::string_view token_hash) {
  // LEFT JOIN: a token whose user was removed is found, without its user.
  static const std::string sql = "SELECT " + std::string(kSignedInUserColumns) +
                                 " FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id AND " +
                                 std::string(kActiveUserCondition) +
                                 " WHERE t.token_hash = $1 AND t.revoked_at IS NULL";
  std::optional<ActiveApiToken> found;
  const SqlValue params[] = {std::string(token_hash)};
  KAM_RETURN_IF_ERROR(connection.query(sql, params, [&](const Row& row) {
    found = ActiveApiToken{read_signed_in_user(row, 0)};
    return false;
  }));
  return found;
}

}  // namespace kam::store

#include "store/user_credentials.hpp"

namespace kam::store {

Result<std::optional<UserPassword>> active_user_password(Connection& connection,
                                                         std::string_view login) {
  std::optional<UserPassword> found;
  const SqlValue params[] = {std::string(login)};
  KAM_RETURN_IF_ERROR(connection.query(
      "SELECT id, password_hash FROM users WHERE login = $1 AND deleted_at IS NULL AND active = 1",
      params, [&](const Row& row) {
        UserPassword user;
        user.user_id = row.get_int(0);
        user.login = std::string(login);
        if (!row.is_null(1)) user.password_hash = std::string(row.get_text(1));
        found = std::move(user);
        return false;
      }));
  return found;
}

Result<std::optional<UserPassword>> user_password(Connection& connection, int64_t user_id) {
  std::optional<UserPassword> found;
  const SqlValue params[] = {user_id};
  KAM_RETURN_IF_ERROR(connection.query("SELECT login, password_hash FROM users WHERE id = $1",
                                       params, [&](const Row& row) {
                                         UserPassword user;
                                         user.user_id = user_id;
                                         user.login = std::string(row.get_text(0));
                                         if (!row.is_null(1))
                                           user.password_hash = std::string(row.get_text(1));
                                         found = std::move(user);
                                         return false;
                                       }));
  return found;
}

Result<std::optional<std::string>> live_user_login(Connection& connection, int64_t user_id) {
  std::optional<std::string> login;
  const SqlValue params[] = {user_id};
  KAM_RETURN_IF_ERROR(connection.query(
      "SELECT login FROM users WHERE id = $1 AND deleted_at IS NULL", params, [&](const Row& row) {
        login = std::string(row.get_text(0));
        return false;
      }));
  return login;
}

Result<int64_t> set_password_hash(Connection& connection, int64_t user_id,
                                  std::string_view password_hash) {
  const SqlValue params[] = {std::string(password_hash), user_id};
  return connection.execute(
      "UPDATE users SET password_hash = $1 WHERE id = $2 AND deleted_at IS NULL", params);
}

Result<int64_t> count_administrators_who_can_sign_in(Connection& connection) {
  return query_int(
      connection,
      "SELECT COUNT(*) FROM users WHERE role = 'administrator' AND password_hash IS NOT "
      "NULL AND deleted_at IS NULL AND active = 1");
}

Result<int64_t> admin_login_user_id(Connection& connection) {
  return query_int(connection, "SELECT id FROM users WHERE login = 'admin' AND deleted_at IS NULL");
}

Result<bool> make_administrator_with_password(Connection& connection, int64_t user_id,
                                              std::string_view password_hash) {
  const SqlValue params[] = {std::string(password_hash), user_id};
  auto set = connection.execute(
      "UPDATE users SET role = 'administrator', active = 1, password_hash = $1 WHERE id = $2 AND "
      "(password_hash IS NULL OR role <> 'administrator' OR active = 0)",
      params);
  if (!set) return set.error();
  return *set == 1;
}

}  // namespace kam::store

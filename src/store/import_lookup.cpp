#include "store/import_lookup.hpp"

#include <algorithm>

#include "store/entity_dispatch.hpp"
#include "store/entity_mapping.hpp"
#include "store/record_fields.hpp"

namespace kam::store {
namespace {

// Whether `table` is a table of records, with the column `column` when one is given: these
// names are spliced into the statements below.
Status check_table(std::string_view table, std::string_view column = {}) {
  auto known = with_entity(table, [&](auto type) -> Result<bool> {
    using T = typename decltype(type)::type;
    if (EntityTraits<T>::table != table) return false;
    bool found = column.empty();
    detail::for_each_column(EntityTraits<T>::columns, [&](const auto& c) {
      if (c.name == column) found = true;
    });
    return found;
  });
  if (known && *known) return Status::success();
  return Error::internal("an import looks up '" + std::string(table) +
                         (column.empty() ? "" : "." + std::string(column)) +
                         "', which is not a table or column of records");
}

}  // namespace

Result<std::unordered_set<int64_t>> live_record_ids(Connection& connection,
                                                    std::string_view table) {
  KAM_RETURN_IF_ERROR(check_table(table));
  std::unordered_set<int64_t> ids;
  KAM_RETURN_IF_ERROR(
      connection.query("SELECT id FROM " + std::string(table) + " WHERE deleted_at IS NULL", {},
                       [&](const Row& row) {
                         ids.insert(row.get_int(0));
                         return true;
                       }));
  return ids;
}

Result<std::vector<RecordNames>> live_record_names(Connection& connection, std::string_view table) {
  KAM_RETURN_IF_ERROR(check_table(table));
  std::string sql;
  if (table == "accounts") sql = "SELECT id, name, credit_code FROM accounts";
  if (table == "users") sql = "SELECT id, login, display_name FROM users";
  if (table == "teams") sql = "SELECT id, name, NULL FROM teams";
  if (table == "product_lines") sql = "SELECT id, name, code FROM product_lines";
  if (table == "orders") sql = "SELECT id, order_no, NULL FROM orders";
  if (table == "invoices") sql = "SELECT id, invoice_no, NULL FROM invoices";
  if (table == "contacts") sql = "SELECT id, account_id, name FROM contacts";
  if (table == "opportunities") sql = "SELECT id, account_id, name FROM opportunities";
  std::vector<RecordNames> out;
  if (sql.empty()) return out;  // named by id only
  const bool within_account = table == "contacts" || table == "opportunities";
  KAM_RETURN_IF_ERROR(connection.query(sql + " WHERE deleted_at IS NULL", {}, [&](const Row& row) {
    RecordNames names;
    names.id = row.get_int(0);
    if (within_account) {
      names.account_id = row.get_int(1);
      names.name = std::string(row.get_text(2));
    } else {
      names.name = std::string(row.get_text(1));
      if (!row.is_null(2)) names.other_name = std::string(row.get_text(2));
    }
    out.push_back(std::move(names));
    return true;
  }));
  return out;
}

Result<std::vector<std::pair<int64_t, std::string>>> live_names(Connection& connection,
                                                                std::string_view table) {
  KAM_RETURN_IF_ERROR(check_table(table, "name"));
  std::vector<std::pair<int64_t, std::string>> out;
  KAM_RETURN_IF_ERROR(
      connection.query("SELECT id, name FROM " + std::string(table) + " WHERE deleted_at IS NULL",
                       {}, [&](const Row& row) {
                         out.emplace_back(row.get_int(0), std::string(row.get_text(1)));
                         return true;
                       }));
  return out;
}

Result<std::unordered_map<std::string, int64_t>> live_records_holding(
    Connection& connection, std::string_view table, std::string_view column,
    const std::vector<std::string>& keys) {
  KAM_RETURN_IF_ERROR(check_table(table, column));
  std::unordered_map<std::string, int64_t> found;
  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < keys.size(); at += kChunk) {
    std::vector<SqlValue> params;
    std::string sql = "SELECT id, " + std::string(column) + " FROM " + std::string(table) +
                      " WHERE deleted_at IS NULL AND " + std::string(column) + " IN (";
    for (size_t i = at; i < std::min(keys.size(), at + kChunk); ++i) {
      params.emplace_back(keys[i]);
      sql += (i == at ? "$" : ", $") + std::to_string(params.size());
    }
    KAM_RETURN_IF_ERROR(connection.query(sql + ")", params, [&](const Row& row) {
      found.emplace(std::string(row.get_text(1)), row.get_int(0));
      return true;
    }));
  }
  return found;
}

}  // namespace kam::store

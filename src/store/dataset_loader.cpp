#include "store/dataset_loader.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "analytics/wide_int.hpp"

namespace kam::store {
namespace {

// Dates arrive as 'YYYY-MM-DD' text; a malformed one means the database was edited
// outside KAM, reported with the table it came from.
struct DayReader {
  Status status;
  Day read(std::string_view text, const char* table) {
    auto day = parse_date(text.substr(0, 10));
    if (!day) {
      if (status)
        status = Error::io(std::string("malformed date in ") + table + ": " + std::string(text));
      return Day{};
    }
    return *day;
  }
};

// " AND <column> IN (ids)" narrowing a query to some accounts, or nothing for all of them.
// The ids are numbers the caller read from the database, written as digits.
std::string narrowed_to(const std::optional<std::span<const int64_t>>& accounts,
                        std::string_view column) {
  if (!accounts) return {};
  std::string sql = std::string(" AND ") + std::string(column) + " IN (";
  for (size_t i = 0; i < accounts->size(); ++i)
    sql += (i ? "," : "") + std::to_string((*accounts)[i]);
  return sql + ")";
}

// The whole dataset, or with `accounts` only those accounts and their rows. `parent_ids`
// receives each loaded account's parent id as stored, whether or not the parent is loaded.
Result<analytics::Dataset> load(Connection& c, std::optional<std::span<const int64_t>> accounts,
                                std::vector<std::optional<int64_t>>* parent_ids) {
  analytics::DatasetBuilder b;
  DayReader days;
  if (accounts && accounts->empty()) return b.finish();

  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, importance, parent_id, COALESCE(province, ''), ownership FROM accounts "
              "WHERE deleted_at IS NULL" +
                  narrowed_to(accounts, "id") + " ORDER BY id",
              {}, [&](const Row& row) {
                const auto importance =
                    enum_from_text<Importance>(row.get_text(1)).value_or(Importance::kNone);
                std::optional<int64_t> parent;
                if (!row.is_null(2)) parent = row.get_int(2);
                if (parent_ids) parent_ids->push_back(parent);
                b.add_account(row.get_int(0), importance, parent, row.get_text(3),
                              row.get_text(4) == "government");
                return true;
              }));

  std::unordered_map<int64_t, int16_t> line_index;
  KAM_RETURN_IF_ERROR(c.query("SELECT id FROM product_lines ORDER BY id", {}, [&](const Row& row) {
    line_index.emplace(row.get_int(0), static_cast<int16_t>(line_index.size()));
    return true;
  }));
  b.set_product_lines(static_cast<int>(line_index.size()));

  KAM_RETURN_IF_ERROR(
      c.query("SELECT account_id, order_date, amount, gross_margin, product_line_id FROM orders "
              "WHERE deleted_at IS NULL" +
                  narrowed_to(accounts, "account_id"),
              {}, [&](const Row& row) {
                int16_t line = -1;
                if (!row.is_null(4)) {
                  const auto it = line_index.find(row.get_int(4));
                  if (it != line_index.end()) line = it->second;
                }
                b.add_order(row.get_int(0), days.read(row.get_text(1), "orders"), row.get_int(2),
                            row.get_int(3), line);
                return true;
              }));

  // A return takes back the margin of what was returned: its share of the order's margin.
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT r.account_id, r.return_date, r.amount, o.amount, o.gross_margin FROM order_returns r "
      "LEFT JOIN orders o ON o.id = r.order_id WHERE r.deleted_at IS NULL" +
          narrowed_to(accounts, "r.account_id"),
      {}, [&](const Row& row) {
        const int64_t amount = row.get_int(2);
        int64_t margin = amount;
        if (!row.is_null(3) && row.get_int(3) > 0) {
          margin =
              static_cast<int64_t>(analytics::Int128{amount} * row.get_int(4) / row.get_int(3));
        }
        b.add_return(row.get_int(0), days.read(row.get_text(1), "order_returns"), amount, margin);
        return true;
      }));

  KAM_RETURN_IF_ERROR(c.query(
      "SELECT account_id, id, invoice_date, due_date, amount FROM invoices WHERE deleted_at IS "
      "NULL" +
          narrowed_to(accounts, "account_id"),
      {}, [&](const Row& row) {
        b.add_invoice(row.get_int(0), row.get_int(1), days.read(row.get_text(2), "invoices"),
                      days.read(row.get_text(3), "invoices"), row.get_int(4));
        return true;
      }));

  KAM_RETURN_IF_ERROR(c.query(
      "SELECT account_id, invoice_id, paid_date, amount FROM payments WHERE deleted_at IS NULL" +
          narrowed_to(accounts, "account_id"),
      {}, [&](const Row& row) {
        std::optional<int64_t> invoice;
        if (!row.is_null(1)) invoice = row.get_int(1);
        b.add_payment(row.get_int(0), invoice, days.read(row.get_text(2), "payments"),
                      row.get_int(3));
        return true;
      }));

  KAM_RETURN_IF_ERROR(
      c.query("SELECT account_id, occurred_at, minutes FROM activities WHERE deleted_at IS NULL" +
                  narrowed_to(accounts, "account_id"),
              {}, [&](const Row& row) {
                b.add_activity(row.get_int(0), days.read(row.get_text(1), "activities"),
                               static_cast<int32_t>(row.get_int(2)));
                return true;
              }));

  KAM_RETURN_IF_ERROR(
      c.query("SELECT account_id, received_on, kind FROM feedback WHERE deleted_at IS NULL" +
                  narrowed_to(accounts, "account_id"),
              {}, [&](const Row& row) {
                const auto kind = enum_from_text<FeedbackKind>(row.get_text(2));
                if (kind)
                  b.add_feedback(row.get_int(0), days.read(row.get_text(1), "feedback"), *kind);
                return true;
              }));
  KAM_RETURN_IF_ERROR(days.status);
  return b.finish();
}

}  // namespace

Result<analytics::Dataset> load_dataset(Connection& c) {
  return load(c, std::nullopt, nullptr);
}

Result<analytics::AccountRows> load_account_rows(Connection& c,
                                                 std::span<const int64_t> account_ids) {
  std::vector<int64_t> ids(account_ids.begin(), account_ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  analytics::AccountRows out;
  auto data = load(c, std::span<const int64_t>(ids), &out.parent_ids);
  if (!data) return data.error();
  out.data = std::move(*data);
  out.changed = std::move(ids);
  return out;
}

Result<std::vector<DatasetProductLine>> dataset_product_lines(Connection& c) {
  std::vector<DatasetProductLine> lines;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, version, code, name, segment_action, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 "
      "END FROM product_lines "
      "ORDER BY id",
      {}, [&](const Row& row) {
        DatasetProductLine line;
        line.id = row.get_int(0);
        line.version = row.get_int(1);
        line.code = std::string(row.get_text(2));
        line.name = std::string(row.get_text(3));
        if (!row.is_null(4)) line.segment_action = std::string(row.get_text(4));
        line.deleted = row.get_int(5) != 0;
        lines.push_back(std::move(line));
        return true;
      }));
  return lines;
}

Result<std::vector<std::string>> live_account_names(Connection& c) {
  std::vector<std::string> names;
  KAM_RETURN_IF_ERROR(c.query("SELECT id, name FROM accounts WHERE deleted_at IS NULL ORDER BY id",
                              {}, [&](const Row& row) {
                                names.emplace_back(row.get_text(1));
                                return true;
                              }));
  return names;
}

}  // namespace kam::store

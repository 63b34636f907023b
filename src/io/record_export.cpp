#include "io/record_export.hpp"

#include <cstdio>
#include <unordered_map>

#include "io/vcard_writer.hpp"
#include "io/xlsx_writer.hpp"
#include "store/entity_dispatch.hpp"
#include "store/repository.hpp"

namespace kam::io {
namespace {

// An Excel sheet's rows, less the header.
constexpr size_t kMaxSheetRows = 1'048'575;

// Cells keep the field's type, so that XLSX shows money as yuan, dates as dates and instants
// as dates with a time of day (China Standard Time); CSV writes the same text the API uses
// (money "1234.50", dates "2024-05-01", instants "2024-05-01T01:30:00Z").
XlsxValue cell(const std::string& v) {
  return v;
}
XlsxValue cell(int64_t v) {
  return v;
}
XlsxValue cell(bool v) {
  return std::string(v ? "true" : "false");
}
XlsxValue cell(Money v) {
  return v;
}
XlsxValue cell(Day v) {
  return v;
}
XlsxValue cell(Timestamp v) {
  return v;
}
template <store::StoredEnum E>
XlsxValue cell(E v) {
  return std::string(code_of(v));
}
template <class M>
XlsxValue cell(const std::optional<M>& v) {
  return v ? cell(*v) : XlsxValue{};
}

std::string csv_text(const XlsxValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return "";
        } else if constexpr (std::is_same_v<V, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<V, int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<V, double>) {
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "%.15g", v);
          return buffer;
        } else if constexpr (std::is_same_v<V, Share>) {
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "%.15g", v.value);
          return buffer;
        } else {
          return to_string(v);  // Money, Day, Timestamp
        }
      },
      value);
}

// Text a spreadsheet would run as a formula (=HYPERLINK(...), +cmd|...) when the file is
// opened: prefixed with an apostrophe, which Excel shows as plain text. Phone numbers such
// as +86 138 0000 0000 are left as they are.
bool looks_like_formula(std::string_view text) {
  if (text.empty()) return false;
  const char first = text.front();
  if (first == '=' || first == '@' || first == '\t' || first == '\r') return true;
  if (first != '+' && first != '-') return false;
  return text.substr(1).find_first_not_of("0123456789 -().") != std::string_view::npos;
}

// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, quotes doubled.
void append_csv_field(std::string& out, const XlsxValue& value) {
  std::string text = csv_text(value);
  if (std::holds_alternative<std::string>(value) && looks_like_formula(text))
    text.insert(0, 1, '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_row(std::string& out, const std::vector<XlsxValue>& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, row[i]);
  }
  out += "\r\n";
}

// The exported fields of T: id, the record's columns, when it was created and changed (and
// deleted, when deleted records are asked for). The version and the derived search key are
// internal.
template <class T>
std::vector<std::string> field_names(bool with_deleted) {
  std::vector<std::string> names{"id"};
  store::detail::for_each_column(store::EntityTraits<T>::columns, [&](const auto& column) {
    if (std::string_view(column.name) != "search_key") names.emplace_back(column.name);
  });
  names.emplace_back("created_at");
  names.emplace_back("updated_at");
  if (with_deleted) names.emplace_back("deleted_at");
  return names;
}

template <class T>
std::vector<XlsxValue> field_cells(const T& record, bool with_deleted) {
  std::vector<XlsxValue> cells{record.meta.id};
  store::detail::for_each_column(store::EntityTraits<T>::columns, [&](const auto& column) {
    if (std::string_view(column.name) != "search_key")
      cells.push_back(cell(record.*(column.member)));
  });
  cells.push_back(cell(record.meta.created_at));
  cells.push_back(cell(record.meta.updated_at));
  if (with_deleted) cells.push_back(cell(record.meta.deleted_at));
  return cells;
}

// What a person knows a record by, and the importer (app/import_records) looks it up by in a
// reference column: an account's unified social credit code, else its name; a contact's or
// opportunity's name (within the row's account); an order's or invoice's number; a team's or
// product line's name; a user's login. nullopt for records named by id alone.
std::optional<std::string> natural_key(const Account& a) {
  return a.credit_code && !a.credit_code->empty() ? *a.credit_code : a.name;
}
std::optional<std::string> natural_key(const Contact& c) {
  return c.name;
}
std::optional<std::string> natural_key(const Opportunity& o) {
  return o.name;
}
std::optional<std::string> natural_key(const Order& o) {
  return o.order_no;
}
std::optional<std::string> natural_key(const Invoice& i) {
  return i.invoice_no;
}
std::optional<std::string> natural_key(const Team& t) {
  return t.name;
}
std::optional<std::string> natural_key(const ProductLine& p) {
  return p.name;
}
std::optional<std::string> natural_key(const User& u) {
  return u.login;
}

constexpr std::string_view kNamedTables[] = {"accounts", "contacts", "opportunities", "orders",
                                             "invoices", "teams",    "product_lines", "users"};

// The cells of a file's reference columns: the natural key of the record an id names, so
// that the file links the same records when imported into another database, whose ids differ.
// Read once per referenced table, deleted records included (the importer then refuses a key
// no live record holds, by line); a record outside the reader's scope is left out, since a
// reader may not learn what they may not see.
class ReferenceKeys {
 public:
  ReferenceKeys(store::Store& store, const ExportRequest& request)
      : store_(store), request_(request) {}

  // Replaces the id in each reference cell (at `columns`, with their tables) by its key.
  Status replace(std::vector<XlsxValue>& cells,
                 const std::vector<std::pair<size_t, std::string_view>>& columns) {
    for (const auto& [at, table] : columns) {
      const auto* id = std::get_if<int64_t>(&cells[at]);
      if (!id) continue;
      auto keys = keys_of(table);
      if (!keys) return keys.error();
      const auto found = (*keys)->find(*id);
      cells[at] = found == (*keys)->end() ? XlsxValue{} : XlsxValue{found->second};
    }
    return Status::success();
  }

  static bool named(std::string_view table) {
    for (std::string_view t : kNamedTables)
      if (t == table) return true;
    return false;
  }

 private:
  Result<const std::unordered_map<int64_t, std::string>*> keys_of(std::string_view table) {
    auto [it, added] = keys_.try_emplace(std::string(table));
    if (!added) return &it->second;
    auto& keys = it->second;
    store::ListQuery query;
    query.deleted = store::DeletedRecords::kInclude;
    if (request_.reference_scope) query.scope = request_.reference_scope(table);
    Status read = store::with_entity(table, [&]<class R>(std::type_identity<R>) -> Status {
      if constexpr (requires(const R& r) { natural_key(r); }) {
        return store_.repository<R>().for_each(query, [&](const R& record) -> Status {
          if (auto key = natural_key(record)) keys.emplace(record.meta.id, std::move(*key));
          return Status::success();
        });
      } else {
        return Error::internal("no natural key for " + std::string(table));
      }
    });
    if (!read) {
      keys_.erase(it);
      return read.error();
    }
    return &keys;
  }

  store::Store& store_;
  const ExportRequest& request_;
  std::unordered_map<std::string, std::unordered_map<int64_t, std::string>> keys_;
};

template <class T>
Result<ExportFile> export_table(store::Store& store, const ExportRequest& request) {
  constexpr std::string_view table = store::EntityTraits<T>::table;
  const bool with_deleted = request.query.deleted != store::DeletedRecords::kExclude;
  const auto names = field_names<T>(with_deleted);
  // The reference columns written as natural keys, by position among the fields.
  std::vector<std::pair<size_t, std::string_view>> references;
  for (size_t i = 0; i < names.size(); ++i)
    for (const auto& r : store::EntityTraits<T>::references)
      if (r.column == names[i] && ReferenceKeys::named(r.table))
        references.emplace_back(i, r.table);
  ReferenceKeys reference_keys(store, request);
  auto row_cells = [&](const T& record) -> Result<std::vector<XlsxValue>> {
    auto cells = field_cells(record, with_deleted);
    KAM_RETURN_IF_ERROR(reference_keys.replace(cells, references));
    return cells;
  };
  std::vector<bool> keep(names.size(), true);
  std::vector<XlsxColumn> columns;
  std::vector<XlsxValue> header;
  for (size_t i = 0; i < names.size(); ++i) {
    keep[i] = !request.hidden || !request.hidden(table, names[i]);
    if (!keep[i]) continue;
    columns.push_back({names[i], 0});
    header.emplace_back(names[i]);
  }
  auto visible = [&](std::vector<XlsxValue> cells) {
    std::vector<XlsxValue> out;
    out.reserve(columns.size());
    for (size_t i = 0; i < cells.size(); ++i)
      if (keep[i]) out.push_back(std::move(cells[i]));
    return out;
  };

  ExportFile file;
  file.filename = std::string(table) + "-" + to_string(request.today);
  if (request.format == ExportFormat::kCsv) {
    file.content_type = "text/csv; charset=utf-8";
    file.filename += ".csv";
    file.bytes = "\xEF\xBB\xBF";
    append_csv_row(file.bytes, header);
    KAM_RETURN_IF_ERROR(
        store.repository<T>().for_each(request.query, [&](const T& record) -> Status {
          auto cells = row_cells(record);
          if (!cells) return cells.error();
          append_csv_row(file.bytes, visible(std::move(*cells)));
          ++file.records;
          return Status::success();
        }));
    return file;
  }

  XlsxSheet sheet{std::string(table), std::move(columns), {}, {}, {}};
  KAM_RETURN_IF_ERROR(store.repository<T>().for_each(request.query, [&](const T& record) -> Status {
    if (sheet.rows.size() == kMaxSheetRows)
      return Error::invalid("format",
                            "an XLSX sheet holds at most 1,048,575 records; export "
                            "fewer (filter with where) or as csv");
    auto cells = row_cells(record);
    if (!cells) return cells.error();
    sheet.rows.push_back(visible(std::move(*cells)));
    return Status::success();
  }));
  file.records = sheet.rows.size();
  std::vector<XlsxSheet> sheets;
  sheets.push_back(std::move(sheet));  // not through an initializer list, which would copy
  auto bytes = write_xlsx_bytes(sheets);
  if (!bytes) return bytes.error();
  file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  file.filename += ".xlsx";
  file.bytes = std::move(*bytes);
  return file;
}

Result<ExportFile> export_vcards(store::Store& store, const ExportRequest& request) {
  ExportFile file;
  file.content_type = "text/vcard; charset=utf-8";
  file.filename = "contacts-" + to_string(request.today) + ".vcf";
  std::unordered_map<int64_t, std::string> account_names;
  auto accounts = store.repository<Account>();
  KAM_RETURN_IF_ERROR(
      store.repository<Contact>().for_each(request.query, [&](const Contact& contact) -> Status {
        auto name = account_names.find(contact.account_id);
        if (name == account_names.end()) {
          auto account = accounts.get(contact.account_id, store::DeletedRecords::kInclude);
          if (!account) return account.error();
          name = account_names.emplace(contact.account_id, account->name).first;
        }
        file.bytes += write_vcard(vcard_for_contact(contact, name->second));
        ++file.records;
        return Status::success();
      }));
  return file;
}

}  // namespace

Result<ExportFormat> parse_export_format(std::string_view text) {
  if (text == "csv") return ExportFormat::kCsv;
  if (text == "xlsx") return ExportFormat::kXlsx;
  if (text == "vcf") return ExportFormat::kVcf;
  return Error::invalid("format", "'" + std::string(text) + "' is not one of: csv, xlsx, vcf");
}

Result<std::string> entity_table(std::string_view entity) {
  return store::with_entity(entity, []<class T>(std::type_identity<T>) -> Result<std::string> {
    return std::string(store::EntityTraits<T>::table);
  });
}

Result<ExportFile> export_records(store::Store& store, const ExportRequest& request) {
  return store::with_entity(
      request.entity, [&]<class T>(std::type_identity<T>) -> Result<ExportFile> {
        if (request.format == ExportFormat::kVcf) {
          if constexpr (std::is_same_v<T, Contact>) {
            return export_vcards(store, request);
          } else {
            return Error::invalid("format", "vcf is offered for contacts only");
          }
        }
        return export_table<T>(store, request);
      });
}

}  // namespace kam::io

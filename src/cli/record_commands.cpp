// Generic commands over any record type: list, show, history, update, delete, restore.

#include <algorithm>
#include <iostream>
#include <sstream>

#include "app/record_writes.hpp"
#include "cli/commands.hpp"
#include "store/entity_dispatch.hpp"
#include "store/record_fields.hpp"

namespace kam::cli {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, sep);)
    if (!part.empty()) out.push_back(part);
  return out;
}

// The columns a person wants first; everything else is one `--columns all` away.
template <class T>
std::vector<std::string> default_columns() {
  if constexpr (std::is_same_v<T, Account>)
    return {"id", "name", "city", "industry_code", "ownership", "status", "owner_id"};
  if constexpr (std::is_same_v<T, Contact>)
    return {"id", "account_id", "name", "title", "department", "mobile", "email"};
  if constexpr (std::is_same_v<T, Order>)
    return {"id",     "account_id",   "order_no",       "order_date",
            "amount", "gross_margin", "product_line_id"};
  if constexpr (std::is_same_v<T, Activity>)
    return {"id", "account_id", "kind", "occurred_at", "minutes", "subject", "outcome"};
  std::vector<std::string> all;
  for (const auto& f : store::Repository<T>::fields())
    if (f.name != "version" && f.name != "created_at" && f.name != "updated_at" &&
        f.name != "deleted_at")
      all.emplace_back(f.name);
  return all;
}

bool is_numeric_column(std::string_view name) {
  return name == "id" || name.ends_with("_id") || name == "amount" || name == "gross_margin" ||
         name == "value" || name == "minutes" || name == "employees" || name == "version" ||
         name == "registered_capital" || name == "annual_revenue" || name == "list_price";
}

Result<store::DeletedRecords> parse_deleted(const std::string& text) {
  if (text == "exclude") return store::DeletedRecords::kExclude;
  if (text == "include") return store::DeletedRecords::kInclude;
  if (text == "only") return store::DeletedRecords::kOnly;
  return Error::invalid("deleted", "must be exclude, include or only");
}

template <class T>
Status list_records(store::Store& store, const ListArgs& args, std::ostream& out) {
  store::ListQuery query;
  for (const auto& expr : args.where) {
    auto filter = store::parse_filter(expr);
    if (!filter) return filter.error();
    query.filters.push_back(std::move(*filter));
  }
  query.sort = args.sort;
  query.descending = args.descending;
  query.limit = args.limit;
  query.after = args.after;
  auto deleted = parse_deleted(args.deleted);
  if (!deleted) return deleted.error();
  query.deleted = *deleted;
  auto repo = store.repository<T>();
  if (args.count) {
    auto n = repo.count(query);
    if (!n) return n.error();
    out << *n << '\n';
    return Status::success();
  }

  std::vector<std::string> columns =
      args.columns.empty() ? default_columns<T>() : split(args.columns, ',');
  if (args.columns == "all") {
    columns.clear();
    for (const auto& f : store::Repository<T>::fields())
      columns.emplace_back(f.name);
  }
  for (const auto& c : columns) {
    const auto& fields = store::Repository<T>::fields();
    if (std::none_of(fields.begin(), fields.end(), [&](const auto& f) { return f.name == c; })) {
      return Error::invalid(
          "columns", "'" + c + "' is not a field of " + std::string(store::EntityTraits<T>::table));
    }
  }
  auto page = repo.list(query);
  if (!page) return page.error();
  TextTable table;
  table.columns = columns;
  for (const auto& c : columns)
    table.right_aligned.push_back(is_numeric_column(c));
  for (const auto& record : page->items) {
    const auto texts = store::field_texts(record);
    std::vector<std::optional<std::string>> row;
    for (const auto& c : columns) {
      for (const auto& [name, value] : texts)
        if (name == c) row.push_back(value);
    }
    table.rows.push_back(std::move(row));
  }
  print(out, table, args.format);
  if (!page->next_cursor.empty())
    std::cerr << "more rows: add --after " << page->next_cursor << '\n';
  return Status::success();
}

template <class T>
Status show_record(store::Store& store, int64_t id, std::ostream& out) {
  auto record = store.repository<T>().get(id, store::DeletedRecords::kInclude);
  if (!record) return record.error();
  TextTable table;
  table.columns = {"field", "value"};
  for (const auto& [name, value] : store::field_texts(*record)) {
    if (value) table.rows.push_back({std::string(name), value});
  }
  print_table(out, table, 80);
  return Status::success();
}

}  // namespace

Status show_account(store::Store& store, int64_t id, std::ostream& out);  // account_view.cpp

Status run_list(const CommandContext& ctx, const ListArgs& args, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  return store::with_entity(args.entity, [&]<class T>(std::type_identity<T>) {
    return list_records<T>(**store, args, out);
  });
}

Status run_show(const CommandContext& ctx, const std::string& entity, int64_t id,
                std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  return store::with_entity(entity, [&]<class T>(std::type_identity<T>) {
    if constexpr (std::is_same_v<T, Account>) return show_account(**store, id, out);
    return show_record<T>(**store, id, out);
  });
}

Status run_history(const CommandContext& ctx, const std::string& entity, int64_t id, Format format,
                   std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto print_trail = [&](std::string_view audited) -> Status {
    auto trail = store::audit_history((*store)->connection(), audited, id);
    if (!trail) return trail.error();
    TextTable table;
    table.columns = {"at", "actor", "action", "field", "old", "new"};
    for (const auto& e : *trail) {
      table.rows.push_back({to_string(e.at), e.actor, e.action, e.field, e.old_value, e.new_value});
    }
    print(out, table, format);
    return Status::success();
  };
  // Alerts are not records one edits, but what their owner did with them is audited.
  if (entity == "alert") return print_trail("alert");
  return store::with_entity(entity, [&]<class T>(std::type_identity<T>) -> Status {
    return print_trail(store::EntityTraits<T>::entity);
  });
}

Status run_update(const CommandContext& ctx, const UpdateArgs& args, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  return store::with_entity(args.entity, [&]<class T>(std::type_identity<T>) -> Status {
    auto repo = (*store)->repository<T>();
    auto record = repo.get(args.id);
    if (!record) return record.error();
    if (args.version != 0) record->meta.version = args.version;
    app::FieldAssignments assignments;
    for (const auto& assignment : args.assignments) {
      const auto eq = assignment.find('=');
      if (eq == std::string::npos || eq == 0)
        return Error::invalid("set", "'" + assignment + "' is not field=value");
      assignments.emplace_back(assignment.substr(0, eq), assignment.substr(eq + 1));
    }
    KAM_RETURN_IF_ERROR(app::assign_fields(*record, assignments));
    KAM_RETURN_IF_ERROR(app::update_record(**store, *record, ctx.actor()));
    out << store::EntityTraits<T>::entity << ' ' << args.id << " is now version "
        << record->meta.version << '\n';
    return Status::success();
  });
}

Status run_delete(const CommandContext& ctx, const std::string& entity, int64_t id, int64_t version,
                  std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  return store::with_entity(entity, [&]<class T>(std::type_identity<T>) -> Status {
    KAM_RETURN_IF_ERROR(app::delete_record<T>(**store, id, ctx.actor(), version));
    out << store::EntityTraits<T>::entity << ' ' << id << " deleted; `kam restore " << entity << ' '
        << id << "` brings it back\n";
    return Status::success();
  });
}

Status run_restore(const CommandContext& ctx, const std::string& entity, int64_t id,
                   std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  return store::with_entity(entity, [&]<class T>(std::type_identity<T>) -> Status {
    KAM_RETURN_IF_ERROR(app::restore_record<T>(**store, id, ctx.actor()));
    out << store::EntityTraits<T>::entity << ' ' << id << " restored\n";
    return Status::success();
  });
}

}  // namespace kam::cli

// Downloads: GET /api/{entity}/export (every record of a list the user may see, as CSV,
// XLSX or vCard), GET /api/contacts/{id}/vcard, and GET /api/analysis/workbook.xlsx.

#include "core/pinyin.hpp"
#include "io/vcard_writer.hpp"
#include "io/xlsx_writer.hpp"
#include "server/analysis_workbook.hpp"
#include "server/record_export.hpp"
#include "server/route_groups.hpp"

namespace kam::server {
namespace {

// The list's own parameters (record_routes.cpp) less the paging ones, since an export has
// every match, plus the format. Unknown parameters are errors naming them.
Result<ExportRequest> export_request(const RequestContext& ctx, std::string* search) {
  ExportRequest request;
  request.entity = ctx.path.at("entity");
  std::vector<FieldError> problems;
  for (const auto& [key, value] : ctx.query) {
    if (key == "format") {
      auto format = parse_export_format(value);
      if (format) {
        request.format = *format;
      } else {
        problems.push_back(format.error().fields.front());
      }
    } else if (key == "where") {
      auto filter = store::parse_filter(value);
      if (filter) {
        request.query.filters.push_back(std::move(*filter));
      } else {
        problems.push_back({"where", filter.error().fields.front().message});
      }
    } else if (key == "sort") {
      request.query.sort = value;
    } else if (key == "desc") {
      request.query.descending = value == "true" || value == "1";
    } else if (key == "q") {
      *search = value;
    } else if (key == "deleted") {
      if (value == "include") {
        request.query.deleted = store::DeletedRecords::kInclude;
      } else if (value == "only") {
        request.query.deleted = store::DeletedRecords::kOnly;
      } else if (value != "exclude") {
        problems.push_back({"deleted", "must be exclude, include or only"});
      }
    } else {
      problems.push_back(
          {key, "is not a query parameter here; use format, where, sort, desc, q, deleted"});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return request;
}

// The list's search (record_routes.cpp): names and their pinyin of accounts and contacts.
Result<store::TrustedCondition> search_condition(std::string_view table, const std::string& text) {
  if (table != "accounts" && table != "contacts")
    return Error::invalid("q", "search is offered on accounts and contacts");
  const std::string needle = normalize_search_text(text);
  if (needle.empty()) return Error::invalid("q", "must contain something to search for");
  store::TrustedCondition c;
  c.sql = "name LIKE ? ESCAPE '\\' OR search_key LIKE ? ESCAPE '\\'";
  c.params = {store::like_pattern(text), store::like_pattern(needle)};
  if (table == "accounts") {
    c.sql += " OR short_name LIKE ? ESCAPE '\\'";
    c.params.emplace_back(store::like_pattern(text));
  }
  return c;
}

// A role that may not see a financial field may not filter or sort on it either: which
// records come out, and in which order, would reveal the values.
Status check_query_fields(std::string_view table, const store::ListQuery& q,
                          const AccessControl& access) {
  if (access.permissions().financial) return Status::success();
  auto hidden = [&](std::string_view f) { return access.policy().is_financial(table, f); };
  if (hidden(q.sort)) return Error::forbidden("your role may not sort on " + q.sort);
  for (const auto& f : q.filters)
    if (hidden(f.field)) return Error::forbidden("your role may not filter on " + f.field);
  return Status::success();
}

Response file_response(std::string bytes, std::string_view content_type, std::string_view filename,
                       const Request& request) {
  Response res{http::status::ok, request.version()};
  res.set(http::field::content_type, content_type);
  res.set(http::field::content_disposition, attachment_disposition(filename));
  res.body() = std::move(bytes);
  res.keep_alive(request.keep_alive());
  res.prepare_payload();
  return res;
}

// As GET /api/analysis (analysis_routes.cpp): period=FROM..TO and nothing else.
Result<analytics::Period> period_of(const QueryParams& query, Day today) {
  for (const auto& [key, value] : query) {
    if (key != "period")
      return Error::invalid(key, "is not a query parameter here; use period=FROM..TO");
  }
  const auto it = query.find("period");
  return analytics::parse_period(it == query.end() ? std::string_view() : it->second, today);
}

}  // namespace

void add_export_routes(Router& router, ApiServices& api) {
  router.add(http::verb::get, "/api/{entity}/export",
             [&api](const RequestContext& ctx) -> Result<Response> {
               std::string search;
               auto request = export_request(ctx, &search);
               if (!request) return request.error();
               auto table = entity_table(request->entity);
               if (!table) return table.error();
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               KAM_RETURN_IF_ERROR(check_query_fields(*table, request->query, *access));
               request->query.scope = access->scope(*table, Intent::kRead);
               if (!search.empty()) {
                 auto condition = search_condition(*table, search);
                 if (!condition) return condition.error();
                 store::add_condition(request->query.scope, std::move(*condition));
               }
               if (!access->permissions().financial) {
                 request->hidden = [&policy = access->policy()](std::string_view t,
                                                                std::string_view field) {
                   return policy.is_financial(t, field);
                 };
               }
               request->today = api.clock.today();
               auto file = export_records(*store, *request);
               if (!file) return file.error();
               return file_response(std::move(file->bytes), file->content_type, file->filename,
                                    ctx.request);
             });

  router.add(
      http::verb::get, "/api/contacts/{id}/vcard",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "contacts", *id, Intent::kRead));
        auto contact = store->repository<Contact>().get(*id);
        if (!contact) return contact.error();
        auto account =
            store->repository<Account>().get(contact->account_id, store::DeletedRecords::kInclude);
        if (!account) return account.error();
        return file_response(io::write_vcard(io::vcard_for_contact(*contact, account->name)),
                             "text/vcard; charset=utf-8", "contact-" + std::to_string(*id) + ".vcf",
                             ctx.request);
      });

  router.add(http::verb::get, "/api/analysis/workbook.xlsx",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto period = period_of(ctx.query, api.clock.today());
               if (!period) return period.error();
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               // Company-wide figures, as GET /api/analysis.
               const RolePermissions& p = access->permissions();
               if (p.visibility != Visibility::kAll || !p.financial)
                 return Error::forbidden(
                     "company-wide figures are for directors, analysts and administrators");
               auto sheets = analysis_workbook(*store, *period);
               if (!sheets) return sheets.error();
               auto bytes = io::write_xlsx_bytes(*sheets);
               if (!bytes) return bytes.error();
               return file_response(
                   std::move(*bytes),
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "analysis-" + to_string(period->from) + "-" + to_string(period->to) + ".xlsx",
                   ctx.request);
             });
}

}  // namespace kam::server

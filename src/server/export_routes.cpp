// Downloads: GET /api/{entity}/export (every record of a list the user may see, as CSV,
// XLSX or vCard), GET /api/contacts/{id}/vcard, GET /api/analysis/workbook.xlsx, and
// GET /api/accounts/{id}/plan/export (the account plan on one printed page).

#include "app/account_plan.hpp"
#include "app/analysis_service.hpp"
#include "io/analysis_workbook.hpp"
#include "io/plan_workbook.hpp"
#include "io/record_export.hpp"
#include "io/vcard_writer.hpp"
#include "io/xlsx_writer.hpp"
#include "server/list_params.hpp"
#include "server/route_groups.hpp"

namespace kam::server {
namespace {

// The list's own parameters less the paging ones, since an export has every match, plus
// the format. Unknown parameters are errors naming them.
Result<io::ExportRequest> export_request(const RequestContext& ctx, std::string* search) {
  io::ExportRequest request;
  request.entity = ctx.path.at("entity");
  auto format = [&](const std::string& key, const std::string& value,
                    std::vector<FieldError>& problems) {
    if (key != "format") return false;
    auto parsed = io::parse_export_format(value);
    if (parsed) {
      request.format = *parsed;
    } else {
      problems.push_back(parsed.error().fields.front());
    }
    return true;
  };
  auto params = parse_list_params(ctx.query, /*paged=*/false, format, "format");
  if (!params) return params.error();
  request.query = std::move(params->query);
  *search = std::move(params->search);
  return request;
}

// The Content-Disposition value that makes a browser save `filename`.
std::string attachment_disposition(std::string_view filename) {
  return "attachment; filename=\"" + std::string(filename) + "\"";
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

}  // namespace

void add_export_routes(Router& router, ApiServices& api) {
  // The account plan as one A4 landscape page, in Chinese or (lang=en) English; the same
  // access as the plan: whoever may not read the account gets "not found".
  router.add(
      http::verb::get, "/api/accounts/{id}/plan/export",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto language = io::PlanLanguage::kChinese;
        for (const auto& [key, value] : ctx.query) {
          if (key != "lang") return Error::invalid(key, "is not a parameter here; use lang");
          if (value == "en")
            language = io::PlanLanguage::kEnglish;
          else if (value != "zh" && value != "zh-CN")
            return Error::invalid("lang", "must be zh or en");
        }
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kRead));
        auto plan = app::plan::export_json(*store, *id, access->permissions().financial);
        if (!plan) return plan.error();
        auto sheet = io::plan_sheet(*plan, language);
        if (!sheet) return sheet.error();
        auto bytes = io::write_xlsx_bytes({std::move(*sheet)});
        if (!bytes) return bytes.error();
        return file_response(std::move(*bytes),
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             "account-plan-" + std::to_string(*id) + ".xlsx", ctx.request);
      });

  router.add(
      http::verb::get, "/api/{entity}/export",
      [&api](const RequestContext& ctx) -> Result<Response> {
        std::string search;
        auto request = export_request(ctx, &search);
        if (!request) return request.error();
        auto table = io::entity_table(request->entity);
        if (!table) return table.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(check_query_fields(*table, request->query, *access));
        request->query.scope = access->scope(*table, Intent::kRead);
        request->query.search = std::move(search);
        if (!access->permissions().financial) {
          request->hidden = [&policy = access->policy()](std::string_view t,
                                                         std::string_view field) {
            return policy.is_financial(t, field);
          };
        }
        request->reference_scope = [&access](std::string_view t) {
          return access->scope(t, Intent::kRead);
        };
        request->today = api.clock.today();
        auto file = io::export_records(*store, *request);
        if (!file) return file.error();
        return file_response(std::move(file->bytes), file->content_type, file->filename,
                             ctx.request);
      },
      Access::kSignedIn, Work::kLong);

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

  router.add(
      http::verb::get, "/api/analysis/workbook.xlsx",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto period = analysis_period(ctx.query, api.clock.today());
        if (!period) return period.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        // Company-wide figures, as GET /api/analysis.
        const RolePermissions& p = access->permissions();
        if (p.visibility != Visibility::kAll || !p.financial)
          return Error::forbidden(
              "company-wide figures are for directors, analysts and administrators");
        // The workbook is laid out from the resident analysis; writing it happens after.
        std::vector<io::XlsxSheet> sheets;
        KAM_RETURN_IF_ERROR(api.analysis->read(
            store->connection(), *period,
            [&](const app::ResidentAnalysis& r) { sheets = io::analysis_workbook(r.analysis); }));
        auto bytes = io::write_xlsx_bytes(sheets);
        if (!bytes) return bytes.error();
        return file_response(
            std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "analysis-" + to_string(period->from) + "-" + to_string(period->to) + ".xlsx",
            ctx.request);
      },
      Access::kSignedIn, Work::kLong);
}

}  // namespace kam::server

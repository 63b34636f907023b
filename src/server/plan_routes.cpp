// The key-account plan (客户计划) over HTTP: the page of one account (situation, wallet,
// relationship stage, stance, objectives, health) with its writes, the plan's actions (tasks
// naming an objective, owned by anyone who may work on the account), the reviews with their
// comments, the list of key accounts' plans and the plan rules as an administrator setting.
// Every route follows the account's access: whoever may not read it gets "not found".

#include <boost/json.hpp>

#include "app/account_plan.hpp"
#include "app/analysis_run.hpp"
#include "app/record_writes.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "server/rules_document_routes.hpp"
#include "store/account_plan_store.hpp"
#include "store/rule_set_store.hpp"
#include "store/signed_in_user.hpp"

namespace kam::server {
namespace {

namespace json = boost::json;
using json::array;
using json::object;
using json::value;

Response raw_json(const std::string& body, const Request& request,
                  http::status status = http::status::ok) {
  return json_body_response(json::parse(body), request, status);
}

// Refuses keys of `body` that are not in `known`, naming the first.
Status only_keys(const object& body, std::initializer_list<std::string_view> known,
                 std::string_view what) {
  for (const auto& [key, v] : body) {
    if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
      return Error::invalid(std::string(key), "is not a field of " + std::string(what));
  }
  return Status::success();
}

// A string member, "" when absent or null; another type is an error naming it.
Result<std::string> text_member(const object& body, const char* key) {
  const value* v = body.if_contains(key);
  if (!v || v->is_null()) return std::string();
  if (!v->is_string()) return Error::invalid(key, "must be text");
  return std::string(v->as_string());
}

object review_json(const store::PlanReview& r, bool with_snapshot) {
  array comments;
  for (const auto& c : r.comments)
    comments.push_back(
        {{"id", c.id}, {"author", c.author}, {"written_at", c.written_at}, {"body", c.body}});
  object o{{"id", r.id},
           {"account_id", r.account_id},
           {"plan_version", r.plan_version},
           {"reviewed_at", r.reviewed_at},
           {"reviewer", r.reviewer},
           {"comment", r.comment},
           {"health", json::parse(r.health)},
           {"comments", std::move(comments)}};
  if (with_snapshot) o["snapshot"] = json::parse(r.snapshot);
  return o;
}

// The account's id from the path, after the viewer's access to it is checked.
Result<int64_t> account_for(const RequestContext& ctx, const AccessControl& access,
                            store::Connection& db, Intent intent) {
  auto id = parse_id(ctx.path.at("id"), "id");
  if (!id) return id.error();
  KAM_RETURN_IF_ERROR(access.check(db, "accounts", *id, intent));
  return *id;
}

// Directors and managers comment on reviews (and administrators, who may do anything).
bool may_comment(UserRole role) {
  return role == UserRole::kSalesDirector || role == UserRole::kSalesManager ||
         role == UserRole::kAdministrator;
}

}  // namespace

void add_plan_routes(Router& router, ApiServices& api) {
  router.add(http::verb::get, "/api/accounts/{id}/plan",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto id = account_for(ctx, *access, store->connection(), Intent::kRead);
               if (!id) return id.error();
               auto body = app::plan::plan_json(*store, *id, access->permissions().financial);
               if (!body) return body.error();
               return raw_json(*body, ctx.request);
             });

  // The situation and the stance set by hand, written at the version the page read.
  router.add(
      http::verb::put, "/api/accounts/{id}/plan",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        auto id = account_for(ctx, *access, store->connection(), Intent::kWrite);
        if (!id) return id.error();
        auto body = json_object_body(
            ctx.request,
            R"({"version", "industry_grade"?, "value_type"?, "sensitivity"?, "competitors"?: [{"name", "position"}], "customer_goals"?, "customer_pressures"?, "stance"?, "stance_reason"?})");
        if (!body) return body.error();
        KAM_RETURN_IF_ERROR(
            only_keys(*body,
                      {"version", "industry_grade", "value_type", "sensitivity", "competitors",
                       "customer_goals", "customer_pressures", "stance", "stance_reason"},
                      "the plan"));
        const value* version = body->if_contains("version");
        if (!version || !version->is_int64())
          return Error::invalid("version", "give the plan's version as read (0 for a new plan)");
        store::PlanSituation plan;
        std::vector<FieldError> problems;
        auto read = [&](const char* key, std::string& out) {
          auto t = text_member(*body, key);
          if (t)
            out = *t;
          else
            problems.push_back(t.error().fields.front());
        };
        read("industry_grade", plan.industry_grade);
        read("value_type", plan.value_type);
        read("sensitivity", plan.sensitivity);
        read("customer_goals", plan.customer_goals);
        read("customer_pressures", plan.customer_pressures);
        read("stance", plan.stance_override);
        read("stance_reason", plan.stance_reason);
        if (const value* list = body->if_contains("competitors"); list && !list->is_null()) {
          if (!list->is_array()) {
            problems.push_back({"competitors", "must be a list of {name, position}"});
          } else {
            size_t i = 0;
            for (const auto& item : list->as_array()) {
              const std::string at = "competitors[" + std::to_string(i++) + "]";
              if (!item.is_object()) {
                problems.push_back({at, "must be {name, position}"});
                continue;
              }
              auto name = text_member(item.as_object(), "name");
              auto position = text_member(item.as_object(), "position");
              if (!name || !position) {
                problems.push_back({at, "name and position must be text"});
                continue;
              }
              plan.competitors.push_back({*name, *position});
            }
          }
        }
        if (!problems.empty()) return Error::invalid(std::move(problems));
        KAM_RETURN_IF_ERROR(
            app::plan::save_situation(*store, *id, plan, version->as_int64(), actor_of(ctx)));
        auto page = app::plan::plan_json(*store, *id, access->permissions().financial);
        if (!page) return page.error();
        return raw_json(*page, ctx.request);
      });

  // The relationship stage set by hand ({"stage": null} returns to the computed one).
  router.add(http::verb::put, "/api/accounts/{id}/plan/stage",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto id = account_for(ctx, *access, store->connection(), Intent::kWrite);
               if (!id) return id.error();
               auto body = json_object_body(ctx.request, R"({"stage": "code" | null, "reason"})");
               if (!body) return body.error();
               KAM_RETURN_IF_ERROR(only_keys(*body, {"stage", "reason"}, "a stage override"));
               auto stage = text_member(*body, "stage");
               if (!stage) return stage.error();
               auto reason = text_member(*body, "reason");
               if (!reason) return reason.error();
               KAM_RETURN_IF_ERROR(app::plan::set_stage_override(
                   *store, *id, stage->empty() ? std::nullopt : std::optional<std::string>(*stage),
                   *reason, actor_of(ctx)));
               auto page = app::plan::plan_json(*store, *id, access->permissions().financial);
               if (!page) return page.error();
               return raw_json(*page, ctx.request);
             });

  router.add(http::verb::post, "/api/accounts/{id}/plan/wallet",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto id = account_for(ctx, *access, store->connection(), Intent::kWrite);
               if (!id) return id.error();
               auto body = json_object_body(
                   ctx.request, R"({"amount": "yuan", "year"?, "product_line_id"?, "notes"?})");
               if (!body) return body.error();
               KAM_RETURN_IF_ERROR(only_keys(*body, {"amount", "year", "product_line_id", "notes"},
                                             "a wallet estimate"));
               store::WalletEstimate w;
               w.account_id = *id;
               w.year = to_ymd(api.clock.today()).year;
               std::vector<FieldError> problems;
               if (const value* y = body->if_contains("year"); y && !y->is_null()) {
                 if (!y->is_int64())
                   problems.push_back({"year", "must be a year such as 2026"});
                 else
                   w.year = static_cast<int32_t>(std::clamp<int64_t>(y->as_int64(), 0, 100000));
               }
               auto amount = text_member(*body, "amount");
               if (!amount) {
                 problems.push_back(amount.error().fields.front());
               } else if (amount->empty()) {
                 problems.push_back({"amount", "give the customer's yearly spend in our category"});
               } else if (auto m = parse_money(*amount, "amount"); !m) {
                 problems.push_back(m.error().fields.front());
               } else {
                 w.amount = *m;
               }
               if (const value* p = body->if_contains("product_line_id"); p && !p->is_null()) {
                 if (!p->is_int64())
                   problems.push_back({"product_line_id", "must be a product line id"});
                 else
                   w.product_line_id = p->as_int64();
               }
               auto notes = text_member(*body, "notes");
               if (notes) w.notes = *notes;
               if (!problems.empty()) return Error::invalid(std::move(problems));
               KAM_RETURN_IF_ERROR(app::plan::add_wallet_estimate(*store, w, actor_of(ctx)));
               auto page = app::plan::plan_json(*store, *id, access->permissions().financial);
               if (!page) return page.error();
               return raw_json(*page, ctx.request, http::status::created);
             });

  for (const bool restore : {false, true}) {
    router.add(restore ? http::verb::post : http::verb::delete_,
               restore ? "/api/accounts/{id}/plan/wallet/{estimate}/restore"
                       : "/api/accounts/{id}/plan/wallet/{estimate}",
               [&api, restore](const RequestContext& ctx) -> Result<Response> {
                 auto store = api.pool.acquire();
                 RequestAccess access(api, store->connection(), ctx);
                 auto id = account_for(ctx, *access, store->connection(), Intent::kWrite);
                 if (!id) return id.error();
                 auto estimate = parse_id(ctx.path.at("estimate"), "estimate");
                 if (!estimate) return estimate.error();
                 KAM_RETURN_IF_ERROR(
                     restore ? store::restore_wallet_estimate(store->connection(), *id, *estimate,
                                                              actor_of(ctx), api.clock.now())
                             : store::remove_wallet_estimate(store->connection(), *id, *estimate,
                                                             actor_of(ctx), api.clock.now()));
                 auto page = app::plan::plan_json(*store, *id, access->permissions().financial);
                 if (!page) return page.error();
                 return raw_json(*page, ctx.request);
               });
  }

  router.add(
      http::verb::post, "/api/accounts/{id}/plan/objectives",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        auto id = account_for(ctx, *access, store->connection(), Intent::kWrite);
        if (!id) return id.error();
        auto body = json_object_body(
            ctx.request,
            R"({"title", "measure", "measure_name"?, "baseline"?, "target", "current_value"?, "due_on"})");
        if (!body) return body.error();
        KAM_RETURN_IF_ERROR(only_keys(
            *body,
            {"title", "measure", "measure_name", "baseline", "target", "current_value", "due_on"},
            "an objective"));
        app::plan::ObjectiveInput in;
        in.account_id = *id;
        in.year = to_ymd(api.clock.today()).year;
        std::vector<FieldError> problems;
        auto read = [&](const char* key, std::string& out) {
          auto t = text_member(*body, key);
          if (t)
            out = *t;
          else
            problems.push_back(t.error().fields.front());
        };
        auto read_optional = [&](const char* key, std::optional<std::string>& out) {
          std::string text;
          read(key, text);
          if (!text.empty()) out = text;
        };
        read("title", in.title);
        read("measure", in.measure);
        read("measure_name", in.measure_name);
        read_optional("baseline", in.baseline);
        read_optional("target", in.target);
        read_optional("current_value", in.current_value);
        read_optional("due_on", in.due_on);
        if (!problems.empty()) return Error::invalid(std::move(problems));
        auto added = app::plan::add_objective(*store, in, actor_of(ctx));
        if (!added) return added.error();
        auto page = app::plan::plan_json(*store, *id, access->permissions().financial);
        if (!page) return page.error();
        return raw_json(*page, ctx.request, http::status::created);
      });

  router.add(http::verb::delete_, "/api/accounts/{id}/plan/objectives/{objective}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto id = account_for(ctx, *access, store->connection(), Intent::kWrite);
               if (!id) return id.error();
               auto objective = parse_id(ctx.path.at("objective"), "objective");
               if (!objective) return objective.error();
               KAM_RETURN_IF_ERROR(store::remove_objective(store->connection(), *id, *objective,
                                                           actor_of(ctx), api.clock.now()));
               auto page = app::plan::plan_json(*store, *id, access->permissions().financial);
               if (!page) return page.error();
               return raw_json(*page, ctx.request);
             });

  // An action of the plan: a task of the account serving one of its objectives, owned by any
  // active user who may work on the account (not only those the writer may assign to). It is
  // an ordinary task: it shows in its owner's tasks and calendar.
  router.add(
      http::verb::post, "/api/accounts/{id}/plan/actions",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        auto& db = store->connection();
        RequestAccess access(api, db, ctx);
        auto id = account_for(ctx, *access, db, Intent::kWrite);
        if (!id) return id.error();
        auto body = json_object_body(
            ctx.request,
            R"({"objective_id", "title", "due_at", "owner_id", "contact_id"?, "opportunity_id"?, "notes"?})");
        if (!body) return body.error();
        KAM_RETURN_IF_ERROR(only_keys(*body,
                                      {"objective_id", "title", "due_at", "owner_id", "contact_id",
                                       "opportunity_id", "notes"},
                                      "an action"));
        Task task;
        task.account_id = *id;
        std::vector<FieldError> problems;
        auto id_member = [&](const char* key, bool required) -> std::optional<int64_t> {
          const value* v = body->if_contains(key);
          if (!v || v->is_null()) {
            if (required) problems.push_back({key, "must be chosen"});
            return std::nullopt;
          }
          if (!v->is_int64() || v->as_int64() <= 0) {
            problems.push_back({key, "must be an id"});
            return std::nullopt;
          }
          return v->as_int64();
        };
        task.objective_id = id_member("objective_id", true);
        auto owner = id_member("owner_id", true);
        task.contact_id = id_member("contact_id", false);
        task.opportunity_id = id_member("opportunity_id", false);
        if (auto title = text_member(*body, "title"); title) task.title = *title;
        if (auto notes = text_member(*body, "notes"); notes && !notes->empty()) task.notes = *notes;
        auto due = text_member(*body, "due_at");
        if (!due || due->empty()) {
          problems.push_back({"due_at", "give the day and time the action is due"});
        } else if (auto t = parse_timestamp(*due, "due_at"); !t) {
          problems.push_back({"due_at", "must be a time YYYY-MM-DDTHH:MM:SSZ"});
        } else {
          task.due_at = *t;
        }
        // The owner: an active user whose own access lets them work on the account. Anyone
        // else is refused alike, whether they exist or not.
        if (owner) {
          auto user = store::active_signed_in_user(db, *owner);
          if (!user) return user.error();
          bool may_work = false;
          if (*user) {
            AccessControl theirs(access->policy(),
                                 Viewer{(*user)->user_id, (*user)->role, (*user)->team_id},
                                 api.clock.now());
            may_work = static_cast<bool>(theirs.check(db, "accounts", *id, Intent::kWrite));
          }
          if (!may_work)
            problems.push_back({"owner_id", "is not an active user who may work on this account"});
          else
            task.owner_id = *owner;
        }
        for (const auto& [field, table] :
             {std::pair{"contact_id", "contacts"}, std::pair{"opportunity_id", "opportunities"}}) {
          const auto& ref =
              std::string_view(field) == "contact_id" ? task.contact_id : task.opportunity_id;
          if (!ref) continue;
          auto ok = access->may_reference(db, table, *ref);
          if (!ok) return ok.error();
          if (!*ok) problems.push_back(unknown_reference(field, table).fields.front());
        }
        if (!problems.empty()) return Error::invalid(std::move(problems));
        auto created = app::create_record(*store, task, actor_of(ctx));
        if (!created) return created.error();
        return json_body_response(object{{"id", *created},
                                         {"objective_id", *task.objective_id},
                                         {"owner_id", task.owner_id},
                                         {"title", task.title},
                                         {"due_at", to_string(task.due_at)}},
                                  ctx.request, http::status::created);
      });

  router.add(http::verb::get, "/api/accounts/{id}/plan/reviews",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto id = account_for(ctx, *access, store->connection(), Intent::kRead);
               if (!id) return id.error();
               auto list = store::reviews(store->connection(), *id);
               if (!list) return list.error();
               array items;
               for (const auto& r : *list)
                 items.push_back(review_json(r, false));
               return json_body_response(object{{"items", std::move(items)}}, ctx.request);
             });

  // "保存评审": stores the plan as it stands with its health and the comment.
  router.add(http::verb::post, "/api/accounts/{id}/plan/reviews",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto id = account_for(ctx, *access, store->connection(), Intent::kWrite);
               if (!id) return id.error();
               auto body = json_object_body(ctx.request, R"({"comment"?})");
               if (!body) return body.error();
               KAM_RETURN_IF_ERROR(only_keys(*body, {"comment"}, "a review"));
               auto comment = text_member(*body, "comment");
               if (!comment) return comment.error();
               auto review = app::plan::save_review(*store, *id, *comment, actor_of(ctx));
               if (!review) return review.error();
               return json_body_response(review_json(*review, false), ctx.request,
                                         http::status::created);
             });

  router.add(
      http::verb::post, "/api/plan-reviews/{review}/comments",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto review_id = parse_id(ctx.path.at("review"), "review");
        if (!review_id) return review_id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        auto review = store::review(store->connection(), *review_id);
        if (!review) return review.error();
        // A review of an account the viewer may not read does not exist for them.
        if (auto seen =
                access->check(store->connection(), "accounts", review->account_id, Intent::kRead);
            !seen)
          return Error::not_found("no review " + std::to_string(*review_id));
        if (!may_comment(access->viewer().role))
          return Error::forbidden("only directors and managers comment on plan reviews");
        auto body = json_object_body(ctx.request, R"({"body"})");
        if (!body) return body.error();
        KAM_RETURN_IF_ERROR(only_keys(*body, {"body"}, "a comment"));
        auto text = text_member(*body, "body");
        if (!text) return text.error();
        KAM_RETURN_IF_ERROR(app::plan::comment_review(*store, *review_id, *text, actor_of(ctx)));
        auto updated = store::review(store->connection(), *review_id);
        if (!updated) return updated.error();
        return json_body_response(review_json(*updated, false), ctx.request, http::status::created);
      });

  // The key accounts (the top two levels of the customer pyramid) the viewer may read, each
  // with its plan's health and last review.
  router.add(
      http::verb::get, "/api/plans",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        auto rules = store::load_rules(store->connection());
        if (!rules) return rules.error();
        std::vector<std::string> key_levels;
        array levels;
        for (size_t i = 0; i < rules->pyramid.size() && i < 2; ++i) {
          key_levels.push_back(rules->pyramid[i].code);
          levels.push_back({{"code", rules->pyramid[i].code},
                            {"name_zh", rules->pyramid[i].name_zh},
                            {"name_en", rules->pyramid[i].name_en}});
        }
        auto pyramid = app::pyramid_levels(*store, api.analysis.get());
        if (!pyramid) return pyramid.error();
        std::vector<int64_t> ids;
        for (const auto& [account, level] : *pyramid)
          if (std::find(key_levels.begin(), key_levels.end(), level) != key_levels.end())
            ids.push_back(account);
        auto rows =
            store::plan_list(store->connection(), ids, access->scope("accounts", Intent::kRead));
        if (!rows) return rows.error();
        array items;
        for (const auto& r : *rows) {
          auto health = app::plan::health_json(*store, r.account_id);
          if (!health) return health.error();
          value last = nullptr;
          if (r.last_review_id) {
            auto review = store::review(store->connection(), *r.last_review_id);
            if (!review) return review.error();
            last = review_json(*review, false);
          }
          items.push_back({{"account_id", r.account_id},
                           {"name", r.name},
                           {"level", pyramid->at(r.account_id)},
                           {"owner_id", r.owner_id ? value(*r.owner_id) : nullptr},
                           {"owner_name", r.owner_name},
                           {"plan_version", r.plan_version},
                           {"health", json::parse(*health)},
                           {"last_review", std::move(last)}});
        }
        return json_body_response(object{{"levels", std::move(levels)},
                                         {"may_comment", may_comment(access->viewer().role)},
                                         {"items", std::move(items)}},
                                  ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  add_rules_document_routes<analytics::plan::Rules>(
      router, api, "/api/settings/account-plan", store::load_plan_rules,
      analytics::plan::rules_from_json, store::save_plan_rules);
}

}  // namespace kam::server

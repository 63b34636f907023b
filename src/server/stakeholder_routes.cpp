// A key account's stakeholder map (关系分析) and whitespace grid (白地分析):
//   GET    /api/accounts/{id}/stakeholder-map
//   POST   /api/accounts/{id}/joint-team                       a colleague covers a person
//   DELETE /api/accounts/{id}/joint-team/{member_id}           and stops covering them
//   POST   /api/accounts/{id}/joint-team/{member_id}/restore
//   POST   /api/accounts/{id}/depth-assessments                a 25-grid assessment
//   GET    /api/accounts/{id}/whitespace?period=FROM..TO
//   PUT    /api/opportunities/{id}/product-line              what an opportunity sells
//   GET/PUT /api/settings/stakeholder-gaps, /api/settings/depth-grid (the rules documents)

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/stakeholder_map.hpp"
#include "server/api_support.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "server/rules_document_routes.hpp"
#include "store/signed_in_user.hpp"

namespace kam::server {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

array texts(const std::vector<std::string>& list) {
  array out;
  for (const auto& s : list)
    out.emplace_back(s);
  return out;
}

object assessment_json(const store::DepthAssessment& d, int32_t points) {
  object o{{"id", d.id},
           {"assessed_on", to_string(d.assessed_on)},
           {"level", d.level},
           {"relationship", d.relationship},
           {"points", points},
           {"assessed_by_name", d.assessed_by_name},
           {"note", optional_json(d.note)}};
  o["assessed_by"] = d.assessed_by ? value(*d.assessed_by) : value(nullptr);
  return o;
}

int32_t points_of(const analytics::scorecard::DepthGrid& grid, const store::DepthAssessment& d) {
  for (size_t i = 0; i < grid.levels.size(); ++i)
    for (size_t j = 0; j < grid.relationships.size(); ++j)
      if (grid.levels[i].code == d.level && grid.relationships[j].code == d.relationship)
        return grid.cells[i][j];
  return 0;
}

array axis_json(const std::vector<analytics::scorecard::GridAxis>& axis) {
  array out;
  for (const auto& a : axis)
    out.push_back({{"code", a.code}, {"name_zh", a.name_zh}, {"name_en", a.name_en}});
  return out;
}

std::string hundredths(int64_t x100) {
  const std::string fraction = std::to_string(100 + x100 % 100).substr(1);
  return std::to_string(x100 / 100) + "." + fraction;
}

// Whether user `user_id` may work on (change) account `account_id` under the current policy, as
// they would if they signed in: an unknown, deleted or inactive user may not, nor one who may
// only read it (an analyst, a read-only share).
Result<bool> user_reaches(store::Connection& db, const AccessPolicy& policy, Timestamp now,
                          int64_t account_id, int64_t user_id) {
  auto user = store::active_signed_in_user(db, user_id);
  if (!user) return user.error();
  if (!*user) return false;
  const AccessControl theirs(policy, Viewer{(*user)->user_id, (*user)->role, (*user)->team_id},
                             now);
  const Status reach = theirs.check(db, "accounts", account_id, Intent::kWrite);
  if (reach) return true;
  if (reach.error().code == ErrorCode::kNotFound || reach.error().code == ErrorCode::kForbidden)
    return false;
  return reach.error();
}

object map_json(const app::StakeholderMap& map, int64_t account_id, Day today) {
  object rules{{"version", map.rules.version},
               {"decision_roles", texts(map.rules.decision_roles)},
               {"opponent_attitudes", texts(map.rules.opponent_attitudes)},
               {"silence_days", map.rules.silence_days}};
  array levels;
  for (const auto& l : map.rules.our_levels)
    levels.push_back({{"code", l.code}, {"name_zh", l.name_zh}, {"name_en", l.name_en}});
  array cells;
  for (const auto& row : map.grid.cells) {
    array r;
    for (int32_t c : row)
      r.emplace_back(c);
    cells.push_back(std::move(r));
  }
  object grid{{"version", map.grid.version},
              {"levels", axis_json(map.grid.levels)},
              {"relationships", axis_json(map.grid.relationships)},
              {"cells", std::move(cells)}};
  std::map<int64_t, std::string> names;
  array people;
  for (const auto& p : map.people) {
    names[p.contact.id] = p.contact.name;
    array opportunities, history, coverage, depth_history;
    for (const auto& o : p.opportunities)
      opportunities.push_back({{"opportunity_id", o.opportunity_id},
                               {"name", o.opportunity_name},
                               {"roles", texts(o.roles)},
                               {"attitude", o.attitude}});
    for (const auto& s : p.attitude_history)
      history.push_back({{"opportunity_id", s.opportunity_id},
                         {"from", optional_json(s.from)},
                         {"to", s.to},
                         {"changed_at", s.changed_at},
                         {"changed_by", s.changed_by}});
    for (const auto& e : p.coverage)
      coverage.push_back({{"id", e.id},
                          {"user_id", e.user_id},
                          {"user_name", e.user_name},
                          {"our_level", e.our_level},
                          {"notes", optional_json(e.notes)},
                          {"since", e.since}});
    for (const auto& d : p.depth_history)
      depth_history.push_back(assessment_json(d, points_of(map.grid, d)));
    object o{{"contact_id", p.contact.id},
             {"name", p.contact.name},
             {"title", optional_json(p.contact.title)},
             {"department", optional_json(p.contact.department)},
             {"roles", texts(p.roles)},
             {"attitude", optional_json(p.attitude)},
             {"opportunities", std::move(opportunities)},
             {"attitude_history", std::move(history)},
             {"coverage", std::move(coverage)},
             {"depth_history", std::move(depth_history)},
             {"open_tasks", p.open_tasks}};
    o["reports_to_id"] = p.contact.reports_to_id ? value(*p.contact.reports_to_id) : nullptr;
    o["depth"] = p.depth ? value(assessment_json(*p.depth, p.depth_points)) : value(nullptr);
    o["last_contact"] = p.last_contact ? value(to_string(*p.last_contact)) : value(nullptr);
    people.push_back(std::move(o));
  }
  array gaps;
  for (const auto& g : map.gaps)
    gaps.push_back({{"kind", std::string(analytics::gap_code(g.kind))},
                    {"contact_id", g.contact_id},
                    {"contact_name", names[g.contact_id]},
                    {"explanation", g.explanation},
                    {"explanation_zh", g.explanation_zh}});
  const auto gap_count = static_cast<int64_t>(map.gaps.size());
  return object{{"account_id", account_id},
                {"as_of", to_string(today)},
                {"rules", std::move(rules)},
                {"our_levels", std::move(levels)},
                {"grid", std::move(grid)},
                {"people", std::move(people)},
                {"gaps", std::move(gaps)},
                {"gap_count", gap_count},
                {"depth",
                 {{"contacts", map.depth.contacts},
                  {"weighted_depth", hundredths(map.depth.weighted_depth_x100)},
                  {"deepest", map.depth.deepest}}}};
}

object opportunity_json(const store::UnitLineOpportunity& o, bool hide_amount) {
  object j{{"id", o.id},
           {"name", o.name},
           {"stage", o.stage},
           {"expected_close", to_string(o.expected_close)},
           {"competitors", optional_json(o.competitors)},
           {"close_reason", optional_json(o.close_reason)}};
  j["closed_on"] = o.closed_on ? value(to_string(*o.closed_on)) : value(nullptr);
  if (!hide_amount) j["amount"] = to_string(o.amount);
  return j;
}

Result<int64_t> positive_id(const object& body, const char* key) {
  return required_id(body, key);
}

}  // namespace

void add_stakeholder_routes(Router& router, ApiServices& api) {
  router.add(http::verb::get, "/api/accounts/{id}/stakeholder-map",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               if (!ctx.query.empty())
                 return Error::invalid(ctx.query.begin()->first, "is not a parameter here");
               auto store = api.pool.acquire();
               auto& db = store->connection();
               RequestAccess access(api, db, ctx);
               KAM_RETURN_IF_ERROR(access->check(db, "accounts", *id, Intent::kRead));
               const Day today = api.clock.today();
               auto map = app::stakeholder_map(db, *id, today);
               if (!map) return map.error();
               object body = map_json(*map, *id, today);
               // Whom the viewer may put on the joint team: those who may work on the account,
               // offered only to a viewer who may change it.
               array colleagues;
               if (access->check(db, "accounts", *id, Intent::kWrite)) {
                 auto people = store::active_colleagues(db);
                 if (!people) return people.error();
                 for (const auto& c : *people) {
                   auto reaches =
                       user_reaches(db, access->policy(), api.clock.now(), *id, c.user_id);
                   if (!reaches) return reaches.error();
                   if (*reaches) colleagues.push_back({{"user_id", c.user_id}, {"name", c.name}});
                 }
               }
               body["colleagues"] = std::move(colleagues);
               return json_body_response(body, ctx.request);
             });

  router.add(
      http::verb::post, "/api/accounts/{id}/joint-team",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        // Access first: a caller who may not change the account learns nothing from how
        // the body is checked.
        auto store = api.pool.acquire();
        auto& db = store->connection();
        RequestAccess access(api, db, ctx);
        KAM_RETURN_IF_ERROR(access->check(db, "accounts", *id, Intent::kWrite));
        auto body = json_object_body(
            ctx.request,
            "{\"contact_id\": 7, \"user_id\": 3, \"our_level\": \"executive\", \"notes\"?}");
        if (!body) return body.error();
        std::vector<FieldError> problems;
        for (const auto& [key, v] : *body)
          if (key != "contact_id" && key != "user_id" && key != "our_level" && key != "notes")
            problems.push_back({std::string(key), "is not a field of a joint-team member"});
        auto contact = positive_id(*body, "contact_id");
        auto user = positive_id(*body, "user_id");
        auto level = required_string(*body, "our_level");
        if (!contact) problems.push_back(contact.error().fields.front());
        if (!user) problems.push_back(user.error().fields.front());
        if (!level) problems.push_back(level.error().fields.front());
        if (!problems.empty()) return Error::invalid(std::move(problems));
        const Timestamp now = api.clock.now();
        const AccessPolicy& policy = access->policy();
        const int64_t account = *id;
        auto created = app::assign_coverage(
            db, account, *contact, *user, *level, optional_string(*body, "notes"),
            [&](int64_t user_id) { return user_reaches(db, policy, now, account, user_id); },
            actor_of(ctx), now);
        if (!created) return created.error();
        return json_body_response(object{{"id", *created}}, ctx.request, http::status::created);
      });

  for (const bool restore : {false, true}) {
    router.add(restore ? http::verb::post : http::verb::delete_,
               restore ? "/api/accounts/{id}/joint-team/{member_id}/restore"
                       : "/api/accounts/{id}/joint-team/{member_id}",
               [&api, restore](const RequestContext& ctx) -> Result<Response> {
                 auto id = parse_id(ctx.path.at("id"), "id");
                 if (!id) return id.error();
                 auto member = parse_id(ctx.path.at("member_id"), "member_id");
                 if (!member) return member.error();
                 auto store = api.pool.acquire();
                 auto& db = store->connection();
                 RequestAccess access(api, db, ctx);
                 KAM_RETURN_IF_ERROR(access->check(db, "accounts", *id, Intent::kWrite));
                 const auto change = restore ? store::restore_coverage : store::remove_coverage;
                 KAM_RETURN_IF_ERROR(change(db, *id, *member, actor_of(ctx), api.clock.now()));
                 return no_content(ctx.request);
               });
  }

  router.add(http::verb::post, "/api/accounts/{id}/depth-assessments",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               auto store = api.pool.acquire();
               auto& db = store->connection();
               RequestAccess access(api, db, ctx);
               KAM_RETURN_IF_ERROR(access->check(db, "accounts", *id, Intent::kWrite));
               auto body =
                   json_object_body(ctx.request,
                                    "{\"contact_id\": 7, \"level\": \"views\", \"relationship\": "
                                    "\"trust\", \"assessed_on\"?, \"note\"?}");
               if (!body) return body.error();
               std::vector<FieldError> problems;
               for (const auto& [key, v] : *body)
                 if (key != "contact_id" && key != "level" && key != "relationship" &&
                     key != "assessed_on" && key != "note")
                   problems.push_back({std::string(key), "is not a field of an assessment"});
               store::DepthAssessment d;
               d.account_id = *id;
               d.assessed_on = api.clock.today();
               auto contact = positive_id(*body, "contact_id");
               auto level = required_string(*body, "level");
               auto relationship = required_string(*body, "relationship");
               if (contact)
                 d.contact_id = *contact;
               else
                 problems.push_back(contact.error().fields.front());
               if (level)
                 d.level = *level;
               else
                 problems.push_back(level.error().fields.front());
               if (relationship)
                 d.relationship = *relationship;
               else
                 problems.push_back(relationship.error().fields.front());
               if (auto on = optional_string(*body, "assessed_on"); on && !on->empty()) {
                 auto day = parse_date(*on, "assessed_on");
                 if (day)
                   d.assessed_on = *day;
                 else
                   problems.push_back(day.error().fields.front());
               }
               d.note = optional_string(*body, "note");
               if (d.note && d.note->empty()) d.note.reset();
               if (!problems.empty()) return Error::invalid(std::move(problems));
               d.assessed_by = ctx.principal->user_id;
               KAM_RETURN_IF_ERROR(app::record_depth_assessment(db, d, api.clock.today(),
                                                                actor_of(ctx), api.clock.now()));
               return json_body_response(object{{"id", d.id}}, ctx.request, http::status::created);
             });

  router.add(
      http::verb::get, "/api/accounts/{id}/whitespace",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        std::string period_text;
        for (const auto& [key, text] : ctx.query) {
          if (key != "period") return Error::invalid(key, "is not a parameter here");
          period_text = text;
        }
        auto period = analytics::parse_period(period_text, api.clock.today());
        if (!period) return period.error();
        auto store = api.pool.acquire();
        auto& db = store->connection();
        RequestAccess access(api, db, ctx);
        KAM_RETURN_IF_ERROR(access->check(db, "accounts", *id, Intent::kRead));
        auto grid = app::whitespace(db, *id, access->scope("accounts", Intent::kRead), *period);
        if (!grid) return grid.error();
        const bool financial = access->permissions().financial;
        const bool hide_orders = !financial && access->policy().is_financial("orders", "amount");
        const bool hide_opportunities =
            !financial && access->policy().is_financial("opportunities", "amount");
        array units, lines, cells;
        for (const auto& u : grid->units)
          units.push_back(
              {{"account_id", u.account_id}, {"name", u.name}, {"headquarters", u.headquarters}});
        for (const auto& l : grid->lines)
          lines.push_back({{"id", l.id}, {"code", l.code}, {"name", l.name}});
        for (const auto& c : grid->cells) {
          array open, lost;
          for (const auto& o : c.open)
            open.push_back(opportunity_json(o, hide_opportunities));
          for (const auto& o : c.lost)
            lost.push_back(opportunity_json(o, hide_opportunities));
          object cell{{"account_id", c.account_id},
                      {"product_line_id", c.product_line_id},
                      {"status", std::string(app::cell_status_code(c.status))},
                      {"orders", c.orders},
                      {"open", std::move(open)},
                      {"lost", std::move(lost)},
                      {"explanation", c.explanation}};
          if (!hide_orders) cell["bought"] = to_string(c.bought);
          cells.push_back(std::move(cell));
        }
        return json_body_response(
            object{{"account_id", *id},
                   {"period",
                    {{"from", to_string(grid->period.from)}, {"to", to_string(grid->period.to)}}},
                   {"units", std::move(units)},
                   {"product_lines", std::move(lines)},
                   {"cells", std::move(cells)}},
            ctx.request);
      });

  router.add(
      http::verb::put, "/api/opportunities/{id}/product-line",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        auto& db = store->connection();
        RequestAccess access(api, db, ctx);
        KAM_RETURN_IF_ERROR(access->check(db, "opportunities", *id, Intent::kWrite));
        auto body = json_object_body(ctx.request, "{\"product_line_id\": 3 or null}");
        if (!body) return body.error();
        std::optional<int64_t> line;
        for (const auto& [key, v] : *body) {
          if (key != "product_line_id")
            return Error::invalid(std::string(key), "is not a field here");
          if (v.is_int64() && v.as_int64() > 0) {
            line = v.as_int64();
          } else if (!v.is_null()) {
            return Error::invalid("product_line_id", "must be a positive whole number or null");
          }
        }
        if (!body->contains("product_line_id"))
          return Error::invalid("product_line_id", "is required (null clears it)");
        KAM_RETURN_IF_ERROR(
            store::set_opportunity_product_line(db, *id, line, actor_of(ctx), api.clock.now()));
        return json_body_response(
            object{{"id", *id}, {"product_line_id", line ? value(*line) : value(nullptr)}},
            ctx.request);
      });

  add_rules_document_routes<analytics::StakeholderGapRules>(
      router, api, "/api/settings/stakeholder-gaps", store::load_stakeholder_gap_rules,
      analytics::stakeholder_gap_rules_from_json, store::save_stakeholder_gap_rules);
  add_rules_document_routes<analytics::scorecard::DepthGrid>(
      router, api, "/api/settings/depth-grid", store::load_depth_grid,
      analytics::scorecard::depth_grid_from_json, store::save_depth_grid);
}

}  // namespace kam::server

// Scorecards over HTTP (METHODS.md §4–§5): the cards as administrator settings, an
// account's score with its explanation, its stored rating history, and the manual inputs
// (balance-sheet figures, qualitative ratings) with who entered them. The inputs are what the
// customer is, recorded by whoever works the account (read or write access to it, as for any
// record of the account); the scores, grades and credit limits computed from them are financial
// figures: those routes need the financial permission.

#include "analytics/scorecard.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "store/scorecard_rating.hpp"
#include "store/scorecard_store.hpp"

namespace kam::server {
namespace {

namespace sc = analytics::scorecard;
using boost::json::array;
using boost::json::object;
using boost::json::value;

value value_json(const sc::Value& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  return value(std::get<std::string>(v));
}

// Read (or write) access to the account, and the financial permission.
Status account_figures(const AccessControl& access, store::Connection& db, int64_t account,
                       Intent intent) {
  KAM_RETURN_IF_ERROR(access.check(db, "accounts", account, intent));
  if (!access.permissions().financial)
    return Error::forbidden("scores and credit figures are financial figures");
  return Status::success();
}

// card (default credit_rating) and either quarter=2025Q4 or period=FROM..TO (default: the
// last whole quarter).
struct ScoreQuery {
  std::string card = "credit_rating";
  analytics::Period period;
  std::string period_label;
};

Result<ScoreQuery> score_query(const QueryParams& query, Day today) {
  ScoreQuery q;
  std::optional<std::string> quarter, period;
  for (const auto& [key, text] : query) {
    if (key == "card") {
      q.card = text;
    } else if (key == "quarter") {
      quarter = text;
    } else if (key == "period") {
      period = text;
    } else {
      return Error::invalid(key, "is not a parameter here; use card, quarter or period");
    }
  }
  if (quarter && period) return Error::invalid("period", "give a quarter or a period, not both");
  if (period) {
    auto p = analytics::parse_period(*period, today);
    if (!p) return p.error();
    q.period = *p;
    q.period_label = *period;
    return q;
  }
  if (!quarter) quarter = store::last_complete_quarter(today);
  auto parsed = store::parse_quarter(*quarter);
  if (!parsed) return parsed.error();
  q.period = parsed->period;
  q.period_label = parsed->label;
  return q;
}

Response card_response(const sc::Card& card, const Request& request) {
  return json_response(sc::to_json(card), request);
}

}  // namespace

void add_scorecard_routes(Router& router, ApiServices& api) {
  router.add(http::verb::get, "/api/settings/scorecards",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               auto codes = store::card_codes(store->connection());
               if (!codes) return codes.error();
               array items;
               for (const auto& code : *codes) {
                 auto card = store::load_card(store->connection(), code);
                 if (!card) return card.error();
                 items.push_back({{"code", card->code},
                                  {"version", card->version},
                                  {"name_zh", card->name_zh},
                                  {"name_en", card->name_en}});
               }
               return json_body_response(object{{"items", std::move(items)}}, ctx.request);
             });

  router.add(http::verb::get, "/api/settings/scorecards/{code}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               auto card = store::load_card(store->connection(), ctx.path.at("code"));
               if (!card) return card.error();
               return card_response(*card, ctx.request);
             });

  router.add(http::verb::put, "/api/settings/scorecards/{code}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               {
                 RequestAccess access(api, store->connection(), ctx);
                 KAM_RETURN_IF_ERROR(require_administrator(*access));
               }
               auto card = sc::card_from_json(ctx.request.body(), sc::default_catalogue());
               if (!card) return card.error();
               if (card->code != ctx.path.at("code"))
                 return Error::invalid(
                     "code", "must be '" + ctx.path.at("code") + "', the card named in the path");
               KAM_RETURN_IF_ERROR(
                   store::save_card(store->connection(), *card, actor_of(ctx), api.clock.now()));
               return card_response(*card, ctx.request);
             });

  router.add(
      http::verb::get, "/api/accounts/{id}/score",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto q = score_query(ctx.query, api.clock.today());
        if (!q) return q.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(account_figures(*access, store->connection(), *id, Intent::kRead));
        auto card = store::load_card(store->connection(), q->card);
        if (!card) return card.error();
        auto scored = store::score_account(store->connection(), *card, *id, q->period);
        if (!scored) return scored.error();
        object body{{"account_id", *id},
                    {"period", q->period_label},
                    {"score", boost::json::parse(sc::to_json(scored->score))},
                    {"monthly_purchases", to_string(scored->monthly_purchases)},
                    {"credit_limit", scored->credit_limit ? value(to_string(*scored->credit_limit))
                                                          : value(nullptr)}};
        return json_body_response(std::move(body), ctx.request);
      });

  router.add(
      http::verb::get, "/api/accounts/{id}/ratings",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        std::string card;
        for (const auto& [key, text] : ctx.query) {
          if (key != "card") return Error::invalid(key, "is not a parameter here");
          card = text;
        }
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(account_figures(*access, store->connection(), *id, Intent::kRead));
        auto history = store::rating_history(store->connection(), *id, card);
        if (!history) return history.error();
        array items;
        for (const auto& r : *history) {
          array missing;
          for (const auto& m : r.missing)
            missing.emplace_back(m);
          items.push_back({{"card", r.card},
                           {"card_version", r.card_version},
                           {"period", r.period},
                           {"score", r.score_x100 ? value(static_cast<double>(*r.score_x100) / 100)
                                                  : value(nullptr)},
                           {"grade", r.grade ? value(*r.grade) : value(nullptr)},
                           {"partial", r.partial},
                           {"missing", std::move(missing)},
                           {"credit_limit",
                            r.credit_limit ? value(to_string(*r.credit_limit)) : value(nullptr)},
                           {"rated_at", to_string(r.rated_at)},
                           {"rated_by", r.rated_by}});
        }
        return json_body_response(object{{"items", std::move(items)}}, ctx.request);
      });

  router.add(
      http::verb::get, "/api/accounts/{id}/inputs",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kRead));
        auto history = store::input_history(store->connection(), *id);
        if (!history) return history.error();
        array items;
        for (const auto& in : *history) {
          items.push_back({{"id", in.id},
                           {"indicator", in.indicator},
                           {"value", value_json(in.value)},
                           {"as_of", to_string(in.as_of)},
                           {"card", in.card.empty() ? value(nullptr) : value(in.card)},
                           {"entered_by", in.entered_by},
                           {"entered_at", to_string(in.entered_at)},
                           {"note", in.note}});
        }
        return json_body_response(object{{"items", std::move(items)}}, ctx.request);
      });

  // A manual input, the value typed as a person reads it ("95.5%", "1.5", "1,234.56", a
  // category code); the store keeps who entered it and when, and older entries as history.
  router.add(
      http::verb::post, "/api/accounts/{id}/inputs",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kWrite));
        auto body = json_object_body(
            ctx.request, R"({"indicator", "value", "as_of"?: "YYYY-MM-DD", "card"?, "note"?})");
        if (!body) return body.error();
        for (const auto& [key, v] : *body) {
          if (key != "indicator" && key != "value" && key != "as_of" && key != "card" &&
              key != "note")
            return Error::invalid(key, "is not a field of a manual input");
        }
        auto indicator = required_string(*body, "indicator");
        if (!indicator) return indicator.error();
        auto text = required_string(*body, "value");
        if (!text) return text.error();
        const auto catalogue = sc::default_catalogue();
        const sc::IndicatorSpec* spec = sc::find_spec(catalogue, *indicator);
        if (!spec) return Error::invalid("indicator", "'" + *indicator + "' is not an indicator");
        auto parsed = store::parse_input_value(*spec, *text);
        if (!parsed) return parsed.error();
        store::ManualInput input;
        input.account_id = *id;
        input.indicator = *indicator;
        input.value = *parsed;
        input.card = optional_string(*body, "card").value_or("");
        input.note = optional_string(*body, "note").value_or("");
        input.as_of = api.clock.today();
        if (auto as_of = optional_string(*body, "as_of")) {
          auto day = parse_date(*as_of, "as_of");
          if (!day) return day.error();
          input.as_of = *day;
        }
        KAM_RETURN_IF_ERROR(
            store::record_input(store->connection(), input, actor_of(ctx), api.clock.now()));
        return json_body_response(object{{"id", input.id},
                                         {"indicator", input.indicator},
                                         {"value", value_json(input.value)},
                                         {"as_of", to_string(input.as_of)},
                                         {"entered_by", input.entered_by},
                                         {"entered_at", to_string(input.entered_at)}},
                                  ctx.request, http::status::created);
      });
}

}  // namespace kam::server

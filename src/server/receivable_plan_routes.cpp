// An account's receivable plan (回款计划) with what has come in against it: GET
// /api/accounts/{id}/receivable-plan. The instalments themselves are written through the
// generic record routes (/api/receivable_instalments); this adds the figures no record holds.

#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "store/receivable_plan.hpp"

namespace kam::server {
namespace {

// Whether the viewer's role is kept from an amount of the plan: the access policy may name
// receivable_instalments.amount or payments.amount as financial; then the figures derived
// from them are left out as well.
bool amounts_hidden(const AccessControl& access) {
  if (access.permissions().financial) return false;
  return access.policy().is_financial("receivable_instalments", "amount") ||
         access.policy().is_financial("payments", "amount");
}

boost::json::object instalment_json(const store::PlannedInstalment& i, bool hide_amounts) {
  boost::json::object o{{"id", i.id},
                        {"version", i.version},
                        {"contract_id", i.contract_id},
                        {"contract_no", i.contract_no},
                        {"due_date", to_string(i.due_date)},
                        {"overdue", i.overdue}};
  o["notes"] = i.notes ? boost::json::value(*i.notes) : nullptr;
  if (!hide_amounts) {
    o["amount"] = to_string(i.amount);
    o["paid"] = to_string(i.paid);
    o["outstanding"] = to_string(i.outstanding);
  }
  return o;
}

}  // namespace

void add_receivable_plan_routes(Router& router, ApiServices& api) {
  router.add(
      http::verb::get, "/api/accounts/{id}/receivable-plan",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        std::optional<int64_t> contract_id;
        for (const auto& [key, text] : ctx.query) {
          if (key != "contract_id") return Error::invalid(key, "is not a parameter here");
          auto contract = parse_id(text, "contract_id");
          if (!contract) return contract.error();
          contract_id = *contract;
        }
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kRead));
        auto plan =
            store::receivable_plan(store->connection(), *id, contract_id, api.clock.today());
        if (!plan) return plan.error();
        const bool hide = amounts_hidden(*access);
        boost::json::array items;
        for (const auto& i : *plan)
          items.push_back(instalment_json(i, hide));
        return json_body_response(boost::json::object{{"items", std::move(items)}}, ctx.request);
      });
}

}  // namespace kam::server

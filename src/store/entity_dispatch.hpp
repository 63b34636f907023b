#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "core/account.hpp"
#include "core/contract.hpp"
#include "core/error.hpp"
#include "core/interaction.hpp"
#include "core/opportunity.hpp"
#include "core/organization.hpp"
#include "core/product.hpp"
#include "core/receivable_plan.hpp"
#include "core/sales_workflow.hpp"
#include "core/task.hpp"
#include "core/transaction.hpp"

namespace kam::store {

inline constexpr std::string_view kEntityNames =
    "accounts, contacts, orders, returns, invoices, payments, activities, feedback, contracts, "
    "opportunities, buying_center, visit_reports, sop_checks, competitor_ratings, users, teams, "
    "product_lines, products, tasks, receivable_instalments";

// Calls f(std::type_identity<T>{}) for the record type named by `name` (plural or singular),
// or returns the error for an unknown name.
template <class F>
auto with_entity(std::string_view name, F&& f) -> decltype(f(std::type_identity<Account>{})) {
  auto is = [&](std::string_view plural, std::string_view singular) {
    return name == plural || name == singular;
  };
  if (is("accounts", "account")) return f(std::type_identity<Account>{});
  if (is("contacts", "contact")) return f(std::type_identity<Contact>{});
  if (is("orders", "order")) return f(std::type_identity<Order>{});
  if (is("returns", "return")) return f(std::type_identity<OrderReturn>{});
  if (is("invoices", "invoice")) return f(std::type_identity<Invoice>{});
  if (is("payments", "payment")) return f(std::type_identity<Payment>{});
  if (is("activities", "activity")) return f(std::type_identity<Activity>{});
  if (is("feedback", "feedback")) return f(std::type_identity<Feedback>{});
  if (is("contracts", "contract")) return f(std::type_identity<Contract>{});
  if (is("opportunities", "opportunity")) return f(std::type_identity<Opportunity>{});
  if (is("buying_center", "buying_center_member"))
    return f(std::type_identity<BuyingCenterMember>{});
  if (is("visit_reports", "visit_report")) return f(std::type_identity<VisitReport>{});
  if (is("sop_checks", "sop_check")) return f(std::type_identity<SopCheck>{});
  if (is("competitor_ratings", "competitor_rating"))
    return f(std::type_identity<CompetitorRating>{});
  if (is("users", "user")) return f(std::type_identity<User>{});
  if (is("teams", "team")) return f(std::type_identity<Team>{});
  if (is("product_lines", "product_line")) return f(std::type_identity<ProductLine>{});
  if (is("products", "product")) return f(std::type_identity<Product>{});
  if (is("tasks", "task")) return f(std::type_identity<Task>{});
  if (is("receivable_instalments", "receivable_instalment"))
    return f(std::type_identity<ReceivableInstalment>{});
  return Error::invalid("entity",
                        "'" + std::string(name) + "' is not one of: " + std::string(kEntityNames));
}

}  // namespace kam::store

#pragma once

// How each domain record maps to its table: the table name, the entity name the audit log
// uses, its columns in schema order (after the common id/version/created_at/updated_at/
// deleted_at), and which columns reference other tables. The generic Repository<T> reads
// these; adding a field to a record means one line here and one in a migration.

#include <array>
#include <span>
#include <string_view>
#include <tuple>

#include "core/account.hpp"
#include "core/contract.hpp"
#include "core/interaction.hpp"
#include "core/opportunity.hpp"
#include "core/organization.hpp"
#include "core/product.hpp"
#include "core/receivable_plan.hpp"
#include "core/sales_workflow.hpp"
#include "core/task.hpp"
#include "core/transaction.hpp"
#include "store/audit_log.hpp"

namespace kam::store {

template <class T, class M>
struct Column {
  std::string_view name;
  M T::*member;
  bool audited = true;
};

template <class T, class M>
constexpr Column<T, M> col(std::string_view name, M T::*member) {
  return {name, member, true};
}

// A column computed from others (search keys): stored, but left out of the audit trail,
// whose entries for the source fields already say what changed.
template <class T, class M>
constexpr Column<T, M> derived(std::string_view name, M T::*member) {
  return {name, member, false};
}

struct Reference {
  std::string_view column;
  std::string_view table;
};

template <class T>
struct EntityTraits;

template <>
struct EntityTraits<Team> {
  static constexpr std::string_view entity = "team";
  static constexpr std::string_view table = "teams";
  static constexpr auto columns = std::make_tuple(
      col("name", &Team::name), col("manager_id", &Team::manager_id), col("region", &Team::region));
  static constexpr std::array<Reference, 1> references{{{"manager_id", "users"}}};
};

template <>
struct EntityTraits<User> {
  static constexpr std::string_view entity = "user";
  static constexpr std::string_view table = "users";
  static constexpr auto columns = std::make_tuple(
      col("login", &User::login), col("display_name", &User::display_name),
      col("role", &User::role), col("team_id", &User::team_id), col("email", &User::email),
      col("mobile", &User::mobile), col("active", &User::active));
  static constexpr std::array<Reference, 1> references{{{"team_id", "teams"}}};
};

template <>
struct EntityTraits<ProductLine> {
  static constexpr std::string_view entity = "product_line";
  static constexpr std::string_view table = "product_lines";
  static constexpr auto columns =
      std::make_tuple(col("code", &ProductLine::code), col("name", &ProductLine::name),
                      col("segment_action", &ProductLine::segment_action));
  static constexpr std::array<Reference, 0> references{};
};

template <>
struct EntityTraits<Product> {
  static constexpr std::string_view entity = "product";
  static constexpr std::string_view table = "products";
  static constexpr auto columns =
      std::make_tuple(col("product_line_id", &Product::product_line_id), col("sku", &Product::sku),
                      col("name", &Product::name), col("list_price", &Product::list_price));
  static constexpr std::array<Reference, 1> references{{{"product_line_id", "product_lines"}}};
};

template <>
struct EntityTraits<Account> {
  static constexpr std::string_view entity = "account";
  static constexpr std::string_view table = "accounts";
  static constexpr auto columns = std::make_tuple(
      col("name", &Account::name), col("short_name", &Account::short_name),
      col("credit_code", &Account::credit_code), col("industry_code", &Account::industry_code),
      col("ownership", &Account::ownership), col("province", &Account::province),
      col("city", &Account::city), col("address", &Account::address),
      col("employees", &Account::employees),
      col("registered_capital", &Account::registered_capital),
      col("annual_revenue", &Account::annual_revenue), col("listed", &Account::listed),
      col("source", &Account::source), col("owner_id", &Account::owner_id),
      col("team_id", &Account::team_id), col("status", &Account::status),
      col("importance", &Account::importance), col("parent_id", &Account::parent_id),
      col("notes", &Account::notes), col("churn_reason", &Account::churn_reason),
      col("lost_on", &Account::lost_on), col("owned_since", &Account::owned_since),
      col("pooled_at", &Account::pooled_at), derived("search_key", &Account::search_key));
  static constexpr std::array<Reference, 3> references{
      {{"owner_id", "users"}, {"team_id", "teams"}, {"parent_id", "accounts"}}};
};

template <>
struct EntityTraits<Contact> {
  static constexpr std::string_view entity = "contact";
  static constexpr std::string_view table = "contacts";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Contact::account_id), col("name", &Contact::name),
      col("title", &Contact::title), col("department", &Contact::department),
      col("mobile", &Contact::mobile), col("phone", &Contact::phone), col("email", &Contact::email),
      col("wechat", &Contact::wechat), col("birthday", &Contact::birthday),
      col("hometown", &Contact::hometown), col("preferences", &Contact::preferences),
      col("form_family", &Contact::form_family), col("form_occupation", &Contact::form_occupation),
      col("form_recreation", &Contact::form_recreation),
      col("form_message", &Contact::form_message), col("reports_to_id", &Contact::reports_to_id),
      derived("search_key", &Contact::search_key));
  static constexpr std::array<Reference, 2> references{
      {{"account_id", "accounts"}, {"reports_to_id", "contacts"}}};
};

template <>
struct EntityTraits<Order> {
  static constexpr std::string_view entity = "order";
  static constexpr std::string_view table = "orders";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Order::account_id), col("order_no", &Order::order_no),
      col("order_date", &Order::order_date), col("amount", &Order::amount),
      col("gross_margin", &Order::gross_margin), col("product_line_id", &Order::product_line_id),
      col("channel", &Order::channel), col("owner_id", &Order::owner_id));
  static constexpr std::array<Reference, 3> references{
      {{"account_id", "accounts"}, {"product_line_id", "product_lines"}, {"owner_id", "users"}}};
};

// Written only with its order (app/order_writes.hpp), never on its own: not an entity of the
// generic routes (entity_dispatch.hpp), its access the order's.
template <>
struct EntityTraits<OrderLine> {
  static constexpr std::string_view entity = "order_line";
  static constexpr std::string_view table = "order_lines";
  static constexpr auto columns = std::make_tuple(
      col("order_id", &OrderLine::order_id), col("line_no", &OrderLine::line_no),
      col("product_id", &OrderLine::product_id), col("quantity", &OrderLine::quantity),
      col("unit_price", &OrderLine::unit_price), col("discount", &OrderLine::discount),
      col("amount", &OrderLine::amount));
  static constexpr std::array<Reference, 2> references{
      {{"order_id", "orders"}, {"product_id", "products"}}};
};

template <>
struct EntityTraits<OrderReturn> {
  static constexpr std::string_view entity = "order_return";
  static constexpr std::string_view table = "order_returns";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &OrderReturn::account_id), col("order_id", &OrderReturn::order_id),
      col("return_date", &OrderReturn::return_date), col("amount", &OrderReturn::amount),
      col("reason", &OrderReturn::reason));
  static constexpr std::array<Reference, 2> references{
      {{"account_id", "accounts"}, {"order_id", "orders"}}};
};

template <>
struct EntityTraits<Invoice> {
  static constexpr std::string_view entity = "invoice";
  static constexpr std::string_view table = "invoices";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Invoice::account_id), col("order_id", &Invoice::order_id),
      col("invoice_no", &Invoice::invoice_no), col("invoice_date", &Invoice::invoice_date),
      col("due_date", &Invoice::due_date), col("amount", &Invoice::amount));
  static constexpr std::array<Reference, 2> references{
      {{"account_id", "accounts"}, {"order_id", "orders"}}};
};

template <>
struct EntityTraits<Payment> {
  static constexpr std::string_view entity = "payment";
  static constexpr std::string_view table = "payments";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Payment::account_id), col("invoice_id", &Payment::invoice_id),
      col("paid_date", &Payment::paid_date), col("amount", &Payment::amount),
      col("method", &Payment::method), col("instalment_id", &Payment::instalment_id));
  static constexpr std::array<Reference, 3> references{
      {{"account_id", "accounts"},
       {"invoice_id", "invoices"},
       {"instalment_id", "receivable_instalments"}}};
};

template <>
struct EntityTraits<Activity> {
  static constexpr std::string_view entity = "activity";
  static constexpr std::string_view table = "activities";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Activity::account_id), col("contact_id", &Activity::contact_id),
      col("user_id", &Activity::user_id), col("kind", &Activity::kind),
      col("channel", &Activity::channel), col("occurred_at", &Activity::occurred_at),
      col("minutes", &Activity::minutes), col("subject", &Activity::subject),
      col("notes", &Activity::notes), col("outcome", &Activity::outcome));
  static constexpr std::array<Reference, 3> references{
      {{"account_id", "accounts"}, {"contact_id", "contacts"}, {"user_id", "users"}}};
};

template <>
struct EntityTraits<Feedback> {
  static constexpr std::string_view entity = "feedback";
  static constexpr std::string_view table = "feedback";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Feedback::account_id), col("contact_id", &Feedback::contact_id),
      col("kind", &Feedback::kind), col("received_on", &Feedback::received_on),
      col("subject", &Feedback::subject), col("body", &Feedback::body),
      col("status", &Feedback::status), col("severity", &Feedback::severity),
      col("due_on", &Feedback::due_on), col("handler_id", &Feedback::handler_id),
      col("resolution", &Feedback::resolution), col("resolved_on", &Feedback::resolved_on));
  static constexpr std::array<Reference, 3> references{
      {{"account_id", "accounts"}, {"contact_id", "contacts"}, {"handler_id", "users"}}};
};

template <>
struct EntityTraits<Task> {
  static constexpr std::string_view entity = "task";
  static constexpr std::string_view table = "tasks";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Task::account_id), col("contact_id", &Task::contact_id),
      col("opportunity_id", &Task::opportunity_id), col("owner_id", &Task::owner_id),
      col("title", &Task::title), col("due_at", &Task::due_at), col("notes", &Task::notes),
      col("done", &Task::done), col("done_at", &Task::done_at),
      col("objective_id", &Task::objective_id));
  static constexpr std::array<Reference, 5> references{{{"account_id", "accounts"},
                                                        {"contact_id", "contacts"},
                                                        {"opportunity_id", "opportunities"},
                                                        {"owner_id", "users"},
                                                        {"objective_id", "plan_objectives"}}};
};

template <>
struct EntityTraits<Contract> {
  static constexpr std::string_view entity = "contract";
  static constexpr std::string_view table = "contracts";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Contract::account_id), col("contract_no", &Contract::contract_no),
      col("title", &Contract::title), col("start_date", &Contract::start_date),
      col("end_date", &Contract::end_date), col("value", &Contract::value),
      col("status", &Contract::status), col("owner_id", &Contract::owner_id),
      col("opportunity_id", &Contract::opportunity_id));
  static constexpr std::array<Reference, 3> references{
      {{"account_id", "accounts"}, {"owner_id", "users"}, {"opportunity_id", "opportunities"}}};
};

template <>
struct EntityTraits<ReceivableInstalment> {
  static constexpr std::string_view entity = "receivable_instalment";
  static constexpr std::string_view table = "receivable_instalments";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &ReceivableInstalment::account_id),
      col("contract_id", &ReceivableInstalment::contract_id),
      col("due_date", &ReceivableInstalment::due_date),
      col("amount", &ReceivableInstalment::amount), col("notes", &ReceivableInstalment::notes));
  static constexpr std::array<Reference, 2> references{
      {{"account_id", "accounts"}, {"contract_id", "contracts"}}};
};

template <>
struct EntityTraits<Opportunity> {
  static constexpr std::string_view entity = "opportunity";
  static constexpr std::string_view table = "opportunities";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &Opportunity::account_id), col("name", &Opportunity::name),
      col("amount", &Opportunity::amount), col("expected_close", &Opportunity::expected_close),
      col("owner_id", &Opportunity::owner_id), col("team_id", &Opportunity::team_id),
      col("pipeline", &Opportunity::pipeline), col("stage", &Opportunity::stage),
      col("buy_class", &Opportunity::buy_class), col("buying_step", &Opportunity::buying_step),
      col("needs_level", &Opportunity::needs_level),
      col("spin_situation", &Opportunity::spin_situation),
      col("spin_problem", &Opportunity::spin_problem),
      col("spin_implication", &Opportunity::spin_implication),
      col("spin_need_payoff", &Opportunity::spin_need_payoff),
      col("competitors", &Opportunity::competitors), col("closed_on", &Opportunity::closed_on),
      col("close_reason", &Opportunity::close_reason));
  static constexpr std::array<Reference, 3> references{
      {{"account_id", "accounts"}, {"owner_id", "users"}, {"team_id", "teams"}}};
  // Keeps the stage history: a row for the first stage and for every change.
  static Status after_write(Connection& connection, const Opportunity* before,
                            const Opportunity& after, Timestamp now, const Actor& actor);
  // after_write for the new records of a bulk load, in one write.
  static Status after_create_many(Connection& connection, std::span<const Opportunity> created,
                                  Timestamp now, const Actor& actor);
};

template <>
struct EntityTraits<BuyingCenterMember> {
  static constexpr std::string_view entity = "buying_center_member";
  static constexpr std::string_view table = "buying_center";
  static constexpr auto columns = std::make_tuple(
      col("opportunity_id", &BuyingCenterMember::opportunity_id),
      col("contact_id", &BuyingCenterMember::contact_id), col("roles", &BuyingCenterMember::roles),
      col("influence", &BuyingCenterMember::influence),
      col("attitude", &BuyingCenterMember::attitude), col("notes", &BuyingCenterMember::notes));
  static constexpr std::array<Reference, 2> references{
      {{"opportunity_id", "opportunities"}, {"contact_id", "contacts"}}};
  // Keeps the attitude history: the first attitude and every change.
  static Status after_write(Connection& connection, const BuyingCenterMember* before,
                            const BuyingCenterMember& after, Timestamp now, const Actor& actor);
  static Status after_create_many(Connection& connection,
                                  std::span<const BuyingCenterMember> created, Timestamp now,
                                  const Actor& actor);
};

template <>
struct EntityTraits<VisitReport> {
  static constexpr std::string_view entity = "visit_report";
  static constexpr std::string_view table = "visit_reports";
  static constexpr auto columns = std::make_tuple(
      col("account_id", &VisitReport::account_id),
      col("opportunity_id", &VisitReport::opportunity_id),
      col("project_no", &VisitReport::project_no), col("visit_date", &VisitReport::visit_date),
      col("manager_id", &VisitReport::manager_id), col("goal", &VisitReport::goal),
      col("breakthroughs", &VisitReport::breakthroughs),
      col("next_steps", &VisitReport::next_steps), col("competitor", &VisitReport::competitor),
      col("our_progress", &VisitReport::our_progress),
      col("competitor_progress", &VisitReport::competitor_progress),
      col("assessment", &VisitReport::assessment));
  static constexpr std::array<Reference, 3> references{
      {{"account_id", "accounts"}, {"opportunity_id", "opportunities"}, {"manager_id", "users"}}};
};

template <>
struct EntityTraits<SopCheck> {
  static constexpr std::string_view entity = "sop_check";
  static constexpr std::string_view table = "sop_checks";
  static constexpr auto columns = std::make_tuple(
      col("opportunity_id", &SopCheck::opportunity_id), col("step", &SopCheck::step),
      col("done_on", &SopCheck::done_on), col("note", &SopCheck::note));
  static constexpr std::array<Reference, 1> references{{{"opportunity_id", "opportunities"}}};
};

template <>
struct EntityTraits<CompetitorRating> {
  static constexpr std::string_view entity = "competitor_rating";
  static constexpr std::string_view table = "competitor_ratings";
  static constexpr auto columns = std::make_tuple(
      col("product_line_id", &CompetitorRating::product_line_id),
      col("competitor", &CompetitorRating::competitor),
      col("coverage", &CompetitorRating::coverage), col("stability", &CompetitorRating::stability),
      col("price", &CompetitorRating::price), col("brand", &CompetitorRating::brand),
      col("service", &CompetitorRating::service), col("operations", &CompetitorRating::operations),
      col("usp", &CompetitorRating::usp));
  static constexpr std::array<Reference, 1> references{{{"product_line_id", "product_lines"}}};
};

// Every record type with traits above, for code that must name each (explicit instantiation).
// (Not formatted: clang-format lays this macro out differently on each pass.)
// clang-format off
#define KAM_FOR_EACH_RECORD_TYPE(X)                                                            \
  X(Team) X(User) X(ProductLine) X(Product) X(Account) X(Contact) X(Order) X(OrderLine)       \
  X(OrderReturn) X(Invoice) X(Payment) X(Activity) X(Feedback) X(Task) X(Contract)              \
  X(ReceivableInstalment) X(Opportunity) X(BuyingCenterMember) X(VisitReport) X(SopCheck)     \
  X(CompetitorRating)
// clang-format on

}  // namespace kam::store

#include "store/scorecard_store.hpp"

#include <gtest/gtest.h>

#include "store/scorecard_inputs.hpp"
#include "store/scorecard_rating.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

namespace sc = analytics::scorecard;

Day day(const char* text) {
  return *parse_date(text);
}

// Two accounts, rated for 2024Q4 (2024-10-01..2024-12-31):
// 甲 bought in 2020 and in the quarter, and had three invoices fall due in the quarter —
//   10,000 paid before its due day, 30,000 paid 20 days late, 20,000 of which 5,000 was paid
//   on time and 15,000 is still open at the quarter end, 11 days past due — plus 5,000 due
//   after the quarter.
// 乙 has no orders and no invoices: its payment indicators cannot be computed.
class ScorecardStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Account a = make_account("甲公司");
    a.ownership = Ownership::kPrivate;
    a.employees = 120;
    ASSERT_TRUE(t.store->repository<Account>().create(a, actor));
    first = a.meta.id;
    Account b = make_account("乙公司");
    ASSERT_TRUE(t.store->repository<Account>().create(b, actor));
    second = b.meta.id;

    order("2020-01-10", 10'000, 2'000);
    order("2024-11-05", 30'000, 6'000);
    const int64_t paid_early = invoice("2024-09-01", "2024-10-01", 10'000);
    const int64_t paid_late = invoice("2024-10-15", "2024-11-14", 30'000);
    const int64_t open = invoice("2024-11-20", "2024-12-20", 20'000);
    invoice("2024-12-01", "2025-01-15", 5'000);
    pay(paid_early, "2024-09-28", 10'000);
    pay(paid_late, "2024-12-04", 30'000);
    pay(open, "2024-12-10", 5'000);
    pay(open, "2025-01-20", 15'000);  // after the quarter: still open at its end
  }

  void order(const char* date, int64_t yuan, int64_t margin_yuan) {
    Order o;
    o.account_id = first;
    o.order_no = "SO" + std::to_string(++serial);
    o.order_date = day(date);
    o.amount = Money::yuan(yuan);
    o.gross_margin = Money::yuan(margin_yuan);
    ASSERT_TRUE(t.store->repository<Order>().create(o, actor));
  }
  int64_t invoice(const char* date, const char* due, int64_t yuan) {
    Invoice i;
    i.account_id = first;
    i.invoice_no = "INV" + std::to_string(++serial);
    i.invoice_date = day(date);
    i.due_date = day(due);
    i.amount = Money::yuan(yuan);
    auto id = t.store->repository<Invoice>().create(i, actor);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  void pay(int64_t invoice_id, const char* date, int64_t yuan) {
    Payment p;
    p.account_id = first;
    p.invoice_id = invoice_id;
    p.paid_date = day(date);
    p.amount = Money::yuan(yuan);
    ASSERT_TRUE(t.store->repository<Payment>().create(p, actor));
  }
  Status enter(int64_t account, const std::string& indicator, sc::Value value, const char* as_of,
               const std::string& who = "analyst") {
    ManualInput in;
    in.account_id = account;
    in.indicator = indicator;
    in.value = std::move(value);
    in.as_of = day(as_of);
    return record_input(t.db(), in, Actor{who, std::nullopt}, t.clock.now());
  }

  TestStore t;
  Actor actor{"rep", std::nullopt};
  int64_t first = 0, second = 0;
  int serial = 0;
  const analytics::Period q4{day("2024-10-01"), day("2024-12-31")};
};

std::optional<sc::Value> value(const IndicatorTable& table, int64_t account,
                               std::string_view code) {
  const auto* column = table.find(code);
  EXPECT_NE(column, nullptr) << code;
  if (!column) return std::nullopt;
  return IndicatorTable::get(*column, static_cast<size_t>(table.row_of(account)));
}

TEST_F(ScorecardStoreTest, ComputedIndicatorsCountLatePaymentsAndLeaveWhatIsUnknownMissing) {
  auto table = computed_indicators(t.db(), q4, {});
  ASSERT_TRUE(table) << table.error().describe();
  ASSERT_EQ(table->rows(), 2u);
  // 10,000 + 5,000 of the 60,000 due in the quarter were paid by their due day.
  EXPECT_EQ(value(*table, first, "on_time_payment_rate"), sc::Value(int64_t{2500}));
  // Paid 20 days late beats 11 days open at the quarter end.
  EXPECT_EQ(value(*table, first, "max_overdue_days"), sc::Value(int64_t{20}));
  // At the end 15,000 overdue of 20,000 outstanding.
  EXPECT_EQ(value(*table, first, "overdue_ratio"), sc::Value(int64_t{7500}));
  EXPECT_EQ(value(*table, first, "revenue"), sc::Value(int64_t{30'000'00}));
  EXPECT_EQ(value(*table, first, "gross_margin_rate"), sc::Value(int64_t{2000}));
  EXPECT_EQ(value(*table, first, "relationship_days"),
            sc::Value(int64_t{day("2024-12-31") - day("2020-01-10")}));
  EXPECT_EQ(value(*table, first, "ownership"), sc::Value(std::string("private")));
  EXPECT_EQ(value(*table, first, "employees"), sc::Value(int64_t{120}));
  EXPECT_EQ(value(*table, first, "open_pipeline"), sc::Value(int64_t{0}));

  // Nothing fell due, nothing was bought: missing, not 0.
  for (const char* code :
       {"on_time_payment_rate", "max_overdue_days", "overdue_ratio", "collection_days",
        "relationship_days", "gross_margin_rate", "ownership", "employees", "wallet_headroom"}) {
    EXPECT_FALSE(value(*table, second, code).has_value()) << code;
  }
  EXPECT_EQ(value(*table, second, "revenue"), sc::Value(int64_t{0}));

  // A single account reads the same values; unknown codes name the field.
  auto one = computed_indicators(t.db(), q4, std::vector<std::string>{"max_overdue_days"}, first);
  ASSERT_TRUE(one) << one.error().describe();
  ASSERT_EQ(one->rows(), 1u);
  EXPECT_EQ(value(*one, first, "max_overdue_days"), sc::Value(int64_t{20}));
  auto bad = computed_indicators(t.db(), q4, std::vector<std::string>{"current_ratio"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "codes");
}

TEST_F(ScorecardStoreTest, ManualInputsKeepWhoAndWhenAndANewerEntrySupersedes) {
  ASSERT_TRUE(enter(first, "current_ratio", int64_t{120}, "2023-12-31", "analyst"));
  t.clock.advance(86'400);
  ASSERT_TRUE(enter(first, "current_ratio", int64_t{180}, "2024-12-31", "manager"));
  t.clock.advance(86'400);
  // A correction of the 2023 figure, entered later, does not displace the 2024 statement.
  ASSERT_TRUE(enter(first, "current_ratio", int64_t{125}, "2023-12-31", "analyst"));

  auto mid = current_inputs(t.db(), first, "credit_rating", day("2024-06-30"));
  ASSERT_TRUE(mid);
  ASSERT_EQ(mid->size(), 1u);
  EXPECT_EQ((*mid)[0].value, sc::Value(int64_t{125}));
  auto now = current_inputs(t.db(), first, "credit_rating", day("2025-01-01"));
  ASSERT_TRUE(now);
  ASSERT_EQ(now->size(), 1u);
  EXPECT_EQ((*now)[0].value, sc::Value(int64_t{180}));
  EXPECT_EQ((*now)[0].entered_by, "manager");
  EXPECT_EQ(to_string((*now)[0].entered_at), "2024-06-02T09:00:00Z");

  auto history = input_history(t.db(), first);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);  // nothing overwritten
  EXPECT_EQ((*history)[2].entered_by, "analyst");
  EXPECT_EQ((*history)[2].value, sc::Value(int64_t{120}));

  // The bulk reader agrees with current_inputs.
  IndicatorTable table({first, second});
  ASSERT_TRUE(add_manual_inputs(t.db(), sc::default_credit_card(), day("2025-01-01"), table));
  EXPECT_EQ(value(table, first, "current_ratio"), sc::Value(int64_t{180}));
  EXPECT_FALSE(value(table, second, "current_ratio").has_value());

  // Validation names the field.
  const auto field_of = [](const Status& s) {
    return s ? std::string() : s.error().fields.at(0).field;
  };
  EXPECT_EQ(field_of(enter(first, "on_time_payment_rate", int64_t{9000}, "2024-12-31")),
            "indicator");
  EXPECT_EQ(field_of(enter(first, "nonesuch", int64_t{1}, "2024-12-31")), "indicator");
  EXPECT_EQ(field_of(enter(first, "management_quality", int64_t{7}, "2024-12-31")), "value");
  EXPECT_EQ(field_of(enter(first, "legal_record", std::string("jail"), "2024-12-31")), "value");
  EXPECT_EQ(field_of(enter(first, "legal_record", int64_t{1}, "2024-12-31")), "value");
  EXPECT_EQ(field_of(enter(9999, "legal_record", std::string("none"), "2024-12-31")), "account_id");
  ManualInput wrong_card;
  wrong_card.account_id = first;
  wrong_card.card = "prospect";
  wrong_card.indicator = "current_ratio";
  wrong_card.value = int64_t{150};
  wrong_card.as_of = day("2024-12-31");
  EXPECT_EQ(field_of(record_input(t.db(), wrong_card, actor, t.clock.now())), "card");
  EXPECT_EQ(input_history(t.db(), first)->size(), 3u);

  // Values as typed.
  const auto catalogue = sc::default_catalogue();
  EXPECT_EQ(parse_input_value(*sc::find_spec(catalogue, "debt_to_asset_ratio"), "55.5%").value(),
            sc::Value(int64_t{5550}));
  EXPECT_EQ(parse_input_value(*sc::find_spec(catalogue, "current_ratio"), "1.5").value(),
            sc::Value(int64_t{150}));
  EXPECT_EQ(parse_input_value(*sc::find_spec(catalogue, "revenue_growth"), "-10").value(),
            sc::Value(int64_t{-1000}));
  EXPECT_FALSE(parse_input_value(*sc::find_spec(catalogue, "current_ratio"), "1.234"));
  EXPECT_FALSE(parse_input_value(*sc::find_spec(catalogue, "years_in_business"), "3.5"));
}

TEST_F(ScorecardStoreTest, QuarterlyRatingIsStoredWithTheCardVersionAndRefusesARerun) {
  sc::Card card = sc::default_credit_card();
  card.name_en = "Credit rating, edited";
  ASSERT_TRUE(save_card(t.db(), card, actor, t.clock.now()));
  EXPECT_EQ(card.version, 1);
  auto loaded = load_card(t.db(), "credit_rating");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->version, 1);
  EXPECT_EQ(loaded->name_en, "Credit rating, edited");
  EXPECT_EQ(load_card_version(t.db(), "credit_rating", 0)->name_en, "Customer credit rating");

  ASSERT_TRUE(enter(first, "legal_record", std::string("none"), "2024-12-01"));
  ASSERT_TRUE(enter(first, "years_in_business", int64_t{12}, "2025-02-01"));  // after the quarter

  RatingRequest request;
  request.quarter = "2024Q4";
  request.batch = 1;
  std::vector<int64_t> progress;
  auto summary = rate_quarter(t.db(), request, actor, t.clock.now(),
                              [&](int64_t done, int64_t) { progress.push_back(done); });
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->rated, 2);
  EXPECT_EQ(summary->card_version, 1);
  EXPECT_EQ(progress, (std::vector<int64_t>{1, 2}));

  auto history = rating_history(t.db(), first, "credit_rating");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  const StoredRating r = (*history)[0];  // a copy: `history` is read again below
  EXPECT_EQ(r.period, "2024Q4");
  EXPECT_EQ(r.card_version, 1);
  EXPECT_EQ(r.period_to, day("2024-12-31"));
  EXPECT_TRUE(r.partial);
  // Entered after the quarter end: not used for this quarter.
  EXPECT_NE(std::find(r.missing.begin(), r.missing.end(), "years_in_business"), r.missing.end());
  EXPECT_EQ(std::find(r.missing.begin(), r.missing.end(), "legal_record"), r.missing.end());
  EXPECT_NE(r.explanation.find("\"on_time_payment_rate\":2500"), std::string::npos)
      << r.explanation;
  EXPECT_NE(r.explanation.find("\"legal_record\":\"none\""), std::string::npos);
  EXPECT_EQ(r.rated_by, "rep");

  // What `kam score` shows for the quarter is what was stored.
  auto scored = score_account(t.db(), *loaded, first, q4);
  ASSERT_TRUE(scored) << scored.error().describe();
  EXPECT_EQ(scored->score.score_x100, r.score_x100);
  EXPECT_EQ(scored->monthly_purchases, Money::yuan(10'000));  // 30,000 over three months

  // A re-run is refused and changes nothing; with replace it overwrites in place.
  auto again = rate_quarter(t.db(), request, actor, t.clock.now());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(enter(first, "credit_reference", std::string("good"), "2024-12-15"));
  t.clock.advance(3'600);
  request.replace = true;
  auto replaced = rate_quarter(t.db(), request, Actor{"auditor", std::nullopt}, t.clock.now());
  ASSERT_TRUE(replaced) << replaced.error().describe();
  EXPECT_EQ(count_ratings(t.db(), "credit_rating", "2024Q4", std::nullopt).value(), 2);
  history = rating_history(t.db(), first, "");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].rated_by, "auditor");
  EXPECT_GT(*(*history)[0].score_x100, *r.score_x100);  // the new input counts

  // A quarter that is not one names the field.
  request.quarter = "2024Q5";
  auto bad = rate_quarter(t.db(), request, actor, t.clock.now());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "quarter");
  EXPECT_EQ(parse_quarter("2025Q1")->period.to, day("2025-03-31"));
}

TEST_F(ScorecardStoreTest, CardsAreValidatedAndUnknownOnesNamed) {
  auto unknown = load_card(t.db(), "nonesuch");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.at(0).field, "card");
  sc::Card broken = sc::default_credit_card();
  broken.grades.back().min_points = 5;  // the last grade must start at 0
  ASSERT_FALSE(save_card(t.db(), broken, actor, t.clock.now()));
  EXPECT_EQ(load_card(t.db(), "credit_rating")->version, 0);
}

TEST_F(ScorecardStoreTest, StageOverrideIsKeptWithWhoWhenAndWhy) {
  ASSERT_TRUE(set_stage_override(t.db(), first, std::string("middle"), "joint project team", actor,
                                 t.clock.now()));
  auto o = current_stage_override(t.db(), first);
  ASSERT_TRUE(o);
  ASSERT_TRUE(o->has_value());
  EXPECT_EQ((*o)->stage, "middle");
  EXPECT_EQ((*o)->set_by, "rep");
  EXPECT_EQ((*o)->reason, "joint project team");
  auto bad = set_stage_override(t.db(), first, std::string("married"), "x", actor, t.clock.now());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "stage");
  ASSERT_TRUE(set_stage_override(t.db(), first, std::nullopt, "computed stage is right", actor,
                                 t.clock.now()));
  EXPECT_FALSE(current_stage_override(t.db(), first)->has_value());
}

}  // namespace
}  // namespace kam::store

// Orders with lines (src/app/order_writes.hpp): the amount is the sum of the lines, a stated
// amount or product line that disagrees is refused by name, every problem of a line names it
// as lines[i].field, a change replaces the lines and is audited, a deletion takes the lines
// with it and a restore brings them back; an order without lines is written as before.

#include "app/order_writes.hpp"

#include <gtest/gtest.h>

#include <map>

#include "store/audit_log.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam {
namespace {

using FieldErrors = std::map<std::string, std::string>;

FieldErrors errors_of(const Error& e) {
  FieldErrors out;
  for (const auto& f : e.fields)
    out[f.field] = f.message;
  return out;
}

class OrderWritesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::open(testing::test_database(file_.location()), clock_);
    ASSERT_TRUE(opened) << opened.error().describe();
    store_ = std::move(*opened);
    ProductLine office;
    office.code = "OFF";
    office.name = "办公设备";
    ProductLine paper;
    paper.code = "PAP";
    paper.name = "纸品";
    office_ = *store_->repository<ProductLine>().create(office, actor_);
    paper_ = *store_->repository<ProductLine>().create(paper, actor_);
    printer_ = product(office_, "OFF-100", "激光打印机", Money::yuan(2000));
    copier_ = product(office_, "OFF-200", "复印机", Money::yuan(15000));
    a4_ = product(paper_, "PAP-100", "A4 复印纸", Money{2550});  // ¥25.50 a ream
    Account a;
    a.name = "华东电力设计院";
    account_ = *store_->repository<Account>().create(a, actor_);
  }

  int64_t product(int64_t line, std::string sku, std::string name, std::optional<Money> price) {
    Product p;
    p.product_line_id = line;
    p.sku = std::move(sku);
    p.name = std::move(name);
    p.list_price = price;
    auto id = store_->repository<Product>().create(p, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }

  Order order(std::string no) const {
    Order o;
    o.account_id = account_;
    o.order_no = std::move(no);
    o.order_date = Day::from_ymd(2026, 3, 2);
    return o;
  }

  static app::OrderLineInput line(int64_t product, std::string quantity,
                                  std::optional<std::string> price = std::nullopt,
                                  std::optional<std::string> discount = std::nullopt) {
    app::OrderLineInput in{{"product_id", std::to_string(product)}, {"quantity", quantity}};
    if (price) in.emplace_back("unit_price", *price);
    if (discount) in.emplace_back("discount", *discount);
    return in;
  }

  testing::TemporaryDatabaseFile file_{"order_writes"};
  FixedClock clock_{Timestamp{1'772'000'000}};
  std::unique_ptr<store::Store> store_;
  store::Actor actor_{"am1", std::nullopt};
  int64_t office_ = 0, paper_ = 0, printer_ = 0, copier_ = 0, a4_ = 0, account_ = 0;
};

TEST(OrderLineAmount, IsQuantityTimesPriceLessDiscountRoundedToTheFen) {
  // 3 × ¥2,000.00 less 5% = ¥5,700.00
  EXPECT_EQ(line_amount(3, Money::yuan(2000), 5), Money::yuan(5700));
  // 7 × ¥25.50 less 12% = 178.50 × 0.88 = 157.08
  EXPECT_EQ(line_amount(7, Money{2550}, 12), Money{15708});
  // 1 × ¥0.05 less 50% = 0.025 → 0.03 (half away from zero)
  EXPECT_EQ(line_amount(1, Money{5}, 50), Money{3});
  EXPECT_EQ(line_amount(4, Money::yuan(10), 100), Money{0});
}

TEST_F(OrderWritesTest, AnOrderWithLinesHasTheirSumAsItsAmountAndTheirProductLine) {
  Order o = order("DD-1");
  app::OrderLinesWrite input;
  // 3 printers at list price less 5% (5,700.00) and 2 copiers at 14,000 (28,000.00).
  input.lines = {line(printer_, "3", std::nullopt, "5"), line(copier_, "2", "14000")};
  std::vector<OrderLine> lines;
  auto id = app::create_order(*store_, o, input, actor_, &lines);
  ASSERT_TRUE(id) << id.error().describe();
  auto stored = store_->repository<Order>().get(*id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->amount, Money::yuan(33700));
  EXPECT_EQ(stored->product_line_id, office_);
  auto read = app::order_lines(*store_, *id);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].line_no, 1);
  EXPECT_EQ((*read)[0].unit_price, Money::yuan(2000));
  EXPECT_EQ((*read)[0].amount, Money::yuan(5700));
  EXPECT_EQ((*read)[1].amount, Money::yuan(28000));
}

TEST_F(OrderWritesTest, LinesOfSeveralProductLinesGiveTheOrderTheLargestLinesProductLine) {
  Order o = order("DD-2");
  app::OrderLinesWrite input;
  // Paper: 1000 × 25.50 = 25,500.00; printer: 2,000.00. Paper is the larger line.
  input.lines = {line(printer_, "1"), line(a4_, "1000")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_TRUE(id) << id.error().describe();
  EXPECT_EQ(store_->repository<Order>().get(*id)->product_line_id, paper_);
  EXPECT_EQ(store_->repository<Order>().get(*id)->amount, Money::yuan(27500));
}

TEST_F(OrderWritesTest, AStatedAmountOtherThanTheLinesSumIsRefusedNamingAmount) {
  Order o = order("DD-3");
  o.amount = Money::yuan(5000);
  app::OrderLinesWrite input;
  input.amount_stated = true;
  input.lines = {line(printer_, "3")};  // 6,000.00
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_FALSE(id);
  const auto errors = errors_of(id.error());
  ASSERT_EQ(errors.count("amount"), 1u);
  EXPECT_EQ(errors.at("amount"), "is 5000.00 but its lines add up to 6000.00");
  EXPECT_EQ(*store::query_int(store_->connection(), "SELECT COUNT(*) FROM orders"), 0);
  EXPECT_EQ(*store::query_int(store_->connection(), "SELECT COUNT(*) FROM order_lines"), 0);
}

TEST_F(OrderWritesTest, BadLinesAreRefusedEachNamingItsLineAndField) {
  Order o = order("DD-4");
  app::OrderLinesWrite input;
  input.lines = {line(printer_, "1"), line(printer_, "0"), line(copier_, "1", "-1", "120"),
                 line(999, "1")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_FALSE(id);
  const auto errors = errors_of(id.error());
  EXPECT_EQ(errors.count("lines[0].quantity"), 0u);
  EXPECT_EQ(errors.at("lines[1].quantity"), "must be more than 0, got 0");
  EXPECT_EQ(errors.at("lines[2].unit_price"), "must not be negative, got -1.00");
  EXPECT_EQ(errors.at("lines[2].discount"), "must be a percent from 0 to 100, got 120");
  EXPECT_EQ(errors.at("lines[3].product_id"),
            "does not exist in the product catalogue (or was deleted)");
  EXPECT_EQ(*store::query_int(store_->connection(), "SELECT COUNT(*) FROM orders"), 0);
}

TEST_F(OrderWritesTest, ADeletedProductCannotBeOrdered) {
  ASSERT_TRUE(store_->repository<Product>().remove(copier_, actor_));
  Order o = order("DD-5");
  app::OrderLinesWrite input;
  input.lines = {line(copier_, "1")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_FALSE(id);
  EXPECT_EQ(errors_of(id.error()).count("lines[0].product_id"), 1u);
}

TEST_F(OrderWritesTest, AProductWithoutListPriceNeedsAUnitPrice) {
  const int64_t custom = product(office_, "OFF-900", "定制机柜", std::nullopt);
  Order o = order("DD-6");
  app::OrderLinesWrite input;
  input.lines = {line(custom, "1")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_FALSE(id);
  EXPECT_EQ(errors_of(id.error()).at("lines[0].unit_price"),
            "is required: the product has no list price to start from");
}

TEST_F(OrderWritesTest, AnEditReplacesTheLinesAuditsThemAndMakesANewVersion) {
  Order o = order("DD-7");
  app::OrderLinesWrite input;
  input.lines = {line(printer_, "3"), line(copier_, "1"), line(a4_, "10")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_TRUE(id) << id.error().describe();
  auto first = *app::order_lines(*store_, *id);
  ASSERT_EQ(first.size(), 3u);

  // The first line gets a 10% discount, the copier line stays, the paper line goes.
  Order edited = *store_->repository<Order>().get(*id);
  const int64_t version = edited.meta.version;
  app::OrderLinesWrite change;
  change.lines = {line(printer_, "3", std::nullopt, "10"), line(copier_, "1")};
  ASSERT_TRUE(app::update_order(*store_, edited, change, actor_));
  auto stored = *store_->repository<Order>().get(*id);
  // 3 × 2,000 × 0.9 = 5,400 and 15,000.
  EXPECT_EQ(stored.amount, Money::yuan(20400));
  EXPECT_EQ(stored.meta.version, version + 1);
  auto lines = *app::order_lines(*store_, *id);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].meta.id, first[0].meta.id);
  EXPECT_EQ(lines[0].discount, 10);
  EXPECT_EQ(lines[0].meta.version, 2);
  EXPECT_EQ(lines[1].meta.version, 1);  // unchanged, not rewritten

  auto trail = store::audit_history(store_->connection(), "order_line", first[0].meta.id);
  ASSERT_TRUE(trail);
  std::map<std::string, std::pair<std::string, std::string>> updates;
  for (const auto& e : *trail)
    if (e.action == "update" && e.field)
      updates[*e.field] = {e.old_value.value_or(""), e.new_value.value_or("")};
  EXPECT_EQ(updates.at("discount"), std::make_pair(std::string("0"), std::string("10")));
  EXPECT_EQ(updates.at("amount"), std::make_pair(std::string("6000.00"), std::string("5400.00")));
  auto removed = store::audit_history(store_->connection(), "order_line", first[2].meta.id);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->back().action, "delete");
}

TEST_F(OrderWritesTest, ALineOnlyChangeKeepingTheAmountIsStillANewVersion) {
  const int64_t other = product(office_, "OFF-101", "喷墨打印机", Money::yuan(2000));
  Order o = order("DD-8");
  app::OrderLinesWrite input;
  input.lines = {line(printer_, "1")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_TRUE(id);
  Order edited = *store_->repository<Order>().get(*id);
  app::OrderLinesWrite change;
  change.lines = {line(other, "1")};  // the same price and product line: the order's fields stay
  ASSERT_TRUE(app::update_order(*store_, edited, change, actor_));
  EXPECT_EQ(store_->repository<Order>().get(*id)->meta.version, 2);
  // A form still holding version 1 is told someone else changed it.
  Order stale = *store_->repository<Order>().get(*id);
  stale.meta.version = 1;
  auto s = app::update_order(*store_, stale, change, actor_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
}

TEST_F(OrderWritesTest, TheAmountOfAnOrderWithLinesChangesOnlyThroughTheLines) {
  Order o = order("DD-9");
  app::OrderLinesWrite input;
  input.lines = {line(printer_, "1")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_TRUE(id);
  Order edited = *store_->repository<Order>().get(*id);
  edited.amount = Money::yuan(1);
  app::OrderLinesWrite change;
  change.amount_stated = true;
  auto s = app::update_order(*store_, edited, change, actor_);
  ASSERT_FALSE(s);
  EXPECT_EQ(errors_of(s.error()).at("amount"),
            "is the sum of the order's lines; change the lines instead");
}

TEST_F(OrderWritesTest, DeletingAnOrderDeletesItsLinesAndRestoringBringsThemBack) {
  Order o = order("DD-10");
  app::OrderLinesWrite input;
  input.lines = {line(printer_, "1"), line(a4_, "2")};
  auto id = app::create_order(*store_, o, input, actor_);
  ASSERT_TRUE(id);
  ASSERT_TRUE(app::delete_record<Order>(*store_, *id, actor_));
  EXPECT_EQ(*store::query_int(store_->connection(),
                              "SELECT COUNT(*) FROM order_lines WHERE deleted_at IS NULL"),
            0);
  clock_.advance(60);
  ASSERT_TRUE(app::restore_record<Order>(*store_, *id, actor_));
  EXPECT_EQ(app::order_lines(*store_, *id)->size(), 2u);
}

TEST_F(OrderWritesTest, AnOrderWithoutLinesKeepsTheAmountAndProductLineItIsGiven) {
  Order o = order("DD-11");
  o.amount = Money::yuan(880);
  o.product_line_id = paper_;
  auto id = app::create_order(*store_, o, app::OrderLinesWrite{}, actor_);
  ASSERT_TRUE(id) << id.error().describe();
  auto stored = *store_->repository<Order>().get(*id);
  EXPECT_EQ(stored.amount, Money::yuan(880));
  EXPECT_EQ(stored.product_line_id, paper_);
  stored.amount = Money::yuan(990);
  app::OrderLinesWrite change;
  change.amount_stated = true;
  ASSERT_TRUE(app::update_order(*store_, stored, change, actor_));
  EXPECT_EQ(store_->repository<Order>().get(*id)->amount, Money::yuan(990));
  EXPECT_TRUE(app::order_lines(*store_, *id)->empty());
}

}  // namespace
}  // namespace kam

#include <gtest/gtest.h>

#include "core/account.hpp"
#include "core/contract.hpp"
#include "core/interaction.hpp"
#include "core/task.hpp"
#include "core/transaction.hpp"

namespace kam {
namespace {

std::vector<std::string> fields_of(const Status& s) {
  std::vector<std::string> out;
  if (!s) {
    for (const auto& f : s.error().fields)
      out.push_back(f.field);
  }
  return out;
}

TEST(AccountValidation, AcceptsACompleteAccountAndNormalisesCodes) {
  Account a;
  a.name = "华为技术有限公司";
  a.credit_code = "91440300708461136t";
  a.industry_code = "C39";
  ASSERT_TRUE(validate(a)) << validate(a).error().describe();
  EXPECT_EQ(a.credit_code, "91440300708461136T");
  EXPECT_EQ(a.industry_code, "39");
}

TEST(AccountValidation, ReportsEveryBadFieldAtOnce) {
  Account a;
  a.name = "   ";
  a.credit_code = "91440300708461136X";
  a.industry_code = "98";
  a.employees = -3;
  a.registered_capital = Money{-1};
  a.owner_id = 0;
  const auto fields = fields_of(validate(a));
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "credit_code", "industry_code", "employees",
                                              "registered_capital", "owner_id"}));
}

TEST(AccountValidation, LimitsLengthInCharactersNotBytes) {
  Account a;
  a.name = std::string();
  for (int i = 0; i < 200; ++i)
    a.name += "中";  // 600 bytes, 200 characters
  EXPECT_TRUE(validate(a));
  a.name += "中";
  EXPECT_EQ(fields_of(validate(a)), std::vector<std::string>{"name"});
}

TEST(ContactValidation, ChecksEveryWayToReachThePerson) {
  Contact c;
  c.account_id = 1;
  c.name = "张伟";
  c.mobile = "1380013800";
  c.phone = "12345";
  c.email = "zhangwei";
  c.wechat = "1abc";
  EXPECT_EQ(fields_of(validate(c)),
            (std::vector<std::string>{"mobile", "phone", "email", "wechat"}));
}

TEST(OrderValidation, MarginCannotExceedAmountAndAmountsAreNonNegative) {
  Order o;
  o.account_id = 1;
  o.order_no = "SO-1";
  o.amount = Money{100};
  o.gross_margin = Money{-50};  // a loss is allowed
  EXPECT_TRUE(validate(o));
  o.gross_margin = Money{101};
  EXPECT_EQ(fields_of(validate(o)), std::vector<std::string>{"gross_margin"});
  o.gross_margin = Money{0};
  o.amount = Money{-1};
  EXPECT_EQ(fields_of(validate(o)), (std::vector<std::string>{"amount", "gross_margin"}));
}

TEST(InvoiceValidation, DueDateNotBeforeInvoiceDate) {
  Invoice i;
  i.account_id = 1;
  i.invoice_no = "INV-1";
  i.invoice_date = *parse_date("2024-03-01");
  i.due_date = *parse_date("2024-02-01");
  EXPECT_EQ(fields_of(validate(i)), std::vector<std::string>{"due_date"});
}

TEST(FeedbackValidation, ResolvedNeedsAResolutionDate) {
  Feedback f;
  f.account_id = 1;
  f.subject = "交货延迟";
  f.received_on = *parse_date("2024-03-01");
  f.status = FeedbackStatus::kResolved;
  EXPECT_EQ(fields_of(validate(f)), std::vector<std::string>{"resolved_on"});
  f.resolved_on = *parse_date("2024-02-01");
  EXPECT_EQ(fields_of(validate(f)), std::vector<std::string>{"resolved_on"});
  f.resolved_on = *parse_date("2024-03-05");
  EXPECT_TRUE(validate(f));
}

TEST(TaskValidation, NeedsATitleOfAtMost200CharactersAndADueTime) {
  Task t;
  t.account_id = 1;
  t.owner_id = 2;
  EXPECT_EQ(fields_of(validate(t)), (std::vector<std::string>{"title", "due_at"}));
  t.title = std::string(201, 'x');
  t.due_at = *parse_timestamp("2024-06-03T10:00:00+08:00");
  EXPECT_EQ(fields_of(validate(t)), std::vector<std::string>{"title"});
  t.title = "回电确认报价";
  EXPECT_TRUE(validate(t));
}

TEST(TaskValidation, OnlyADoneTaskHasADoneTime) {
  Task t;
  t.account_id = 1;
  t.owner_id = 2;
  t.title = "寄送样品";
  t.due_at = *parse_timestamp("2024-06-03T10:00:00Z");
  t.done_at = *parse_timestamp("2024-06-02T10:00:00Z");
  EXPECT_EQ(fields_of(validate(t)), std::vector<std::string>{"done_at"});
  t.done = true;
  EXPECT_TRUE(validate(t));
}

TEST(ContractValidation, EndsAfterItStarts) {
  Contract c;
  c.account_id = 1;
  c.contract_no = "HT-1";
  c.title = "年度框架协议";
  c.start_date = *parse_date("2024-01-01");
  c.end_date = *parse_date("2023-12-31");
  EXPECT_EQ(fields_of(validate(c)), std::vector<std::string>{"end_date"});
}

}  // namespace
}  // namespace kam

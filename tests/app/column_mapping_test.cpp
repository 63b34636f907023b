#include "app/column_mapping.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/header_normalization.hpp"
#include "store/record_fields.hpp"

namespace kam::app {
namespace {

std::vector<std::string> fields_of(const ColumnMapping& mapping) {
  std::vector<std::string> out;
  for (const auto& c : mapping.columns)
    out.push_back(c.field.value_or("-"));
  return out;
}

template <class T>
std::vector<std::string> store_columns() {
  std::vector<std::string> names;
  store::detail::for_each_column(store::EntityTraits<T>::columns, [&](const auto& column) {
    if (column.audited) names.emplace_back(column.name);  // derived columns are not imported
  });
  return names;
}

template <class T>
void expect_same_fields(ImportEntity entity) {
  const auto fields = importable_fields(entity);
  EXPECT_EQ(std::vector<std::string>(fields.begin(), fields.end()), store_columns<T>())
      << entity_name(entity);
}

TEST(ColumnMapping, FieldsAreTheStoresColumns) {
  expect_same_fields<Account>(ImportEntity::kAccounts);
  expect_same_fields<Contact>(ImportEntity::kContacts);
  expect_same_fields<Order>(ImportEntity::kOrders);
  expect_same_fields<Invoice>(ImportEntity::kInvoices);
  expect_same_fields<Payment>(ImportEntity::kPayments);
  expect_same_fields<Activity>(ImportEntity::kActivities);
  expect_same_fields<Opportunity>(ImportEntity::kOpportunities);
}

TEST(HeaderNormalization, WidthCaseSpacesAndPunctuation) {
  EXPECT_EQ(normalize_header("Ｃｏｍｐａｎｙ　Name"), "companyname");
  EXPECT_EQ(normalize_header(" Company-Name: "), "companyname");
  EXPECT_EQ(normalize_header("客户名称 *"), "客户名称");
  EXPECT_EQ(normalize_header("金额（元）"), "金额元");
  EXPECT_EQ(normalize_header_without_qualifiers("金额（元）"), "金额");
  EXPECT_EQ(normalize_header_without_qualifiers("【必填】客户名称"), "客户名称");
  EXPECT_EQ(normalize_header("credit_code"), "creditcode");
  EXPECT_EQ(normalize_header("E-MAIL"), "email");
  EXPECT_EQ(normalize_header("\xFF\xFE"), "");
}

TEST(ColumnMapping, ChineseAccountHeaders) {
  const std::vector<std::string> headers{
      "客户名称", "统一社会信用代码", "所属行业", "省份", "城市", "备注", "无关列"};
  const auto mapping = guess_mapping(ImportEntity::kAccounts, headers);
  EXPECT_EQ(fields_of(mapping), (std::vector<std::string>{"name", "credit_code", "industry_code",
                                                          "province", "city", "notes", "-"}));
  EXPECT_EQ(mapping.columns[1].header, "统一社会信用代码");
  EXPECT_EQ(mapping.columns[6].column, 6u);
  EXPECT_TRUE(validate_mapping(mapping).ok());
}

TEST(ColumnMapping, EnglishAndOddlyWrittenHeaders) {
  const std::vector<std::string_view> headers{"Account Name", "CREDIT CODE", " Ｃｉｔｙ ",
                                              "credit_code", "Notes"};
  const auto mapping = guess_mapping(ImportEntity::kAccounts, headers);
  // The second credit-code column stays unmapped: a field is filled once.
  EXPECT_EQ(fields_of(mapping),
            (std::vector<std::string>{"name", "credit_code", "city", "-", "notes"}));
}

TEST(ColumnMapping, ContactsOrdersInvoicesPayments) {
  EXPECT_EQ(fields_of(guess_mapping(ImportEntity::kContacts,
                                    std::vector<std::string>{"公司名称", "联系人", "手机", "电话",
                                                             "邮箱", "生日", "微信"})),
            (std::vector<std::string>{"account_id", "name", "mobile", "phone", "email", "birthday",
                                      "wechat"}));
  EXPECT_EQ(fields_of(guess_mapping(ImportEntity::kOrders,
                                    std::vector<std::string>{"订单号", "客户名称", "下单日期",
                                                             "金额（元）", "数量", "业务员"})),
            (std::vector<std::string>{"order_no", "account_id", "order_date", "amount", "-",
                                      "owner_id"}));
  EXPECT_EQ(fields_of(guess_mapping(ImportEntity::kInvoices,
                                    std::vector<std::string>{"发票号码", "购买方名称", "开票日期",
                                                             "到期日", "价税合计", "订单号"})),
            (std::vector<std::string>{"invoice_no", "account_id", "invoice_date", "due_date",
                                      "amount", "order_id"}));
  EXPECT_EQ(
      fields_of(guess_mapping(
          ImportEntity::kPayments,
          std::vector<std::string>{"付款日期", "客户", "回款金额", "发票号", "付款方式"})),
      (std::vector<std::string>{"paid_date", "account_id", "amount", "invoice_id", "method"}));
  EXPECT_EQ(fields_of(guess_mapping(ImportEntity::kActivities,
                                    std::vector<std::string>{"客户", "联系人", "拜访日期", "类型",
                                                             "Subject", "时长（分钟）"})),
            (std::vector<std::string>{"account_id", "contact_id", "occurred_at", "kind", "subject",
                                      "minutes"}));
  EXPECT_EQ(fields_of(guess_mapping(ImportEntity::kOpportunities,
                                    std::vector<std::string>{"商机名称", "客户名称", "预计金额",
                                                             "阶段", "预计成交日期"})),
            (std::vector<std::string>{"name", "account_id", "amount", "stage", "expected_close"}));
}

TEST(ColumnMapping, ValidationNamesUnknownFieldsAndDuplicates) {
  ColumnMapping mapping{ImportEntity::kOrders,
                        {{0, "订单号", "order_no"},
                         {1, "数量", "quantity"},
                         {2, "单号", "order_no"},
                         {2, "again", std::nullopt}}};
  auto status = validate_mapping(mapping);
  ASSERT_FALSE(status.ok());
  const auto& problems = status.error().fields;
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "columns[1].field");
  EXPECT_NE(problems[0].message.find("\"quantity\" is not a field of orders"), std::string::npos);
  EXPECT_EQ(problems[1].field, "columns[2].field");
  EXPECT_NE(problems[1].message.find("already filled by column 0"), std::string::npos);
  EXPECT_EQ(problems[2].field, "columns[3].column");
}

TEST(ColumnMapping, JsonRoundTrip) {
  const auto mapping =
      guess_mapping(ImportEntity::kOrders, std::vector<std::string>{"订单号", "数量", "金额"});
  const std::string json = mapping_to_json(mapping);
  EXPECT_EQ(json,
            R"({"entity":"orders","columns":[{"column":0,"header":"订单号","field":"order_no"},)"
            R"({"column":1,"header":"数量","field":null},)"
            R"({"column":2,"header":"金额","field":"amount"}]})");
  auto back = mapping_from_json(json);
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(back->entity, ImportEntity::kOrders);
  EXPECT_EQ(fields_of(back.value()), fields_of(mapping));
  EXPECT_EQ(back->columns[1].header, "数量");
}

// Found by fuzz/column_mapping_fuzzer.cpp: a header with bytes that are not UTF-8 was saved
// into JSON verbatim, which loading the mapping then refused.
TEST(ColumnMapping, HeadersThatAreNotUtf8SurviveJson) {
  const std::vector<std::string> headers{
      std::string("\xE8\xAE\xA2\xE5\x8D\x95\xE5\x8F\xA1\x18\x00\x00\x80`", 14), "下单日期",
      "金额\xB7"};
  const auto mapping = guess_mapping(ImportEntity::kOrders, headers);
  EXPECT_EQ(mapping.columns[0].header,
            "订单\xE5\x8F\xA1" + std::string("\x18\x00\x00", 3) + "\xEF\xBF\xBD`");
  EXPECT_EQ(mapping.columns[2].header, "金额\xEF\xBF\xBD");
  EXPECT_EQ(fields_of(mapping), (std::vector<std::string>{"-", "order_date", "amount"}));
  auto back = mapping_from_json(mapping_to_json(mapping));
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(back->columns[0].header, mapping.columns[0].header);

  ColumnMapping by_hand{ImportEntity::kOrders, {{0, "\xFF", "amount"}}};
  EXPECT_TRUE(mapping_from_json(mapping_to_json(by_hand)).ok());
}

TEST(ColumnMapping, JsonErrors) {
  EXPECT_FALSE(mapping_from_json("not json").ok());
  EXPECT_FALSE(mapping_from_json("[]").ok());
  EXPECT_FALSE(mapping_from_json(R"({"entity":"users","columns":[]})").ok());
  EXPECT_FALSE(mapping_from_json(R"({"entity":"orders"})").ok());
  auto bad = mapping_from_json(
      R"({"entity":"orders","columns":[{"column":-1,"field":"amount"},{"column":1,"field":7}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "columns[0].column");
  auto unknown =
      mapping_from_json(R"({"entity":"accounts","columns":[{"column":0,"field":"nme"}]})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).field, "columns[0].field");
}

}  // namespace
}  // namespace kam::app

#include "app/column_mapping.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <unordered_map>

#include "app/header_normalization.hpp"

namespace kam::app {
namespace {

// `bytes` with each ill-formed UTF-8 sequence replaced by U+FFFD: headers reach JSON when the
// mapping is saved, and a file need not have promised UTF-8.
std::string to_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  std::string out;
  out.reserve(bytes.size() + 8);
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

constexpr std::array kEntities = {
    ImportEntity::kAccounts,      ImportEntity::kContacts, ImportEntity::kOrders,
    ImportEntity::kInvoices,      ImportEntity::kPayments, ImportEntity::kActivities,
    ImportEntity::kOpportunities,
};

// In the order of store/entity_mapping.hpp.
constexpr std::string_view kAccountFields[] = {
    "name",           "short_name",  "credit_code", "industry_code", "ownership",
    "province",       "city",        "address",     "employees",     "registered_capital",
    "annual_revenue", "listed",      "source",      "owner_id",      "team_id",
    "status",         "importance",  "parent_id",   "notes",         "churn_reason",
    "lost_on",        "owned_since", "pooled_at"};
constexpr std::string_view kContactFields[] = {
    "account_id",   "name",        "title",           "department",      "mobile",
    "phone",        "email",       "wechat",          "birthday",        "hometown",
    "preferences",  "form_family", "form_occupation", "form_recreation", "form_message",
    "reports_to_id"};
constexpr std::string_view kOrderFields[] = {"account_id", "order_no",     "order_date",
                                             "amount",     "gross_margin", "product_line_id",
                                             "channel",    "owner_id"};
constexpr std::string_view kInvoiceFields[] = {"account_id",   "order_id", "invoice_no",
                                               "invoice_date", "due_date", "amount"};
// instalment_id: the receivable plan's instalment a payment settles, named by its id.
constexpr std::string_view kPaymentFields[] = {"account_id", "invoice_id", "paid_date",
                                               "amount",     "method",     "instalment_id"};
constexpr std::string_view kActivityFields[] = {"account_id", "contact_id",  "user_id", "kind",
                                                "channel",    "occurred_at", "minutes", "subject",
                                                "notes",      "outcome"};
constexpr std::string_view kOpportunityFields[] = {
    "account_id",  "name",           "amount",       "expected_close",   "owner_id",
    "team_id",     "pipeline",       "stage",        "buy_class",        "buying_step",
    "needs_level", "spin_situation", "spin_problem", "spin_implication", "spin_need_payoff",
    "competitors", "closed_on",      "close_reason"};

struct Synonyms {
  ImportEntity entity;
  std::string_view field;
  std::string_view names;  // separated by '|'
};

// Headers seen in Chinese CRM, ERP and invoice exports and in English ones. The field name
// itself always matches as well ("credit_code", "Credit Code").
constexpr std::string_view kCustomer =
    "客户名称|客户|客户全称|公司名称|公司|企业名称|单位名称|所属客户|Company Name|Company|"
    "Account Name|Account|Customer Name|Customer";
constexpr Synonyms kSynonyms[] = {
    {ImportEntity::kAccounts, "name",
     "客户名称|客户|客户全称|公司名称|公司|企业名称|企业|单位名称|名称|Company Name|Company|"
     "Account Name|Account|Customer Name|Customer|Name"},
    {ImportEntity::kAccounts, "short_name", "客户简称|简称|公司简称|Short Name|Abbreviation"},
    {ImportEntity::kAccounts, "credit_code",
     "统一社会信用代码|社会信用代码|信用代码|统一信用代码|纳税人识别号|税号|Credit Code|"
     "Unified Social Credit Code|USCC|Tax ID"},
    {ImportEntity::kAccounts, "industry_code",
     "行业代码|行业|所属行业|国民经济行业分类|Industry|Industry Code"},
    {ImportEntity::kAccounts, "ownership", "企业性质|所有制|企业类型|性质|Ownership|Company Type"},
    {ImportEntity::kAccounts, "province", "省份|省|所在省份|所在地区|Province|State"},
    {ImportEntity::kAccounts, "city", "城市|市|所在城市|City"},
    {ImportEntity::kAccounts, "address", "地址|详细地址|注册地址|办公地址|Address"},
    {ImportEntity::kAccounts, "employees",
     "员工人数|员工数|人数|人员规模|Employees|Headcount|Employee Count"},
    {ImportEntity::kAccounts, "registered_capital", "注册资本|注册资金|Registered Capital"},
    {ImportEntity::kAccounts, "annual_revenue",
     "年营业额|营业收入|年收入|年营收|营收|Annual Revenue|Revenue"},
    {ImportEntity::kAccounts, "listed", "是否上市|上市|Listed|Public"},
    {ImportEntity::kAccounts, "source", "客户来源|来源|线索来源|Source|Lead Source"},
    {ImportEntity::kAccounts, "owner_id",
     "负责人|客户经理|销售|销售代表|归属人|Owner|Account Manager|Account Owner|Sales Rep"},
    {ImportEntity::kAccounts, "team_id", "团队|所属团队|销售团队|Team"},
    {ImportEntity::kAccounts, "status", "客户状态|状态|Status"},
    {ImportEntity::kAccounts, "importance",
     "重要性|重要程度|客户级别|客户等级|级别|等级|Importance|Tier|Level"},
    {ImportEntity::kAccounts, "parent_id", "上级客户|母公司|集团|总公司|Parent|Parent Account"},
    {ImportEntity::kAccounts, "notes", "备注|说明|Notes|Note|Remarks|Comments"},
    {ImportEntity::kAccounts, "churn_reason", "流失原因|Churn Reason|Lost Reason"},
    {ImportEntity::kAccounts, "lost_on", "流失日期|流失时间|Lost On|Churn Date"},
    {ImportEntity::kAccounts, "owned_since", "分配时间|领取时间|Owned Since"},
    {ImportEntity::kAccounts, "pooled_at", "放入公海时间|公海时间|Pooled At"},

    {ImportEntity::kContacts, "account_id", kCustomer},
    {ImportEntity::kContacts, "name",
     "联系人|联系人姓名|姓名|名字|Name|Contact|Contact Name|Full Name"},
    {ImportEntity::kContacts, "title", "职务|职位|头衔|Title|Job Title|Position"},
    {ImportEntity::kContacts, "department", "部门|所属部门|Department|Dept"},
    {ImportEntity::kContacts, "mobile",
     "手机|手机号|手机号码|移动电话|Mobile|Mobile Phone|Cell|Cell Phone"},
    {ImportEntity::kContacts, "phone",
     "电话|座机|办公电话|固定电话|联系电话|Phone|Telephone|Tel|Office Phone|Work Phone"},
    {ImportEntity::kContacts, "email",
     "邮箱|电子邮箱|电子邮件|邮件|Email|E-mail|Mail|Email Address"},
    {ImportEntity::kContacts, "wechat", "微信|微信号|WeChat|WeChat ID"},
    {ImportEntity::kContacts, "birthday", "生日|出生日期|Birthday|Date of Birth|DOB|Birth Date"},
    {ImportEntity::kContacts, "hometown", "籍贯|家乡|老家|Hometown"},
    {ImportEntity::kContacts, "preferences",
     "爱好|喜好|兴趣爱好|偏好|Preferences|Hobbies|Interests"},
    {ImportEntity::kContacts, "form_family", "家庭|家庭情况|Family"},
    {ImportEntity::kContacts, "form_occupation", "职业经历|工作经历|Occupation|Career"},
    {ImportEntity::kContacts, "form_recreation", "休闲|娱乐|休闲娱乐|Recreation"},
    {ImportEntity::kContacts, "form_message", "寄语|Message"},
    {ImportEntity::kContacts, "reports_to_id", "上级|直属上级|汇报对象|Reports To|Manager"},

    {ImportEntity::kOrders, "account_id",
     "购买方|买方|购方名称|Bill To|客户名称|客户|公司名称|Customer|Customer Name|Account|Account "
     "Name|Company"},
    {ImportEntity::kOrders, "order_no",
     "订单号|订单编号|单号|订单|销售单号|Order No|Order Number|Order ID|PO Number"},
    {ImportEntity::kOrders, "order_date",
     "下单日期|订单日期|下单时间|成交日期|日期|Order Date|Date"},
    {ImportEntity::kOrders, "amount",
     "金额|订单金额|总金额|合计|合计金额|成交金额|含税金额|价税合计|Amount|Total|Order Amount|"
     "Value"},
    {ImportEntity::kOrders, "gross_margin", "毛利|毛利额|毛利润|Gross Margin|Margin|Gross Profit"},
    {ImportEntity::kOrders, "product_line_id", "产品线|产品类别|产品|Product Line|Product"},
    {ImportEntity::kOrders, "channel", "渠道|销售渠道|Channel"},
    {ImportEntity::kOrders, "owner_id",
     "销售|销售员|业务员|负责人|销售代表|Owner|Sales Rep|Salesperson"},

    {ImportEntity::kInvoices, "account_id",
     "购买方|购买方名称|购方名称|Bill To|客户名称|客户|公司名称|Customer|Customer Name|Account|"
     "Account Name"},
    {ImportEntity::kInvoices, "order_id", "订单号|订单编号|Order No|Order Number"},
    {ImportEntity::kInvoices, "invoice_no",
     "发票号|发票号码|发票编号|Invoice No|Invoice Number|Invoice"},
    {ImportEntity::kInvoices, "invoice_date", "开票日期|发票日期|日期|Invoice Date|Date"},
    {ImportEntity::kInvoices, "due_date",
     "到期日|到期日期|应收日期|付款期限|账期到期日|Due Date|Due"},
    {ImportEntity::kInvoices, "amount",
     "金额|发票金额|价税合计|开票金额|应收金额|Amount|Total|Invoice Amount"},

    {ImportEntity::kPayments, "account_id",
     "付款方|付款单位|付款人|客户名称|客户|公司名称|Payer|Customer|Customer Name|Account|"
     "Account Name"},
    {ImportEntity::kPayments, "invoice_id", "发票号|发票号码|Invoice No|Invoice Number|Invoice"},
    {ImportEntity::kPayments, "paid_date",
     "付款日期|回款日期|收款日期|到账日期|日期|Paid Date|Payment Date|Date"},
    {ImportEntity::kPayments, "amount",
     "金额|回款金额|收款金额|付款金额|到账金额|Amount|Paid Amount|Payment Amount"},
    {ImportEntity::kPayments, "method", "付款方式|收款方式|支付方式|方式|Method|Payment Method"},
    {ImportEntity::kPayments, "instalment_id", "回款节点|回款节点ID|Instalment|Instalment ID"},

    {ImportEntity::kActivities, "account_id", kCustomer},
    {ImportEntity::kActivities, "contact_id", "联系人|拜访对象|Contact|Contact Name"},
    {ImportEntity::kActivities, "user_id", "销售|拜访人|负责人|记录人|跟进人|User|Owner|Sales Rep"},
    {ImportEntity::kActivities, "kind", "类型|活动类型|拜访类型|跟进类型|Type|Kind|Activity Type"},
    {ImportEntity::kActivities, "channel", "方式|渠道|沟通方式|跟进方式|Channel"},
    {ImportEntity::kActivities, "occurred_at",
     "时间|日期|拜访时间|拜访日期|活动时间|活动日期|跟进时间|Date|Time|Occurred At"},
    {ImportEntity::kActivities, "minutes", "时长|时长分钟|分钟|Duration|Minutes"},
    {ImportEntity::kActivities, "subject", "主题|标题|Subject|Title"},
    {ImportEntity::kActivities, "notes", "备注|内容|记录|纪要|跟进内容|Notes|Content|Description"},
    {ImportEntity::kActivities, "outcome", "结果|成果|Outcome|Result"},

    {ImportEntity::kOpportunities, "account_id", kCustomer},
    {ImportEntity::kOpportunities, "name",
     "商机名称|机会名称|项目名称|商机|项目|Opportunity|Opportunity Name|Deal|Deal Name|Name"},
    {ImportEntity::kOpportunities, "amount", "金额|预计金额|商机金额|Amount|Value"},
    {ImportEntity::kOpportunities, "expected_close",
     "预计成交日期|预计签约日期|预计成交|Expected Close|Close Date"},
    {ImportEntity::kOpportunities, "owner_id", "负责人|销售|Owner"},
    {ImportEntity::kOpportunities, "team_id", "团队|Team"},
    {ImportEntity::kOpportunities, "pipeline", "销售流程|Pipeline"},
    {ImportEntity::kOpportunities, "stage", "阶段|销售阶段|Stage"},
    {ImportEntity::kOpportunities, "buy_class", "采购类型|Buy Class"},
    {ImportEntity::kOpportunities, "buying_step", "采购步骤|Buying Step"},
    {ImportEntity::kOpportunities, "needs_level", "需求层次|Needs Level"},
    {ImportEntity::kOpportunities, "competitors", "竞争对手|竞品|Competitors"},
    {ImportEntity::kOpportunities, "closed_on", "关闭日期|Closed On"},
    {ImportEntity::kOpportunities, "close_reason",
     "关闭原因|输赢原因|赢单原因|丢单原因|Close Reason"},
};

using Lookup = std::unordered_map<std::string, std::string_view>;

// Normalised header → field, per entity; the first listing of a name wins.
const Lookup& lookup(ImportEntity entity) {
  static const auto tables = [] {
    std::map<ImportEntity, Lookup> out;
    for (const ImportEntity e : kEntities) {
      Lookup& table = out[e];
      for (const std::string_view field : importable_fields(e)) {
        table.emplace(normalize_header(field), field);
      }
      for (const auto& s : kSynonyms) {
        if (s.entity != e) continue;
        size_t start = 0;
        while (start <= s.names.size()) {
          size_t bar = s.names.find('|', start);
          if (bar == std::string_view::npos) bar = s.names.size();
          table.emplace(normalize_header(s.names.substr(start, bar - start)), s.field);
          start = bar + 1;
        }
      }
    }
    return out;
  }();
  return tables.at(entity);
}

template <class S>
ColumnMapping guess(ImportEntity entity, std::span<const S> headers) {
  const Lookup& table = lookup(entity);
  ColumnMapping mapping{entity, {}};
  std::set<std::string_view> taken;
  for (size_t i = 0; i < headers.size(); ++i) {
    // Headers reach JSON when the mapping is saved, so they must be UTF-8.
    ColumnAssignment assignment{i, to_valid_utf8(headers[i]), std::nullopt};
    for (const std::string& key :
         {normalize_header(headers[i]), normalize_header_without_qualifiers(headers[i])}) {
      const auto it = table.find(key);
      if (key.empty() || it == table.end()) continue;
      if (taken.insert(it->second).second) assignment.field = std::string(it->second);
      break;
    }
    mapping.columns.push_back(std::move(assignment));
  }
  return mapping;
}

std::string member(size_t index, std::string_view name) {
  return "columns[" + std::to_string(index) + "]." + std::string(name);
}

}  // namespace

std::string_view entity_name(ImportEntity entity) {
  switch (entity) {
    case ImportEntity::kAccounts:
      return "accounts";
    case ImportEntity::kContacts:
      return "contacts";
    case ImportEntity::kOrders:
      return "orders";
    case ImportEntity::kInvoices:
      return "invoices";
    case ImportEntity::kPayments:
      return "payments";
    case ImportEntity::kActivities:
      return "activities";
    case ImportEntity::kOpportunities:
      return "opportunities";
  }
  return "accounts";
}

Result<ImportEntity> parse_entity(std::string_view name, std::string_view field) {
  for (const ImportEntity e : kEntities) {
    if (entity_name(e) == name) return e;
  }
  return Error::invalid(std::string(field),
                        "\"" + std::string(name) +
                            "\" is not an entity that can be imported; entities: accounts, "
                            "contacts, orders, invoices, payments, activities, opportunities");
}

std::span<const std::string_view> importable_fields(ImportEntity entity) {
  switch (entity) {
    case ImportEntity::kAccounts:
      return kAccountFields;
    case ImportEntity::kContacts:
      return kContactFields;
    case ImportEntity::kOrders:
      return kOrderFields;
    case ImportEntity::kInvoices:
      return kInvoiceFields;
    case ImportEntity::kPayments:
      return kPaymentFields;
    case ImportEntity::kActivities:
      return kActivityFields;
    case ImportEntity::kOpportunities:
      return kOpportunityFields;
  }
  return {};
}

ColumnMapping guess_mapping(ImportEntity entity, std::span<const std::string> headers) {
  return guess(entity, headers);
}

ColumnMapping guess_mapping(ImportEntity entity, std::span<const std::string_view> headers) {
  return guess(entity, headers);
}

Status validate_mapping(const ColumnMapping& mapping) {
  const auto fields = importable_fields(mapping.entity);
  std::vector<FieldError> problems;
  std::map<std::string_view, size_t> filled;  // field → the first column filling it
  std::set<size_t> columns;
  for (size_t i = 0; i < mapping.columns.size(); ++i) {
    const ColumnAssignment& a = mapping.columns[i];
    if (!columns.insert(a.column).second) {
      problems.push_back({member(i, "column"),
                          "column " + std::to_string(a.column) + " is listed more than once"});
    }
    if (!a.field) continue;
    if (std::find(fields.begin(), fields.end(), *a.field) == fields.end()) {
      std::string names;
      for (const auto f : fields)
        names += (names.empty() ? "" : ", ") + std::string(f);
      problems.push_back({member(i, "field"), "\"" + *a.field + "\" is not a field of " +
                                                  std::string(entity_name(mapping.entity)) +
                                                  "; fields: " + names});
      continue;
    }
    const auto [it, inserted] = filled.emplace(*a.field, i);
    if (!inserted) {
      problems.push_back(
          {member(i, "field"), "\"" + *a.field + "\" is already filled by column " +
                                   std::to_string(mapping.columns[it->second].column) + " (\"" +
                                   mapping.columns[it->second].header + "\")"});
    }
  }
  if (problems.empty()) return Status::success();
  return Error::invalid(std::move(problems));
}

std::string mapping_to_json(const ColumnMapping& mapping) {
  boost::json::array columns;
  for (const auto& a : mapping.columns) {
    boost::json::object o;
    o["column"] = a.column;
    o["header"] = to_valid_utf8(a.header);  // JSON that its own parser would refuse otherwise
    if (a.field) {
      o["field"] = *a.field;
    } else {
      o["field"] = nullptr;
    }
    columns.push_back(std::move(o));
  }
  boost::json::object root;
  root["entity"] = entity_name(mapping.entity);
  root["columns"] = std::move(columns);
  return boost::json::serialize(root);
}

Result<ColumnMapping> mapping_from_json(std::string_view json) {
  boost::system::error_code ec;
  // Depth and size are small in a mapping; the parser's default depth limit (32) holds.
  const boost::json::value root = boost::json::parse(json, ec);
  if (ec) return Error::invalid("mapping", "is not valid JSON: " + ec.message());
  const auto* object = root.if_object();
  if (!object) return Error::invalid("mapping", "must be a JSON object");
  const auto* entity_value = object->if_contains("entity");
  if (!entity_value || !entity_value->is_string()) {
    return Error::invalid("entity", "must be a string naming the entity");
  }
  auto entity = parse_entity(std::string_view(entity_value->get_string()));
  if (!entity) return entity.error();
  ColumnMapping mapping{entity.value(), {}};
  const auto* columns = object->if_contains("columns");
  if (!columns || !columns->is_array()) return Error::invalid("columns", "must be an array");
  std::vector<FieldError> problems;
  size_t index = 0;
  for (const auto& item : columns->get_array()) {
    const auto* o = item.if_object();
    const size_t i = index++;
    if (!o) {
      problems.push_back({"columns[" + std::to_string(i) + "]", "must be an object"});
      continue;
    }
    ColumnAssignment a;
    const auto* column = o->if_contains("column");
    if (!column || !column->is_int64() || column->get_int64() < 0 ||
        column->get_int64() > 1'000'000) {
      problems.push_back({member(i, "column"), "must be a column number from 0"});
      continue;
    }
    a.column = static_cast<size_t>(column->get_int64());
    if (const auto* header = o->if_contains("header")) {
      if (!header->is_string()) {
        problems.push_back({member(i, "header"), "must be a string"});
        continue;
      }
      a.header = std::string(header->get_string());
    }
    if (const auto* field = o->if_contains("field"); field && !field->is_null()) {
      if (!field->is_string()) {
        problems.push_back({member(i, "field"), "must be a field name or null"});
        continue;
      }
      a.field = std::string(field->get_string());
    }
    mapping.columns.push_back(std::move(a));
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate_mapping(mapping));
  return mapping;
}

}  // namespace kam::app

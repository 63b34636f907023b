#include "core/account.hpp"

#include <algorithm>

#include "core/contact_info.hpp"
#include "core/credit_code.hpp"
#include "core/industry.hpp"
#include "core/pinyin.hpp"
#include "core/validator.hpp"

namespace kam {
namespace {

// "full|initials" of each name, so that a search for the pinyin or the initials of either
// finds the record.
std::string search_key_of(std::string_view name, const std::optional<std::string>& other) {
  auto key = pinyin_key(name);
  std::string out = key.full + "|" + key.initials;
  if (other && !other->empty()) {
    key = pinyin_key(*other);
    out += "|" + key.full + "|" + key.initials;
  }
  return out;
}

}  // namespace

Status validate(Account& a) {
  Validator v;
  v.text("name", a.name, 200, true);
  v.text("short_name", a.short_name, 50);
  if (a.credit_code) {
    std::transform(a.credit_code->begin(), a.credit_code->end(), a.credit_code->begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    v.check("credit_code", credit_code_problem(*a.credit_code));
  }
  if (a.industry_code) {
    std::string problem;
    if (auto code = IndustryTable::instance().normalize(*a.industry_code, &problem)) {
      a.industry_code = *code;
    } else {
      v.fail("industry_code", problem);
    }
  }
  v.text("province", a.province, 20);
  v.text("city", a.city, 40);
  v.long_text("address", a.address, 300);
  if (a.employees) v.non_negative("employees", *a.employees);
  if (a.registered_capital) v.non_negative("registered_capital", *a.registered_capital);
  if (a.annual_revenue) v.non_negative("annual_revenue", *a.annual_revenue);
  v.reference("owner_id", a.owner_id);
  v.reference("team_id", a.team_id);
  v.reference("parent_id", a.parent_id);
  if (a.parent_id && a.meta.id != 0 && *a.parent_id == a.meta.id) {
    v.fail("parent_id", "an account cannot be its own parent");
  }
  v.long_text("notes", a.notes, 4000);
  if (a.status != AccountStatus::kLost) {
    if (a.churn_reason)
      v.fail("churn_reason", "only a lost account (status lost) has a churn reason");
    if (a.lost_on) v.fail("lost_on", "only a lost account (status lost) has a date it was lost");
  }
  a.search_key = search_key_of(a.name, a.short_name);
  return v.status();
}

Status validate(Contact& c) {
  Validator v;
  v.reference("account_id", c.account_id);
  v.text("name", c.name, 100, true);
  v.text("title", c.title, 100);
  v.text("department", c.department, 100);
  v.check_optional("mobile", c.mobile, mobile_phone_problem);
  v.check_optional("phone", c.phone, phone_problem);
  v.check_optional("email", c.email, email_problem);
  v.check_optional("wechat", c.wechat, wechat_problem);
  v.text("hometown", c.hometown, 100);
  v.long_text("preferences", c.preferences, 1000);
  v.long_text("form_family", c.form_family, 1000);
  v.long_text("form_occupation", c.form_occupation, 1000);
  v.long_text("form_recreation", c.form_recreation, 1000);
  v.long_text("form_message", c.form_message, 1000);
  v.reference("reports_to_id", c.reports_to_id);
  if (c.reports_to_id && c.meta.id != 0 && *c.reports_to_id == c.meta.id) {
    v.fail("reports_to_id", "a contact cannot report to themselves");
  }
  if (c.birthday && c.birthday->value > Day::from_ymd(2100, 1, 1).value) {
    v.fail("birthday", "is in the far future");
  }
  c.search_key = search_key_of(c.name, std::nullopt);
  return v.status();
}

}  // namespace kam

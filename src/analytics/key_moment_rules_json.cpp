#include <boost/json.hpp>
#include <utility>

#include "analytics/json_reader.hpp"
#include "analytics/key_moments.hpp"

namespace kam::analytics {
namespace json = boost::json;

std::string to_json(const KeyMomentRules& r) {
  json::array expiry;
  for (const auto& n : r.contract_expiry) {
    expiry.push_back(
        {{"days_before", n.days_before}, {"severity", std::string(code_of(n.severity))}});
  }
  json::array cadence;
  for (const auto& c : r.cadence)
    cadence.push_back({{"tier", c.tier}, {"days", c.days}});
  json::array deadlines;
  for (const auto& d : r.feedback_deadlines)
    deadlines.push_back({{"severity", d.severity},
                         {"days", d.days},
                         {"critical_after_days", d.critical_after_days}});
  json::object o{
      {"name", r.name},
      {"birthday_lead_days", r.birthday_lead_days},
      {"anniversary_lead_days", r.anniversary_lead_days},
      {"contract_expiry", expiry},
      {"credit_hold_overdue_days", r.credit_hold_overdue_days},
      {"credit_hold_overdue_amount", to_string(r.credit_hold_overdue_amount)},
      {"bad_debt_review_days", r.bad_debt_review_days},
      {"spend_window_months", r.spend_window_months},
      {"spend_min_history_months", r.spend_min_history_months},
      {"spend_z_threshold_milli", r.spend_z_threshold_milli},
      {"spend_min_change_bp", r.spend_min_change_bp},
      {"usage_below_plan_bp", r.usage_below_plan_bp},
      {"usage_above_plan_bp", r.usage_above_plan_bp},
      {"cadence", cadence},
      {"feedback_deadlines", deadlines},
      {"plan_action_critical_days", r.plan_action_critical_days},
  };
  return json::serialize(o);
}

Result<KeyMomentRules> key_moment_rules_from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return Error::invalid("key_moment_rules", "is not valid JSON: " + ec.message());
  KeyMomentRules r = default_key_moment_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "key_moment_rules", "is not a key-moment rule");
  read.object(root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "name") return read.text(v, path, r.name), true;
    if (k == "credit_hold_overdue_amount")
      return read.money(v, path, r.credit_hold_overdue_amount), true;
    if (k == "contract_expiry") {
      r.contract_expiry.clear();
      read.array(v, path, [&](const json::value& item, const std::string& item_path) {
        ExpiryNotice n;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& at, const json::value& value) {
                      if (key == "days_before") return read.integer(value, at, n.days_before), true;
                      if (key == "severity") {
                        std::string code;
                        read.text(value, at, code);
                        if (auto s = enum_from_text<Severity>(code)) {
                          n.severity = *s;
                        } else if (value.is_string()) {
                          read.fail(at, "must be info, warning or critical");
                        }
                        return true;
                      }
                      return false;
                    });
        r.contract_expiry.push_back(n);
      });
      return true;
    }
    if (k == "cadence") {
      r.cadence.clear();
      read.array(v, path, [&](const json::value& item, const std::string& item_path) {
        TierCadence c;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& at, const json::value& value) {
                      if (key == "tier") return read.text(value, at, c.tier), true;
                      if (key == "days") return read.integer(value, at, c.days), true;
                      return false;
                    });
        r.cadence.push_back(std::move(c));
      });
      return true;
    }
    if (k == "feedback_deadlines") {
      r.feedback_deadlines.clear();
      read.array(v, path, [&](const json::value& item, const std::string& item_path) {
        FeedbackDeadline d;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& at, const json::value& value) {
                      if (key == "severity") return read.text(value, at, d.severity), true;
                      if (key == "days") return read.integer(value, at, d.days), true;
                      if (key == "critical_after_days")
                        return read.integer(value, at, d.critical_after_days), true;
                      return false;
                    });
        r.feedback_deadlines.push_back(std::move(d));
      });
      return true;
    }
    const std::pair<const char*, int*> ints[] = {
        {"birthday_lead_days", &r.birthday_lead_days},
        {"anniversary_lead_days", &r.anniversary_lead_days},
        {"credit_hold_overdue_days", &r.credit_hold_overdue_days},
        {"bad_debt_review_days", &r.bad_debt_review_days},
        {"spend_window_months", &r.spend_window_months},
        {"spend_min_history_months", &r.spend_min_history_months},
        {"spend_z_threshold_milli", &r.spend_z_threshold_milli},
        {"spend_min_change_bp", &r.spend_min_change_bp},
        {"usage_below_plan_bp", &r.usage_below_plan_bp},
        {"usage_above_plan_bp", &r.usage_above_plan_bp},
        {"plan_action_critical_days", &r.plan_action_critical_days}};
    for (const auto& [name, field] : ints)
      if (k == name) return read.integer(v, path, *field), true;
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(r));
  return r;
}

}  // namespace kam::analytics

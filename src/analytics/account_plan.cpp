#include "analytics/account_plan.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "analytics/json_reader.hpp"
#include "analytics/key_moments.hpp"

namespace kam::analytics::plan {
namespace {

namespace json = boost::json;

std::string percent(int64_t bp) {
  const int64_t whole = bp / 100;
  const int64_t cents = (bp < 0 ? -bp : bp) % 100;
  std::string s = std::to_string(whole) + ".";
  if (cents < 10) s += "0";
  return s + std::to_string(cents) + "%";
}

bool well_formed_code(const std::string& code) {
  if (code.empty() || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void check_options(const std::vector<Option>& list, const std::string& path,
                   std::vector<FieldError>& problems) {
  if (list.empty()) problems.push_back({path, "needs at least one option"});
  std::set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    const Option& o = list[i];
    if (!well_formed_code(o.code))
      problems.push_back({at + ".code", "must be 1–40 characters of a-z, 0-9 and _"});
    else if (!seen.insert(o.code).second)
      problems.push_back({at + ".code", "'" + o.code + "' appears twice"});
    if (o.name_zh.empty()) problems.push_back({at + ".name_zh", "must not be empty"});
    if (o.name_en.empty()) problems.push_back({at + ".name_en", "must not be empty"});
    if (o.approach_zh.empty()) problems.push_back({at + ".approach_zh", "must not be empty"});
    if (o.approach_en.empty()) problems.push_back({at + ".approach_en", "must not be empty"});
  }
}

json::array options_json(const std::vector<Option>& list) {
  json::array out;
  for (const auto& o : list)
    out.push_back({{"code", o.code},
                   {"name_zh", o.name_zh},
                   {"name_en", o.name_en},
                   {"approach_zh", o.approach_zh},
                   {"approach_en", o.approach_en}});
  return out;
}

void read_options(JsonReader& read, const json::value& v, const std::string& path,
                  std::vector<Option>& out) {
  out.clear();
  read.array(v, path, [&](const json::value& item, const std::string& at) {
    Option o;
    read.object(item, at, [&](const std::string& k, const std::string& p, const json::value& x) {
      if (k == "code") return read.text(x, p, o.code), true;
      if (k == "name_zh") return read.text(x, p, o.name_zh), true;
      if (k == "name_en") return read.text(x, p, o.name_en), true;
      if (k == "approach_zh") return read.text(x, p, o.approach_zh), true;
      if (k == "approach_en") return read.text(x, p, o.approach_en), true;
      return false;
    });
    out.push_back(std::move(o));
  });
}

}  // namespace

// METHODS.md §8: industry attractiveness key / potential / watch; value type → selling
// strategy (intrinsic → transactional, extrinsic → consultative, strategic → enterprise);
// sensitivity security / price / service / brand. The approach texts are ours.
Rules default_rules() {
  Rules r;
  r.industry_grades = {
      {"key", "重点行业", "Key industry",
       "配置专属团队与资源，主动跟进行业政策与标杆项目，争取成为行业首选供应商",
       "Dedicate a team and resources, follow the industry's policy and flagship projects, aim "
       "to be its first-choice supplier"},
      {"potential", "潜力行业", "Potential industry",
       "选取代表性客户试点，积累行业案例后逐步扩大覆盖",
       "Pilot with representative customers, build references, then widen coverage"},
      {"watch", "观察行业", "Watch industry", "保持常规联系，跟踪行业变化，暂不重点投入",
       "Keep regular contact and watch the industry; no special investment yet"}};
  r.value_types = {
      {"intrinsic", "内在价值型", "Intrinsic value",
       "交易型销售：以价格、交付效率和便捷采购取胜，降低客户的采购成本",
       "Transactional selling: win on price, delivery and easy buying; lower the customer's "
       "cost of purchase"},
      {"extrinsic", "外在价值型", "Extrinsic value",
       "顾问式销售：深入诊断客户业务问题，以解决方案和专业服务创造附加价值",
       "Consultative selling: diagnose the customer's business problems and add value with "
       "solutions and expertise"},
      {"strategic", "战略价值型", "Strategic value",
       "企业型销售：高层对接，组建联合团队，共同规划长期合作与资源投入",
       "Enterprise selling: executive alignment, joint teams and a shared long-term plan"}};
  r.sensitivities = {
      {"security", "安全敏感型", "Security-sensitive",
       "强调产品可靠性、资质认证与成功案例，提供质量保证与风险承诺",
       "Stress reliability, certifications and references; offer guarantees"},
      {"price", "价格敏感型", "Price-sensitive",
       "突出总体拥有成本与量价政策，用组合方案和账期安排体现性价比",
       "Lead with total cost of ownership, volume pricing, bundles and payment terms"},
      {"service", "服务敏感型", "Service-sensitive",
       "承诺响应时限，配置专属服务经理，定期回访并主动汇报服务情况",
       "Commit to response times, assign a service manager, report and visit regularly"},
      {"brand", "品牌敏感型", "Brand-sensitive",
       "展示品牌实力与行业标杆客户，邀请参加高层交流与品牌活动",
       "Show brand strength and flagship customers; invite to executive and brand events"}};
  r.stages = scorecard::default_stage_rules();
  return r;
}

Status validate(const Rules& r) {
  std::vector<FieldError> problems;
  check_options(r.industry_grades, "industry_grades", problems);
  check_options(r.value_types, "value_types", problems);
  check_options(r.sensitivities, "sensitivities", problems);
  if (auto s = scorecard::validate(r.stages); !s) {
    for (const auto& f : s.error().fields)
      problems.push_back({"stage_rules." + f.field, f.message});
    if (s.error().fields.empty()) problems.push_back({"stage_rules", s.error().message});
  }
  if (!well_formed_code(r.interrupted_code))
    problems.push_back({"interrupted.code", "must be 1–40 characters of a-z, 0-9 and _"});
  for (const auto& s : r.stages.stages)
    if (s.code == r.interrupted_code)
      problems.push_back({"interrupted.code", "'" + s.code + "' is already a stage"});
  if (r.interrupted_zh.empty()) problems.push_back({"interrupted.name_zh", "must not be empty"});
  if (r.interrupted_en.empty()) problems.push_back({"interrupted.name_en", "must not be empty"});
  if (r.interrupted_after_days < 1)
    problems.push_back({"interrupted.after_days", "must be at least 1"});
  if (r.defend_churn_risk_min_bp < 0 || r.defend_churn_risk_min_bp > 10000)
    problems.push_back({"stance.defend_churn_risk_min_bp", "must be 0..10000"});
  if (r.expand_headroom_min_bp < 0 || r.expand_headroom_min_bp > 10000)
    problems.push_back({"stance.expand_headroom_min_bp", "must be 0..10000"});
  // The codes are checked against the target-value card where the stance is computed (an
  // administrator may change the card); here that they are given and the shares in range.
  const auto& t = r.target_stance;
  for (const auto& [field, code] : {std::pair{"relationship_group", &t.relationship_group},
                                    std::pair{"growth_indicator", &t.growth_indicator},
                                    std::pair{"strength_indicator", &t.strength_indicator}}) {
    if (code->empty())
      problems.push_back({std::string("stance.target_value.") + field, "must not be empty"});
  }
  for (const auto& [field, bp] :
       {std::pair{"churn_below_bp", t.churn_below_bp}, std::pair{"growth_min_bp", t.growth_min_bp},
        std::pair{"strength_min_bp", t.strength_min_bp}}) {
    if (bp < 0 || bp > 10000)
      problems.push_back({std::string("stance.target_value.") + field, "must be 0..10000"});
  }
  if (t.attack_min_score < 0)
    problems.push_back({"stance.target_value.attack_min_score", "must not be negative"});
  for (size_t i = 0; i < r.churn_alert_kinds.size(); ++i) {
    const auto& kind = r.churn_alert_kinds[i];
    const auto& labels = EnumInfo<AlertKind>::labels;
    if (std::none_of(labels.begin(), labels.end(), [&](const auto& l) { return l.code == kind; })) {
      std::string codes;
      for (const auto& l : labels)
        codes += (codes.empty() ? "" : ", ") + std::string(l.code);
      problems.push_back({"stance.churn_alert_kinds[" + std::to_string(i) + "]",
                          "'" + kind + "' is not an alert kind: " + codes});
    }
  }
  if (r.review_cadence != "weekly" && r.review_cadence != "monthly")
    problems.push_back({"review_cadence", "must be weekly or monthly"});
  if (r.min_objectives < 1) problems.push_back({"objectives.min", "must be at least 1"});
  if (r.max_objectives < r.min_objectives)
    problems.push_back({"objectives.max", "must not be below objectives.min"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return Status::success();
}

std::string to_json(const Rules& r) {
  json::object o{{"industry_grades", options_json(r.industry_grades)},
                 {"value_types", options_json(r.value_types)},
                 {"sensitivities", options_json(r.sensitivities)},
                 {"stage_rules", json::parse(scorecard::to_json(r.stages))},
                 {"interrupted",
                  {{"code", r.interrupted_code},
                   {"name_zh", r.interrupted_zh},
                   {"name_en", r.interrupted_en},
                   {"after_days", r.interrupted_after_days}}},
                 {"stance",
                  {{"defend_churn_risk_min_bp", r.defend_churn_risk_min_bp},
                   {"expand_headroom_min_bp", r.expand_headroom_min_bp},
                   {"target_value", json::parse(scorecard::to_json(r.target_stance))},
                   {"churn_alert_kinds",
                    json::array(r.churn_alert_kinds.begin(), r.churn_alert_kinds.end())}}},
                 {"review_cadence", r.review_cadence},
                 {"objectives", {{"min", r.min_objectives}, {"max", r.max_objectives}}}};
  return json::serialize(o);
}

Result<Rules> rules_from_json(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return Error::invalid("account_plan", "is not JSON: " + ec.message());
  Rules r = default_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "account_plan", "is not a plan rule");
  read.object(root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "version") return true;  // the stored version is the table's, not the body's
    if (k == "industry_grades") return read_options(read, v, path, r.industry_grades), true;
    if (k == "value_types") return read_options(read, v, path, r.value_types), true;
    if (k == "sensitivities") return read_options(read, v, path, r.sensitivities), true;
    if (k == "stage_rules") {
      auto stages = scorecard::stage_rules_from_json(json::serialize(v));
      if (stages) {
        r.stages = *stages;
      } else {
        for (const auto& f : stages.error().fields)
          problems.push_back({path + "." + f.field, f.message});
        if (stages.error().fields.empty()) problems.push_back({path, stages.error().message});
      }
      return true;
    }
    if (k == "interrupted") {
      read.object(v, path, [&](const std::string& key, const std::string& p, const json::value& x) {
        if (key == "code") return read.text(x, p, r.interrupted_code), true;
        if (key == "name_zh") return read.text(x, p, r.interrupted_zh), true;
        if (key == "name_en") return read.text(x, p, r.interrupted_en), true;
        if (key == "after_days") return read.integer(x, p, r.interrupted_after_days), true;
        return false;
      });
      return true;
    }
    if (k == "stance") {
      read.object(v, path, [&](const std::string& key, const std::string& p, const json::value& x) {
        if (key == "defend_churn_risk_min_bp")
          return read.integer(x, p, r.defend_churn_risk_min_bp), true;
        if (key == "expand_headroom_min_bp")
          return read.integer(x, p, r.expand_headroom_min_bp), true;
        if (key == "target_value") {
          auto& t = r.target_stance;
          read.object(x, p,
                      [&](const std::string& k2, const std::string& p2, const json::value& y) {
                        if (k2 == "relationship_group")
                          return read.text(y, p2, t.relationship_group), true;
                        if (k2 == "churn_below_bp")
                          return read.integer(y, p2, t.churn_below_bp), true;
                        if (k2 == "growth_indicator")
                          return read.text(y, p2, t.growth_indicator), true;
                        if (k2 == "growth_min_bp")
                          return read.integer(y, p2, t.growth_min_bp), true;
                        if (k2 == "strength_indicator")
                          return read.text(y, p2, t.strength_indicator), true;
                        if (k2 == "strength_min_bp")
                          return read.integer(y, p2, t.strength_min_bp), true;
                        if (k2 == "attack_min_score")
                          return read.integer(y, p2, t.attack_min_score), true;
                        return false;
                      });
          return true;
        }
        if (key == "churn_alert_kinds") {
          r.churn_alert_kinds.clear();
          read.array(x, p, [&](const json::value& item, const std::string& at) {
            std::string kind;
            read.text(item, at, kind);
            r.churn_alert_kinds.push_back(kind);
          });
          return true;
        }
        return false;
      });
      return true;
    }
    if (k == "review_cadence") return read.text(v, path, r.review_cadence), true;
    if (k == "objectives") {
      read.object(v, path, [&](const std::string& key, const std::string& p, const json::value& x) {
        if (key == "min") return read.integer(x, p, r.min_objectives), true;
        if (key == "max") return read.integer(x, p, r.max_objectives), true;
        return false;
      });
      return true;
    }
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(r));
  return r;
}

const Option* find_option(const std::vector<Option>& list, std::string_view code) {
  for (const auto& o : list)
    if (o.code == code) return &o;
  return nullptr;
}

int32_t review_interval_days(const Rules& rules) {
  return rules.review_cadence == "monthly" ? 30 : 7;
}

std::vector<std::string> stage_codes(const Rules& rules) {
  std::vector<std::string> out;
  for (const auto& s : rules.stages.stages)
    out.push_back(s.code);
  out.push_back(rules.interrupted_code);
  return out;
}

StageResult relationship_stage(const Rules& rules, const StageFacts& f) {
  StageResult out;
  if (f.wallet) out.share_of_wallet_bp = scorecard::share_of_wallet_bp(f.our_revenue, *f.wallet);
  const int32_t limit = rules.interrupted_after_days;
  const bool had_contact = f.days_since_order.has_value() || f.days_since_activity.has_value();
  const bool quiet_orders = !f.days_since_order || *f.days_since_order >= limit;
  const bool quiet_activity = !f.days_since_activity || *f.days_since_activity >= limit;
  if (had_contact && quiet_orders && quiet_activity) {
    out.code = rules.interrupted_code;
    out.name_zh = rules.interrupted_zh;
    out.name_en = rules.interrupted_en;
    out.reason_zh = "已 " + std::to_string(limit) + " 天以上无订单且无联系活动（规则：" +
                    std::to_string(limit) + " 天）";
    out.reason_en = "no order and no activity for " + std::to_string(limit) +
                    " days or more (rule: " + std::to_string(limit) + " days)";
    return out;
  }
  if (!out.share_of_wallet_bp) {
    out.reason_zh = "尚无钱包估算（客户在本品类的年度总采购额），无法计算钱包份额与关系阶段";
    out.reason_en =
        "no wallet estimate (the customer's yearly spend in our category): share of wallet and "
        "the stage cannot be computed";
    return out;
  }
  scorecard::StageInputs in;
  in.share_of_wallet_bp = out.share_of_wallet_bp;
  in.customer_contacts = f.customer_contacts;
  in.our_staff = f.our_staff;
  const auto inferred = scorecard::infer_stage(rules.stages, in);
  const std::string facts_zh = "钱包份额 " + percent(*out.share_of_wallet_bp) + "，客户方联系人 " +
                               std::to_string(f.customer_contacts) + " 人，我方人员 " +
                               std::to_string(f.our_staff) + " 人";
  const std::string facts_en = "share of wallet " + percent(*out.share_of_wallet_bp) + ", " +
                               std::to_string(f.customer_contacts) + " customer contacts, " +
                               std::to_string(f.our_staff) + " of our staff";
  if (inferred.stage < 0) {
    out.reason_zh = facts_zh;
    out.reason_en = facts_en;
    return out;
  }
  const auto index = static_cast<size_t>(inferred.stage);
  const auto& s = rules.stages.stages[index];
  out.code = s.code;
  out.name_zh = s.name_zh;
  out.name_en = s.name_en;
  out.reason_zh = facts_zh;
  out.reason_en = facts_en;
  if (index + 1 < rules.stages.stages.size()) {
    const auto& n = rules.stages.stages[index + 1];
    out.reason_zh += "；进入" + n.name_zh + "需钱包份额 ≥ " + percent(n.min_share_of_wallet_bp) +
                     "、客户联系人 ≥ " + std::to_string(n.min_customer_contacts) +
                     " 人、我方人员 ≥ " + std::to_string(n.min_our_staff) + " 人";
    out.reason_en += "; " + n.name_en + " needs ≥ " + percent(n.min_share_of_wallet_bp) + ", ≥ " +
                     std::to_string(n.min_customer_contacts) + " contacts, ≥ " +
                     std::to_string(n.min_our_staff) + " staff";
  }
  return out;
}

StanceResult derive_stance(const Rules& rules, const StanceFacts& f) {
  StanceResult out;
  if (!f.our_customer) {
    if (f.wallet && f.wallet->fen > 0) {
      out.code = "attack";
      out.reason_zh = "本年度未向我方采购，但客户在本品类有采购预算（钱包估算）：竞争对手的客户";
      out.reason_en =
          "bought nothing from us this year but spends in our category (wallet estimate): a "
          "competitor's customer";
    } else {
      out.code = "undetermined";
      out.reason_zh = "本年度未向我方采购，且无钱包估算";
      out.reason_en = "no purchases from us this year and no wallet estimate";
    }
    return out;
  }
  if (f.churn_risk_bp && *f.churn_risk_bp >= rules.defend_churn_risk_min_bp) {
    out.code = "defend";
    out.reason_zh = "流失风险 " + percent(*f.churn_risk_bp) + " ≥ " +
                    percent(rules.defend_churn_risk_min_bp) + "（规则）";
    out.reason_en = "churn risk " + percent(*f.churn_risk_bp) + " ≥ " +
                    percent(rules.defend_churn_risk_min_bp) + " (rule)";
    return out;
  }
  const std::string churn_zh = f.churn_risk_bp
                                   ? "流失风险 " + percent(*f.churn_risk_bp) + " 低于 " +
                                         percent(rules.defend_churn_risk_min_bp)
                                   : std::string("尚无流失风险数据");
  const std::string churn_en = f.churn_risk_bp
                                   ? "churn risk " + percent(*f.churn_risk_bp) + " below " +
                                         percent(rules.defend_churn_risk_min_bp)
                                   : std::string("no churn risk computed yet");
  if (!f.wallet || f.wallet->fen <= 0) {
    out.code = "undetermined";
    out.reason_zh = churn_zh + "；无钱包估算，无法判断增长空间";
    out.reason_en = churn_en + "; no wallet estimate, so no headroom to judge";
    return out;
  }
  const int64_t headroom = std::max<int64_t>(0, f.wallet->fen - f.our_revenue.fen);
  // headroom / wallet in bp, rounded down; wallets are far below 2^63 / 10000 fen.
  const int64_t headroom_bp = headroom * 10000 / f.wallet->fen;
  if (headroom_bp >= rules.expand_headroom_min_bp) {
    out.code = "expand";
    out.reason_zh = churn_zh + "；增长空间占钱包 " + percent(headroom_bp) + " ≥ " +
                    percent(rules.expand_headroom_min_bp) + "（规则）";
    out.reason_en = churn_en + "; headroom " + percent(headroom_bp) + " of the wallet ≥ " +
                    percent(rules.expand_headroom_min_bp) + " (rule)";
  } else {
    out.code = "maintain";
    out.reason_zh = churn_zh + "；增长空间占钱包 " + percent(headroom_bp) + " 低于 " +
                    percent(rules.expand_headroom_min_bp);
    out.reason_en = churn_en + "; headroom " + percent(headroom_bp) + " of the wallet below " +
                    percent(rules.expand_headroom_min_bp);
  }
  return out;
}

}  // namespace kam::analytics::plan

namespace kam::analytics::plan {
namespace {

// "12" or "3.50" points out of the card's hundredths.
std::string points(int64_t x100) {
  const int64_t a = x100 < 0 ? -x100 : x100;
  std::string out = std::to_string(a / 100);
  if (a % 100 != 0) out += "." + std::string(a % 100 < 10 ? "0" : "") + std::to_string(a % 100);
  return (x100 < 0 ? "-" : "") + out;
}

// "growth_room" with its names, as the card calls it.
struct Named {
  std::string zh;
  std::string en;
};

Named share_of(const std::string& name_zh, const std::string& name_en, int64_t points_x100,
               int32_t max_points) {
  return {name_zh + " " + points(points_x100) + "/" + std::to_string(max_points) + " 分",
          name_en + " " + points(points_x100) + " of " + std::to_string(max_points) + " points"};
}

}  // namespace

bool card_filled(const scorecard::Score& score) {
  return std::any_of(score.indicators.begin(), score.indicators.end(),
                     [](const scorecard::IndicatorResult& i) { return !i.missing(); });
}

StanceResult plan_stance(const Rules& rules, const TargetStanceFacts& f,
                         const StanceFacts& fallback) {
  if (!f.target_value || !card_filled(*f.target_value)) {
    StanceResult out = derive_stance(rules, fallback);
    out.reason_zh = "目标客户价值卡尚未填写，按流失风险与增长空间判断：" + out.reason_zh;
    out.reason_en = "no target-value card filled, so by churn risk and headroom: " + out.reason_en;
    out.basis = "wallet";
    return out;
  }
  const scorecard::Score& s = *f.target_value;
  const auto& t = rules.target_stance;
  StanceResult out;
  out.basis = "target_value";
  const std::string card_zh = "目标客户价值 " +
                              (s.score_x100 ? points(*s.score_x100) : std::string("—")) + " 分" +
                              (s.grade ? "（" + *s.grade + " " + s.grade_name_zh + "）" : "");
  const std::string card_en = "target value " +
                              (s.score_x100 ? points(*s.score_x100) : std::string("—")) +
                              (s.grade ? " (" + *s.grade + " " + s.grade_name_en + ")" : "");
  if (!f.rules_problem.empty()) {
    out.code = "undetermined";
    out.reason_zh = card_zh + "；规则与记分卡不符：" + f.rules_problem;
    out.reason_en = card_en + "; the stance rules do not fit the card: " + f.rules_problem;
    return out;
  }
  // The churn signal: open churn alerts, or a churn risk at or above the plan's threshold.
  std::string signal_zh;
  std::string signal_en;
  for (const auto& a : f.churn_alerts) {
    signal_zh += (signal_zh.empty() ? "" : "、") + a.name_zh;
    signal_en += (signal_en.empty() ? "" : ", ") + a.name_en;
  }
  if (!signal_zh.empty()) {
    signal_zh = "未处理预警：" + signal_zh;
    signal_en = "open alerts: " + signal_en;
  }
  if (fallback.churn_risk_bp && *fallback.churn_risk_bp >= rules.defend_churn_risk_min_bp) {
    signal_zh += (signal_zh.empty() ? "" : "；") + std::string("流失风险 ") +
                 percent(*fallback.churn_risk_bp) + " ≥ " + percent(rules.defend_churn_risk_min_bp);
    signal_en += (signal_en.empty() ? "" : "; ") + std::string("churn risk ") +
                 percent(*fallback.churn_risk_bp) + " ≥ " + percent(rules.defend_churn_risk_min_bp);
  }
  const bool churn_signal = !signal_zh.empty();
  const auto decided = scorecard::target_stance(t, s, f.our_customer, churn_signal);
  out.code = std::string(scorecard::stance_code(decided.stance));

  const std::string who_zh =
      f.our_customer ? "我方客户（有订单）" : "竞争对手的客户（未向我方采购）";
  const std::string who_en =
      f.our_customer ? "our customer (has ordered)" : "a competitor's customer (no orders from us)";
  std::vector<std::string> zh{card_zh, who_zh};
  std::vector<std::string> en{card_en, who_en};
  if (!s.grade) {
    zh.push_back("未评级：" + s.withheld_reason);
    en.push_back("no grade: " + s.withheld_reason);
  } else if (f.our_customer) {
    if (churn_signal) {
      zh.push_back("有流失信号（" + signal_zh + "）");
      en.push_back("churn signal (" + signal_en + ")");
    } else {
      const scorecard::Subtotal* rel = s.group(t.relationship_group);
      if (rel && rel->score_x100) {
        const auto g = share_of(rel->name_zh, rel->name_en, *rel->score_x100, rel->max_points);
        const bool low = out.code == "defend";
        zh.push_back(g.zh + (low ? " 低于 " : " 达到 ") + percent(t.churn_below_bp) +
                     (low ? "：有流失风险" : ""));
        en.push_back(g.en + (low ? " below " : " reaches ") + percent(t.churn_below_bp) +
                     (low ? ": at churn risk" : ""));
      } else {
        zh.push_back("“" + t.relationship_group + "”一组无数据");
        en.push_back("the " + t.relationship_group + " group has no value");
      }
      if (out.code == "expand" || out.code == "maintain" || out.code == "undetermined") {
        const scorecard::IndicatorResult* growth = s.indicator(t.growth_indicator);
        if (growth && !growth->missing()) {
          const auto g =
              share_of(growth->name_zh, growth->name_en, growth->points_x100, growth->max_points);
          const bool room = out.code == "expand";
          zh.push_back(g.zh + (room ? " 达到 " : " 低于 ") + percent(t.growth_min_bp));
          en.push_back(g.en + (room ? " reaches " : " below ") + percent(t.growth_min_bp));
        } else if (rel && rel->score_x100 && out.code == "undetermined") {
          zh.push_back("缺少“" + (growth ? growth->name_zh : t.growth_indicator) + "”");
          en.push_back((growth ? growth->name_en : t.growth_indicator) + " is missing");
        }
      }
    }
  } else {
    const scorecard::IndicatorResult* strength = s.indicator(t.strength_indicator);
    if (strength && !strength->missing()) {
      const auto g = share_of(strength->name_zh, strength->name_en, strength->points_x100,
                              strength->max_points);
      // As target_stance compares: points / max ≥ bp / 10000, exactly (points ≤ max × 100,
      // cards have at most a few hundred points, so no overflow).
      const bool strong =
          strength->points_x100 * 10000 >= int64_t{t.strength_min_bp} * strength->max_points * 100;
      zh.push_back(g.zh + (strong ? " 达到 " : " 低于 ") + percent(t.strength_min_bp));
      en.push_back(g.en + (strong ? " reaches " : " below ") + percent(t.strength_min_bp));
      const bool worth = s.score_x100 && *s.score_x100 >= int64_t{t.attack_min_score} * 100;
      zh.push_back(std::string("总分") + (worth ? "达到 " : "低于 ") +
                   std::to_string(t.attack_min_score) + " 分");
      en.push_back(std::string("score ") + (worth ? "reaches " : "below ") +
                   std::to_string(t.attack_min_score));
    } else {
      zh.push_back("缺少“" + (strength ? strength->name_zh : t.strength_indicator) + "”");
      en.push_back((strength ? strength->name_en : t.strength_indicator) + " is missing");
    }
  }
  for (size_t i = 0; i < zh.size(); ++i) {
    out.reason_zh += (i ? "；" : "") + zh[i];
    out.reason_en += (i ? "; " : "") + en[i];
  }
  return out;
}

}  // namespace kam::analytics::plan

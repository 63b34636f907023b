#include <string>

#include "analytics/key_moments.hpp"

namespace kam::analytics {

namespace {

std::string num(int64_t v) {
  return std::to_string(v);
}

std::string yuan(int64_t fen) {
  return format_money(Money{fen});
}

// "2026-02" from 202602.
std::string month(int64_t yyyymm) {
  const int64_t m = yyyymm % 100;
  return num(yyyymm / 100) + (m < 10 ? "-0" : "-") + num(m);
}

// z_milli as "4.2", one decimal: enough to say how unusual a month was.
std::string z_text(int64_t milli) {
  const int64_t tenths = (milli >= 0 ? milli + 50 : milli - 50) / 100;
  const int64_t whole = tenths / 10;
  const int64_t frac = tenths < 0 ? -(tenths % 10) : tenths % 10;
  return (tenths < 0 && whole == 0 ? "-" : "") + num(whole) + "." + num(frac);
}

// The first three numbers of the items, "、"- or ", "-separated, with how many more there are.
AlertText numbers(const std::vector<AlertItem>& items, std::string_view measure_word = "张") {
  constexpr size_t kShown = 3;
  AlertText t;
  for (size_t i = 0; i < items.size() && i < kShown; ++i) {
    t.zh += (i == 0 ? "" : "、") + items[i].number;
    t.en += (i == 0 ? "" : ", ") + items[i].number;
  }
  if (items.size() > kShown) {
    t.zh += "等" + num(static_cast<int64_t>(items.size())) + std::string(measure_word);
    t.en += " and " + num(static_cast<int64_t>(items.size() - kShown)) + " more";
  }
  return t;
}

}  // namespace

AlertText describe(const Alert& a) {
  auto f = [&](std::string_view name) { return a.figure(name).value_or(0); };
  const std::string due = to_string(a.due);
  switch (a.kind) {
    case AlertKind::kBirthday:
      return {"联系人" + a.text + "生日：" + due + "（" + num(f("days_left")) + "天后）",
              a.text + "'s birthday on " + due + " (in " + num(f("days_left")) + " days)"};
    case AlertKind::kContractExpiry: {
      const std::string no = a.text.empty() ? num(a.record_id) : a.text;
      return {"合同" + no + "将于" + due + "到期，剩余" + num(f("days_left")) + "天",
              "Contract " + no + " ends on " + due + ", " + num(f("days_left")) + " days left"};
    }
    case AlertKind::kAnniversary:
      return {"合作" + num(f("years")) + "周年：" + due + "（" + num(f("days_left")) + "天后）",
              num(f("years")) + "-year customer anniversary on " + due + " (in " +
                  num(f("days_left")) + " days)"};
    case AlertKind::kReceivableOverdue: {
      const std::string amount = yuan(f("outstanding_fen"));
      const std::string days = num(f("days_overdue"));
      if (a.items.size() == 1) {
        const std::string& no = a.items.front().number;
        return {"发票" + no + "逾期" + days + "天，未收" + amount + "元（到期日" + due + "）",
                "Invoice " + no + " is " + days + " days overdue, " + amount +
                    " CNY outstanding (due " + due + ")"};
      }
      const AlertText list = numbers(a.items);
      const std::string n = num(f("invoices"));
      return {n + "张发票逾期，共未收" + amount + "元，最长逾期" + days + "天：" + list.zh,
              n + " invoices overdue, " + amount + " CNY outstanding, the oldest " + days +
                  " days overdue: " + list.en};
    }
    case AlertKind::kBadDebtReview: {
      const AlertText list = numbers(a.items);
      const std::string amount = yuan(f("outstanding_fen"));
      const std::string days = num(f("days_overdue"));
      const std::string horizon = num(f("horizon_days"));
      const std::string n = num(f("invoices"));
      return {n + "张发票逾期超过" + horizon + "天，共未收" + amount + "元，最长逾期" + days +
                  "天，请进行坏账审查：" + list.zh,
              n + (a.items.size() == 1 ? " invoice" : " invoices") + " more than " + horizon +
                  " days overdue, " + amount + " CNY outstanding, the oldest " + days +
                  " days overdue: review for bad debt: " + list.en};
    }
    case AlertKind::kCreditHold: {
      const std::string amount = yuan(f("overdue_fen"));
      const std::string days = num(f("oldest_days_overdue"));
      if (f("on_hold") != 0) {
        return {"已暂停赊销：逾期应收" + amount + "元，最长逾期" + days + "天",
                "On credit hold: " + amount + " CNY overdue, the oldest " + days + " days overdue"};
      }
      return {"逾期应收" + amount + "元，最长逾期" + days + "天，建议暂停赊销",
              amount + " CNY overdue, the oldest " + days +
                  " days overdue: put the account on credit hold"};
    }
    case AlertKind::kSpendSurge:
    case AlertKind::kSpendDrop: {
      const bool up = a.kind == AlertKind::kSpendSurge;
      const std::string m = month(f("month"));
      return {m + "消费" + yuan(f("spend_fen")) + "元，异常" + (up ? "增长" : "下降") + "（近" +
                  num(f("history_months")) + "个月中位数" + yuan(f("median_fen")) + "元，修正z值" +
                  z_text(f("z_milli")) + "）",
              "Spend in " + m + " " + (up ? "surged" : "dropped") + " to " + yuan(f("spend_fen")) +
                  " CNY against a median of " + yuan(f("median_fen")) + " CNY over " +
                  num(f("history_months")) + " months (modified z " + z_text(f("z_milli")) + ")"};
    }
    case AlertKind::kUsageAbovePlan:
    case AlertKind::kUsageBelowPlan: {
      const std::string m = month(f("month"));
      const std::string pct = num((f("usage_bp") + 50) / 100);
      return {m + "用量" + yuan(f("usage_fen")) + "元，为合同约定" + yuan(f("contracted_fen")) +
                  "元的" + pct + "%",
              "Usage in " + m + " was " + yuan(f("usage_fen")) + " CNY, " + pct +
                  "% of the contracted " + yuan(f("contracted_fen")) + " CNY"};
    }
    case AlertKind::kContactOverdue:
      return {"已" + num(f("days_since_contact")) + "天未联系，" + a.text + "客户应每" +
                  num(f("cadence_days")) + "天联系一次",
              "No contact for " + num(f("days_since_contact")) + " days; " + a.text +
                  " accounts are contacted every " + num(f("cadence_days")) + " days"};
    case AlertKind::kFeedbackOverdue:
      return {"客户反馈「" + a.text + "」已超过处理期限" + num(f("days_overdue")) + "天（期限" +
                  due + "），请督办",
              "Feedback \"" + a.text + "\" is " + num(f("days_overdue")) +
                  " days past its deadline (" + due + "); follow it up"};
    case AlertKind::kPlanActionOverdue: {
      const std::string days = num(f("days_overdue"));
      if (a.items.size() <= 1) {
        return {"客户计划行动「" + a.text + "」已逾期" + days + "天（截止" + due + "）",
                "Account plan action \"" + a.text + "\" is " + days + " days overdue (due " + due +
                    ")"};
      }
      const AlertText list = numbers(a.items, "项");
      const std::string n = num(f("actions"));
      return {"客户计划有" + n + "项行动逾期，最长逾期" + days + "天：" + list.zh,
              n + " account plan actions overdue, the oldest " + days + " days: " + list.en};
    }
  }
  return {};
}

}  // namespace kam::analytics

#include "app/saved_questions.hpp"

#include <algorithm>

#include "analytics/analysis.hpp"
#include "app/analysis_service.hpp"
#include "store/summary_report.hpp"

namespace kam::app {

const char* saved_question_code(SavedQuestion q) {
  switch (q) {
    case SavedQuestion::kBigRepeatComplainers:
      return "big_repeat_complainers";
    case SavedQuestion::kFormerTopStillBuying:
      return "former_top";
    case SavedQuestion::kNarrowBuyers:
      return "narrow_buyers";
    case SavedQuestion::kCostExceedsMargin:
      return "cost_exceeds_margin";
    case SavedQuestion::kConsultFirst:
      return "consult_first";
  }
  return "";
}

namespace {

// The first `limit` of `items`, each made into an account by `make`, and how many there were.
template <class Item, class Make>
QuestionAnswer answer(SavedQuestion q, const std::vector<Item>& items, size_t limit, Make&& make) {
  QuestionAnswer out{q, static_cast<int64_t>(items.size()), {}};
  for (size_t i = 0; i < std::min(limit, items.size()); ++i)
    out.accounts.push_back(make(items[i]));
  return out;
}

}  // namespace

Result<SavedQuestionAnswers> saved_questions(AnalysisService& analysis,
                                             store::Connection& connection,
                                             const analytics::Period& period, size_t limit) {
  SavedQuestionAnswers out;
  KAM_RETURN_IF_ERROR(analysis.read(connection, period, [&](const ResidentAnalysis& resident) {
    const auto& an = resident.analysis;
    const auto& x = an.indicators;
    const auto& ids = resident.data.accounts.id;
    const auto base = [&](uint32_t a) {
      QuestionAccount q;
      q.id = ids[a];
      q.value = an.ranking.value[a];
      return q;
    };
    const auto& questions = an.questions;
    out.rule_version = an.rules.version;
    out.answers.push_back(answer(SavedQuestion::kBigRepeatComplainers,
                                 questions.big_repeat_complainers, limit, [&](uint32_t a) {
                                   auto q = base(a);
                                   q.complaints = x.complaints[a];
                                   return q;
                                 }));
    out.answers.push_back(answer(SavedQuestion::kFormerTopStillBuying, questions.former_top, limit,
                                 [&](const analytics::SavedQuestions::FormerTop& f) {
                                   auto q = base(f.account);
                                   q.value = f.current_value;
                                   q.previous_value = f.previous_value;
                                   q.still_buying = f.still_buying;
                                   return q;
                                 }));
    out.answers.push_back(
        answer(SavedQuestion::kNarrowBuyers, questions.narrow_buyers, limit, [&](uint32_t a) {
          auto q = base(a);
          q.product_lines = x.product_lines[a];
          return q;
        }));
    out.answers.push_back(answer(SavedQuestion::kCostExceedsMargin, questions.cost_exceeds_margin,
                                 limit, [&](const analytics::SavedQuestions::CostlyAccount& c) {
                                   auto q = base(c.account);
                                   q.cost_to_serve = c.cost_to_serve;
                                   q.profit = c.profit;
                                   return q;
                                 }));
    out.answers.push_back(
        answer(SavedQuestion::kConsultFirst, questions.consult_first, limit, base));
  }));
  // Names from the database, once for every account named above.
  std::vector<int64_t> named;
  for (const auto& a : out.answers)
    for (const auto& account : a.accounts)
      named.push_back(account.id);
  auto names = store::account_names_and_cities(connection, named);
  if (!names) return names.error();
  size_t next = 0;
  for (auto& a : out.answers)
    for (auto& account : a.accounts)
      account.name = (*names)[next++].name;
  return out;
}

}  // namespace kam::app

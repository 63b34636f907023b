#pragma once

// The seeds' saved questions (METHODS §3) as a reader sees them: for each question, the
// accounts that answer it over a period, named, with the figures that put them there. They
// are read from the resident analysis, the same one the dashboard's classes come from.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/period.hpp"
#include "store/driver.hpp"

namespace kam::app {

class AnalysisService;  // app/analysis_service.hpp

// The questions, in the order they are answered; the codes are fixed by the method.
enum class SavedQuestion {
  kBigRepeatComplainers,  // 大客户重复投诉: top two pyramid levels, repeated complaints
  kFormerTopStillBuying,  // 上期大客户是否仍在采购
  kNarrowBuyers,          // 只买一两种产品: cross-sell gaps
  kCostExceedsMargin,     // 服务成本高于毛利
  kConsultFirst,          // 优先拜访的大客户
};
inline constexpr SavedQuestion kSavedQuestions[] = {
    SavedQuestion::kBigRepeatComplainers, SavedQuestion::kFormerTopStillBuying,
    SavedQuestion::kNarrowBuyers, SavedQuestion::kCostExceedsMargin, SavedQuestion::kConsultFirst};
// "big_repeat_complainers", "former_top", "narrow_buyers", "cost_exceeds_margin",
// "consult_first".
const char* saved_question_code(SavedQuestion q);

// One account answering a question. `value` is its ranking value (net revenue or profit, as
// the rules rank) in the period; the other figures are those of its question, absent for the
// others.
struct QuestionAccount {
  int64_t id = 0;
  std::string name;
  int64_t value = 0;  // fen
  std::optional<int32_t> complaints;
  std::optional<int64_t> previous_value;  // fen, the period before
  std::optional<bool> still_buying;
  std::optional<int32_t> product_lines;
  std::optional<int64_t> cost_to_serve;  // fen
  std::optional<int64_t> profit;         // fen
};

struct QuestionAnswer {
  SavedQuestion question = SavedQuestion::kBigRepeatComplainers;
  int64_t total = 0;  // accounts answering it; `accounts` holds the first `limit`
  std::vector<QuestionAccount> accounts;
};

struct SavedQuestionAnswers {
  int64_t rule_version = 0;
  std::vector<QuestionAnswer> answers;  // in kSavedQuestions' order
};

// Every question over `period`, each with its first `limit` accounts in the analysis's order
// (worst or most valuable first, as the question reads).
Result<SavedQuestionAnswers> saved_questions(AnalysisService& analysis,
                                             store::Connection& connection,
                                             const analytics::Period& period, size_t limit);

}  // namespace kam::app

#include "core/sales_workflow.hpp"

#include "core/validator.hpp"

namespace kam {
namespace {

void progress(Validator& v, std::string_view field, const std::optional<int64_t>& value) {
  if (value && (*value < -5 || *value > 5)) v.fail(field, "must be from -5 to +5");
}

void rating(Validator& v, std::string_view field, int64_t value) {
  if (value < 1 || value > 5) v.fail(field, "must be a rating from 1 to 5");
}

}  // namespace

Status validate(VisitReport& r) {
  Validator v;
  v.reference("account_id", r.account_id);
  v.reference("opportunity_id", r.opportunity_id);
  v.text("project_no", r.project_no, 60);
  v.reference("manager_id", r.manager_id);
  v.long_text("goal", r.goal, 1000, true);
  v.long_text("breakthroughs", r.breakthroughs, 4000);
  v.long_text("next_steps", r.next_steps, 4000);
  v.text("competitor", r.competitor, 200);
  progress(v, "our_progress", r.our_progress);
  progress(v, "competitor_progress", r.competitor_progress);
  v.long_text("assessment", r.assessment, 4000);
  return v.status();
}

Status validate(SopCheck& c) {
  Validator v;
  v.reference("opportunity_id", c.opportunity_id);
  bool known = false;
  for (const auto& step : kSalesSop)
    known = known || step.code == c.step;
  if (!known) {
    std::string codes;
    for (const auto& step : kSalesSop)
      codes += (codes.empty() ? "" : ", ") + std::string(step.code);
    v.fail("step", "'" + c.step + "' is not a step of the sales SOP: " + codes);
  }
  v.long_text("note", c.note, 1000);
  return v.status();
}

Status validate(CompetitorRating& r) {
  Validator v;
  v.reference("product_line_id", r.product_line_id);
  v.text("competitor", r.competitor, 200);
  rating(v, "coverage", r.coverage);
  rating(v, "stability", r.stability);
  rating(v, "price", r.price);
  rating(v, "brand", r.brand);
  rating(v, "service", r.service);
  rating(v, "operations", r.operations);
  v.long_text("usp", r.usp, 2000);
  return v.status();
}

}  // namespace kam

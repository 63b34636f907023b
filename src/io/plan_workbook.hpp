#pragma once

// The key-account plan (客户计划) as one page to print and take to a review: one sheet, A4
// landscape, scaled to fit one page wide and tall. Served at GET /api/accounts/{id}/plan/export,
// from app::plan::export_json, laid out here.

#include <string_view>

#include "core/error.hpp"
#include "io/xlsx_writer.hpp"

namespace kam::io {

enum class PlanLanguage { kChinese, kEnglish };

// Sections, each with a bold title: the situation (industry grade, value type, sensitivity,
// the customer's goals and pressures, competitors and their position), the wallet with share
// and headroom per product line, the stakeholder map (people, roles, attitude, who of ours
// covers them and the gaps), the objectives with baseline, target, current value and status,
// the actions with owner, due day and status, and the last review with its comments. `json`
// is app::plan::export_json's; a document that is not one is an invalid "plan".
Result<XlsxSheet> plan_sheet(std::string_view json, PlanLanguage language);

}  // namespace kam::io

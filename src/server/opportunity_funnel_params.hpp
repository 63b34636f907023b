#pragma once

// The opportunity list's funnel parameters (GET /api/opportunities): reached_stage= (a stage
// code) narrows the list to the opportunities GET /api/reports/funnel counts as having reached
// that stage, with the report's own period= (FROM..TO, by default the 12 months to today),
// pipeline= (default "default"), owner= and team= (ids), which mean what they mean there.
// owner= and team= also narrow a list without reached_stage; period= and pipeline= belong to
// reached_stage alone.

#include <optional>
#include <string>
#include <string_view>

#include "server/api_support.hpp"
#include "server/list_params.hpp"

namespace kam::server {

struct FunnelParams {
  std::string reached_stage;  // empty for none
  std::string period;         // as sent, empty for the default
  std::string pipeline;       // as sent, empty for the default
  std::optional<int64_t> owner, team;
};

inline constexpr std::string_view kFunnelParamNames =
    "reached_stage, period, pipeline, owner, team";

// The parse_list_params extra that reads the funnel parameters into `into`.
ExtraParam funnel_params(FunnelParams& into);

// Narrows `query` (its scope) by `params`. A period or pipeline without reached_stage is
// invalid, naming it.
Status narrow_to_funnel_stage(ApiServices& api, store::Connection& connection,
                              const FunnelParams& params, store::ListQuery& query);

}  // namespace kam::server

#pragma once

#include <string>
#include <string_view>

#include "analytics/rules.hpp"

namespace kam::analytics {

// A rule set as JSON, the form in which it is stored and edited. Money is in yuan with up to
// two decimals as a string ("5000000.00"); shares in basis points.
std::string to_json(const RuleSet& rules);

// Strict: a key that is not a rule is an error naming it, so that a misspelt rule does not
// silently keep its default. Missing keys keep their defaults. The result is validated.
Result<RuleSet> rules_from_json(std::string_view json);

}  // namespace kam::analytics

#pragma once

// What the demo's writers share: who the writes are audited as, the competitors the customers
// deal with (one list, so that the opportunities and the plans name the same ones), and times
// of day as the demo's users, in China, keep them.

#include <optional>
#include <string_view>

#include "core/date.hpp"
#include "store/audit_log.hpp"

namespace kam::demo {

inline const store::Actor kDemoActor{"demo", std::nullopt};

inline constexpr std::string_view kCompetitors[] = {"东方科技", "华信集团", "远景股份", "中科创达",
                                                    "博远实业"};

// `hour` o'clock China Standard Time (UTC+8) on `day`.
inline Timestamp at_cst(Day day, int hour) {
  return Timestamp{static_cast<int64_t>(day.value) * 86400 + (hour - 8) * 3600};
}

}  // namespace kam::demo

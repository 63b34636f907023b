#pragma once

// What some tests read from outside the repository: the public data sets beside it
// (../shared/data: CDNOW, Online Retail) and LibreOffice. On a developer's machine a test whose
// input is missing skips and says what it lacked. In continuous integration (CI=true) it fails
// instead: there a skip would let a check stop running while ctest still reports every test
// passed.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string_view>

namespace kam::testing {

// True when the environment says this run is continuous integration (CI=true, as CI services
// set it).
inline bool inputs_required() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

}  // namespace kam::testing

// Skips the current test, or fails it in CI, when `present` is false; `what` (streamable) says
// what is missing. Use in a test body: both outcomes return from it.
#define KAM_REQUIRE_INPUT(present, what)                                              \
  if (!(present)) {                                                                   \
    if (::kam::testing::inputs_required()) {                                          \
      FAIL() << what << " (missing in continuous integration, where it is required)"; \
    }                                                                                 \
    GTEST_SKIP() << what;                                                             \
  }

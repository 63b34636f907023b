#include "cli/command_context.hpp"

#include <cstdlib>

namespace kam::cli {

store::Actor CommandContext::actor() const {
  const char* user = std::getenv("USER");
  return {std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown"),
          std::nullopt};
}

int report(const Error& error) {
  std::cerr << "kam: " << error.message << '\n';
  for (const auto& f : error.fields) {
    std::cerr << "  " << (f.field.empty() ? "" : f.field + ": ") << f.message << '\n';
  }
  switch (error.code) {
    case ErrorCode::kInvalid:
      return kExitInvalid;
    case ErrorCode::kNotFound:
      return kExitNotFound;
    case ErrorCode::kConflict:
      return kExitConflict;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden:
    case ErrorCode::kRateLimited:
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return kExitFailure;
  }
  return kExitFailure;
}

}  // namespace kam::cli

#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/enums.hpp"

namespace kam::server {

// Who is making a request.
struct Principal {
  int64_t user_id = 0;
  std::string login;
  std::string display_name;
  UserRole role = UserRole::kAnalyst;
  std::optional<int64_t> team_id;
  std::string csrf_token;  // for cookie sessions; empty for API tokens
  bool via_cookie = false;
};

}  // namespace kam::server

#pragma once

#include <optional>
#include <string>

#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/record.hpp"

namespace kam {

// A person who signs in to KAM. The company owns the customer relationship; users own
// accounts only as their current managers.
struct User {
  RecordMeta meta;
  std::string login;
  std::string display_name;
  UserRole role = UserRole::kAccountManager;
  std::optional<int64_t> team_id;
  std::optional<std::string> email;
  std::optional<std::string> mobile;
  bool active = true;
};

struct Team {
  RecordMeta meta;
  std::string name;
  std::optional<int64_t> manager_id;  // users.id
  std::optional<std::string> region;
};

Status validate(User& user);
Status validate(Team& team);

}  // namespace kam

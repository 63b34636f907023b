#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/record.hpp"

namespace kam {

// Something a sales person has to do for an account by a given time (待办): call back, send
// a quote, prepare a visit. It may name the contact and the opportunity it is about, which
// must be the account's own (app/record_writes.hpp). Tasks do not feed the analysis.
struct Task {
  RecordMeta meta;
  int64_t account_id = 0;
  std::optional<int64_t> contact_id;
  std::optional<int64_t> opportunity_id;
  // The account plan's objective the task serves (an action of the plan, 行动计划); the same
  // account's (app/record_writes.hpp).
  std::optional<int64_t> objective_id;
  int64_t owner_id = 0;  // users.id; the creator unless they name someone else
  std::string title;
  Timestamp due_at;
  std::optional<std::string> notes;
  bool done = false;
  // When it was marked done: KAM keeps it (set when `done` turns true, cleared when it turns
  // false again), so that it says when the work was finished, not what someone typed.
  std::optional<Timestamp> done_at;
};

// Checks the task's own fields: an account, an owner and a title of at most 200 characters;
// done_at only on a done task.
Status validate(Task& task);

}  // namespace kam

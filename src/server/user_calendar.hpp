#pragma once

// What a user's calendar feed shows: their activities (visits, calls, meetings) and open tasks
// (at their due times) as timed events, the key-moment alerts they own and the contract
// expiries of accounts they own as all-day events, within a window of days. Read under the user's
// own access, so that an account handed over to someone else leaves the feed with it.

#include "core/organization.hpp"
#include "core/task.hpp"
#include "io/icalendar_writer.hpp"
#include "server/access_control.hpp"
#include "store/store.hpp"

namespace kam::server {

// `from` and `to` are inclusive.
Result<io::Calendar> user_calendar(store::Store& store, const AccessControl& access,
                                   const User& user, Day from, Day to);

}  // namespace kam::server

#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/record.hpp"

namespace kam {

// A touch point with an account: a visit, call, letter, meeting or banquet. Its minutes feed
// sales ROI (amount sold per hour spent); its date feeds contact cadence.
struct Activity {
  RecordMeta meta;
  int64_t account_id = 0;
  std::optional<int64_t> contact_id;  // the main person met; others in activity_contacts
  int64_t user_id = 0;                // who from our side
  ActivityKind kind = ActivityKind::kVisit;
  Channel channel = Channel::kField;
  Timestamp occurred_at;
  int64_t minutes = 0;
  std::optional<std::string> subject;
  std::optional<std::string> notes;
  std::optional<std::string> outcome;
};

// What a customer told us: a complaint, praise or suggestion, and how it was handled.
struct Feedback {
  RecordMeta meta;
  int64_t account_id = 0;
  std::optional<int64_t> contact_id;
  FeedbackKind kind = FeedbackKind::kComplaint;
  Day received_on;
  std::string subject;
  std::optional<std::string> body;
  FeedbackStatus status = FeedbackStatus::kOpen;
  FeedbackSeverity severity = FeedbackSeverity::kNormal;
  // The day by which it is to be resolved: given, or set by KAM from the key-moment rules'
  // deadline for its severity (app/record_writes.hpp). Past it, open feedback is escalated.
  std::optional<Day> due_on;
  std::optional<int64_t> handler_id;  // users.id
  std::optional<std::string> resolution;
  std::optional<Day> resolved_on;
};

Status validate(Activity& activity);
Status validate(Feedback& feedback);

}  // namespace kam

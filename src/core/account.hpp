#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/record.hpp"

namespace kam {

// A customer organisation (客户/单位). Group companies are trees: a branch names its
// headquarters in parent_id, and a group agreement covers its branches.
struct Account {
  RecordMeta meta;
  std::string name;
  std::optional<std::string> short_name;
  std::optional<std::string> credit_code;    // 统一社会信用代码, checksum-validated
  std::optional<std::string> industry_code;  // GB/T 4754-2017 division or finer
  std::optional<Ownership> ownership;
  std::optional<std::string> province;
  std::optional<std::string> city;
  std::optional<std::string> address;
  std::optional<int64_t> employees;
  std::optional<Money> registered_capital;
  std::optional<Money> annual_revenue;
  bool listed = false;
  std::optional<AccountSource> source;
  std::optional<int64_t> owner_id;  // the account manager (users.id)
  std::optional<int64_t> team_id;
  AccountStatus status = AccountStatus::kActive;
  Importance importance = Importance::kNone;
  std::optional<int64_t> parent_id;
  std::optional<std::string> notes;
  // Set when the account is lost (status lost): why, and since when. The churn report totals
  // the lost value by reason.
  std::optional<ChurnReason> churn_reason;
  std::optional<Day> lost_on;
  // Customer pool (公海): when the current owner took the account, and when it last entered
  // the pool (null while owned). Kept by the pool operations, not edited by hand.
  std::optional<Timestamp> owned_since;
  std::optional<Timestamp> pooled_at;
  // Pinyin of name and short name ("full|initials|..."), derived by validate().
  std::optional<std::string> search_key;
};

// A person at an account, with the FORM profile (family, occupation, recreation, message)
// that account managers keep to build the relationship.
struct Contact {
  RecordMeta meta;
  int64_t account_id = 0;
  std::string name;
  std::optional<std::string> title;
  std::optional<std::string> department;
  std::optional<std::string> mobile;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> wechat;
  std::optional<Day> birthday;
  std::optional<std::string> hometown;
  std::optional<std::string> preferences;
  std::optional<std::string> form_family;
  std::optional<std::string> form_occupation;
  std::optional<std::string> form_recreation;
  std::optional<std::string> form_message;
  std::optional<int64_t> reports_to_id;   // contacts.id: the org chart
  std::optional<std::string> search_key;  // pinyin of the name, derived by validate()
};

// Checks the record alone (formats, lengths, ranges); references are checked by the store.
// Normalises what has one canonical form (credit code upper-case, industry code digits).
Status validate(Account& account);
Status validate(Contact& contact);

}  // namespace kam

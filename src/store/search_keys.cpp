#include "store/search_keys.hpp"

#include <optional>
#include <vector>

#include "core/account.hpp"

namespace kam::store {
namespace {

template <class Record>
Result<int64_t> fill_table(Connection& c, const std::string& select, const std::string& update) {
  struct Missing {
    int64_t id;
    Record record;
  };
  std::vector<Missing> missing;
  KAM_RETURN_IF_ERROR(c.query(select, {}, [&](const Row& row) {
    Missing m{row.get_int(0), {}};
    m.record.name = row.get_text(1);
    if constexpr (std::is_same_v<Record, Account>) {
      if (!row.is_null(2)) m.record.short_name = std::string(row.get_text(2));
    }
    missing.push_back(std::move(m));
    return true;
  }));
  if (missing.empty()) return int64_t{0};
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  for (auto& m : missing) {
    (void)validate(m.record);  // derives the key; the stored record was validated when written
    const SqlValue params[] = {*m.record.search_key, m.id};
    if (auto done = c.execute(update, params); !done) return done.error();
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return static_cast<int64_t>(missing.size());
}

}  // namespace

Result<int64_t> fill_missing_search_keys(Connection& c) {
  auto accounts =
      fill_table<Account>(c, "SELECT id, name, short_name FROM accounts WHERE search_key IS NULL",
                          "UPDATE accounts SET search_key = $1 WHERE id = $2");
  if (!accounts) return accounts.error();
  auto contacts = fill_table<Contact>(c, "SELECT id, name FROM contacts WHERE search_key IS NULL",
                                      "UPDATE contacts SET search_key = $1 WHERE id = $2");
  if (!contacts) return contacts.error();
  return *accounts + *contacts;
}

}  // namespace kam::store

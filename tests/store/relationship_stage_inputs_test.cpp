// The people met per account in a span of days, as the relationship stages read them: each
// customer contact counted once however often met, as an activity's main contact or one of its
// further contacts; each of our users once; deleted activities and those outside the span
// not at all; an account with activities but nobody of theirs met still listed. Counts made
// by hand for a handful of activities.

#include "store/relationship_stage_inputs.hpp"

#include <gtest/gtest.h>

#include "store/test_store.hpp"

namespace kam::store {
namespace {

class RelationshipStageInputsTest : public ::testing::Test {
 protected:
  int64_t user(const std::string& login) {
    User u;
    u.login = login;
    u.display_name = login;
    return *t.store->repository<User>().create(u, {});
  }
  int64_t account(const std::string& name) {
    Account a = make_account(name);
    return *t.store->repository<Account>().create(a, {});
  }
  int64_t contact(int64_t account_id, const std::string& name) {
    Contact c;
    c.account_id = account_id;
    c.name = name;
    return *t.store->repository<Contact>().create(c, {});
  }
  // An activity on `day` (2024), with its main contact, if any, and further contacts.
  int64_t met(int64_t account_id, std::optional<int64_t> main, int64_t user_id, const char* day,
              std::initializer_list<int64_t> further = {}) {
    Activity a;
    a.account_id = account_id;
    a.contact_id = main;
    a.user_id = user_id;
    a.occurred_at = *parse_timestamp(std::string(day) + "T10:00:00Z");
    a.minutes = 30;
    const int64_t id = *t.store->repository<Activity>().create(a, {});
    for (const int64_t c : further) {
      const SqlValue p[] = {id, c};
      EXPECT_TRUE(t.db().execute(
          "INSERT INTO activity_contacts (activity_id, contact_id) VALUES ($1, $2)", p));
    }
    return id;
  }

  TestStore t;
};

TEST_F(RelationshipStageInputsTest, EachPersonMetIsCountedOnceAndOnlyInTheSpan) {
  const int64_t li = user("li"), wang = user("wang");
  const int64_t a = account("甲公司"), b = account("乙公司"), c = account("丙公司"),
                d = account("丁公司");
  const int64_t a1 = contact(a, "张一"), a2 = contact(a, "张二"), a3 = contact(a, "张三");
  const int64_t b1 = contact(b, "李一");
  // a: a1 three times (twice as main contact, once as a further one), a2 once as a further
  // contact, a3 only in a deleted activity and once after the span; our li and wang.
  met(a, a1, li, "2024-02-01");
  met(a, a1, li, "2024-03-01", {a2});
  met(a, std::nullopt, wang, "2024-04-01", {a1});
  const int64_t gone = met(a, a3, wang, "2024-05-01");
  ASSERT_TRUE(t.store->repository<Activity>().remove(gone, {}));
  met(a, a3, li, "2025-01-02");
  // b: b1 once, by wang; before the span, li met b1 too.
  met(b, b1, wang, "2024-06-30");
  met(b, b1, li, "2023-12-31");
  // c: an activity with nobody of theirs, on the span's last day.
  met(c, std::nullopt, li, "2024-12-31");
  // d: nothing in the span.
  met(d, std::nullopt, li, "2023-06-01");

  auto inputs = stage_inputs(t.db(), 2024, Day::from_ymd(2024, 1, 1), Day::from_ymd(2024, 12, 31));
  ASSERT_TRUE(inputs) << inputs.error().describe();
  ASSERT_EQ(inputs->people.size(), 3u);
  const auto& people = inputs->people;  // ascending by account
  EXPECT_EQ(people[0].account_id, a);
  EXPECT_EQ(people[0].customer_contacts, 2);  // a1, a2
  EXPECT_EQ(people[0].our_staff, 2);          // li, wang
  EXPECT_EQ(people[1].account_id, b);
  EXPECT_EQ(people[1].customer_contacts, 1);
  EXPECT_EQ(people[1].our_staff, 1);
  EXPECT_EQ(people[2].account_id, c);
  EXPECT_EQ(people[2].customer_contacts, 0);
  EXPECT_EQ(people[2].our_staff, 1);
}

}  // namespace
}  // namespace kam::store

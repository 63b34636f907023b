#include "server/principal_memo.hpp"

#include <gtest/gtest.h>

namespace kam::server {
namespace {

Principal someone(std::string login) {
  Principal p;
  p.user_id = 7;
  p.login = std::move(login);
  p.role = UserRole::kAccountManager;
  p.team_id = 3;
  return p;
}

constexpr Timestamp kNow{1'700'000'000};

TEST(PrincipalMemo, AnswersOnlyForTheSnapshotAndTokenItWasKeptFor) {
  PrincipalMemo memo;
  memo.keep(5, "digest-a", someone("wang"), std::nullopt);
  auto found = memo.find(5, "digest-a", kNow);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->login, "wang");
  EXPECT_EQ(found->team_id, 3);
  EXPECT_FALSE(memo.find(6, "digest-a", kNow));  // another snapshot: the data may differ
  EXPECT_FALSE(memo.find(5, "digest-b", kNow));
}

TEST(PrincipalMemo, KeepsNothingOutsideASnapshot) {
  PrincipalMemo memo;
  memo.keep(0, "digest-a", someone("wang"), std::nullopt);
  EXPECT_FALSE(memo.find(0, "digest-a", kNow));
}

TEST(PrincipalMemo, ASessionIsNotFoundFromItsExpiryOn) {
  PrincipalMemo memo;
  memo.keep(5, "digest-a", someone("wang"), Timestamp{kNow.seconds + 10});
  EXPECT_TRUE(memo.find(5, "digest-a", Timestamp{kNow.seconds + 9}));
  EXPECT_FALSE(memo.find(5, "digest-a", Timestamp{kNow.seconds + 10}));
}

TEST(PrincipalMemo, StaysBoundedAndStillAnswersWhenFull) {
  PrincipalMemo memo;
  for (uint64_t snapshot = 1; snapshot <= 5000; ++snapshot)
    memo.keep(snapshot, "digest-a", someone("wang"), std::nullopt);
  EXPECT_TRUE(memo.find(5000, "digest-a", kNow));
  EXPECT_FALSE(memo.find(1, "digest-a", kNow));
}

}  // namespace
}  // namespace kam::server

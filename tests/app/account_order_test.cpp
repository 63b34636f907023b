// The account list in a kept order, page by page: every page walked from its cursor holds the
// accounts a plain sort of (key, id) gives, keys ascending or descending, accounts without a
// key last by id either way, for every account, for some of them, and for ids the order does
// not hold (deleted accounts, keyless). Random cases from fixed seeds.

#include "app/account_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

namespace kam::app {
namespace {

constexpr int64_t kNone = OrderedAccounts::kNoKey;

// The reference: (has key, key, id) as the list sorts them, by std::sort.
std::vector<int64_t> sorted_by_hand(std::vector<std::pair<int64_t, int64_t>> keyed_ids,
                                    bool descending) {
  std::sort(keyed_ids.begin(), keyed_ids.end(), [&](const auto& x, const auto& y) {
    const auto rank = [&](const std::pair<int64_t, int64_t>& p) {
      const bool none = p.first == kNone;
      const int64_t key = none ? 0 : (descending ? -p.first : p.first);
      return std::tuple(none, key, descending ? -p.second : p.second);
    };
    return rank(x) < rank(y);
  });
  std::vector<int64_t> out;
  for (const auto& [key, id] : keyed_ids)
    out.push_back(id);
  return out;
}

// Every page of the list, `limit` at a time, joined; the total of each page checked.
template <class PageOf>
std::vector<int64_t> walked(const PageOf& page_of, bool descending, size_t limit,
                            int64_t expected_total) {
  store::ListQuery query;
  query.sort = "pyramid";
  query.descending = descending;
  query.limit = limit;
  std::vector<int64_t> out;
  for (int pages = 0; pages < 10'000; ++pages) {
    auto page = page_of(query);
    EXPECT_TRUE(page.ok());
    if (!page.ok()) break;
    EXPECT_EQ(page->total, expected_total);
    EXPECT_LE(page->ids.size(), limit);
    out.insert(out.end(), page->ids.begin(), page->ids.end());
    if (page->next_cursor.empty()) break;
    query.after = page->next_cursor;
  }
  return out;
}

struct Case {
  std::vector<int64_t> ids;
  std::vector<int64_t> keys;
};

Case random_case(std::mt19937_64& random) {
  Case c;
  const int n = std::uniform_int_distribution(0, 120)(random);
  // Few distinct keys (levels) or many (values in fen, negative ones too).
  const bool levels = random() % 2 == 0;
  int64_t id = 0;
  for (int i = 0; i < n; ++i) {
    id += std::uniform_int_distribution<int64_t>(1, 4)(random);
    c.ids.push_back(id);
    if (random() % 4 == 0) {
      c.keys.push_back(kNone);
    } else if (levels) {
      c.keys.push_back(std::uniform_int_distribution<int64_t>(0, 4)(random));
    } else {
      c.keys.push_back(std::uniform_int_distribution<int64_t>(-1'000'000, 1'000'000)(random));
    }
  }
  return c;
}

TEST(AccountOrderTest, EveryPageFromItsCursorIsTheSortedListsNextOnes) {
  std::mt19937_64 random(20261207);
  for (int round = 0; round < 300; ++round) {
    const Case c = random_case(random);
    const auto ordered = order_accounts(c.ids, c.keys);
    std::vector<std::pair<int64_t, int64_t>> everyone, some;
    std::vector<int64_t> among;
    for (size_t i = 0; i < c.ids.size(); ++i) {
      everyone.emplace_back(c.keys[i], c.ids[i]);
      if (random() % 3 == 0) {
        some.emplace_back(c.keys[i], c.ids[i]);
        among.push_back(c.ids[i]);
      }
    }
    // An id the order does not hold is no live account: left out of the page and the total.
    std::vector<int64_t> among_and_gone = among;
    among_and_gone.push_back(c.ids.empty() ? 1 : c.ids.back() + 1);
    const size_t limit = std::vector<size_t>{1, 2, 3, 7, 50}[round % 5];
    for (const bool descending : {false, true}) {
      const auto all = [&](const store::ListQuery& q) {
        return ordered_page(*ordered, nullptr, q);
      };
      EXPECT_EQ(walked(all, descending, limit, static_cast<int64_t>(everyone.size())),
                sorted_by_hand(everyone, descending))
          << "round " << round;
      const auto part = [&](const store::ListQuery& q) {
        return ordered_page(*ordered, &among_and_gone, q);
      };
      EXPECT_EQ(walked(part, descending, limit, static_cast<int64_t>(some.size())),
                sorted_by_hand(some, descending))
          << "round " << round;
    }
  }
}

TEST(AccountOrderTest, IdsTheOrderDoesNotHoldAreListedKeylessByTheirId) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 200; ++round) {
    const Case c = random_case(random);
    const auto ordered = order_accounts(c.ids, c.keys);
    // Some of the held ids and some others (deleted accounts), ascending.
    std::vector<std::pair<int64_t, int64_t>> expected;
    std::vector<int64_t> ids;
    const int64_t past = c.ids.empty() ? 0 : c.ids.back();
    for (int64_t id = 1; id <= past + 5; ++id) {
      const auto held = std::lower_bound(c.ids.begin(), c.ids.end(), id);
      const bool holds = held != c.ids.end() && *held == id;
      if (random() % 2 == 0) continue;
      ids.push_back(id);
      expected.emplace_back(holds ? c.keys[held - c.ids.begin()] : kNone, id);
    }
    const size_t limit = std::vector<size_t>{1, 4, 50}[round % 3];
    for (const bool descending : {false, true}) {
      const auto page_of = [&](const store::ListQuery& q) {
        return ordered_page_of(*ordered, ids, q);
      };
      EXPECT_EQ(walked(page_of, descending, limit, static_cast<int64_t>(ids.size())),
                sorted_by_hand(expected, descending))
          << "round " << round;
    }
  }
}

TEST(AccountOrderTest, ACursorOfAnotherOrderIsRefusedNamingAfter) {
  const auto ordered = order_accounts({1, 2, 3}, {0, 1, kNone});
  store::ListQuery query;
  query.sort = "pyramid";
  query.limit = 1;
  auto first = ordered_page(*ordered, nullptr, query);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_cursor.empty());
  query.after = first->next_cursor;
  query.descending = true;
  for (auto page : {ordered_page(*ordered, nullptr, query),
                    ordered_page_of(*ordered, std::vector<int64_t>{1, 2}, query)}) {
    ASSERT_FALSE(page.ok());
    ASSERT_EQ(page.error().fields.size(), 1u);
    EXPECT_EQ(page.error().fields.front().field, "after");
  }
}

TEST(AccountOrderTest, AccountsKeyedAreThoseOfOneKeyAscending) {
  const auto ordered = order_accounts({2, 5, 9, 11}, {1, kNone, 1, 0});
  EXPECT_EQ(accounts_keyed(*ordered, 1), (std::vector<int64_t>{2, 9}));
  EXPECT_EQ(accounts_keyed(*ordered, 0), (std::vector<int64_t>{11}));
  EXPECT_TRUE(accounts_keyed(*ordered, 3).empty());
}

}  // namespace
}  // namespace kam::app

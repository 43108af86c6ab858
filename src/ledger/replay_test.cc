#include "ledger/replay.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "forces/declaration_io.h"
#include "forces/public_series.h"
#include "ledger/apply.h"
#include "ledger/sample.h"
#include "ledger/sample_force.h"
#include "ledger/test_util.h"
#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

using testing::FreshDir;

const treaty::Treaty& NewStart() {
  static const treaty::Treaty* t = new treaty::Treaty(treaty::LoadTreaty("new-start").value());
  return *t;
}

Date D(const char* s) { return Date::Parse(s).value(); }

// A small state: one silo with a missile at kozelsk, one empty silo, a bomber.
forces::Declaration SmallState() {
  forces::Declaration d = internal::BaseDeclaration(internal::RuProfile());
  std::vector<Ambiguity> found;
  auto apply = [&](NotificationType t, Json body) {
    Notification n;
    n.party = "RU";
    n.type = t;
    n.body = std::move(body);
    EXPECT_TRUE(ReadBody(&n, "").ok());
    ApplyEvent(EventFromNotification(n, 0), &d, &found);
  };
  apply(NotificationType::kProduction,
        {{"uid", "S1"}, {"type", "rs-24-silo"}, {"facility", "kozelsk"}});
  apply(NotificationType::kProduction,
        {{"uid", "S2"}, {"type", "rs-24-silo"}, {"facility", "kozelsk"}});
  apply(NotificationType::kProduction, {{"uid", "M1"}, {"type", "rs-24"}, {"facility", "kozelsk"}});
  apply(NotificationType::kLoading, {{"missile", "M1"}, {"launcher", "S1"}, {"warheads", 4}});
  apply(NotificationType::kProduction,
        {{"uid", "B1"}, {"type", "tu-95ms"}, {"facility", "engels"}});
  EXPECT_TRUE(found.empty()) << found[0].message;
  return d;
}

std::vector<Ambiguity> Apply(forces::Declaration* d, NotificationType t, Json body) {
  Notification n;
  n.party = "RU";
  n.type = t;
  n.body = std::move(body);
  std::vector<Ambiguity> found;
  if (Status s = ReadBody(&n, ""); !s.ok()) {
    ADD_FAILURE() << s.message();
    return found;
  }
  ApplyEvent(EventFromNotification(n, 7), d, &found);
  return found;
}

TEST(ApplyTest, MoveFromAFacilityWhereTheItemIsNotIsFlaggedAndApplied) {
  forces::Declaration d = SmallState();
  auto found = Apply(&d, NotificationType::kMovement,
                     {{"uid", "B1"}, {"from", "ukrainka"}, {"to", "kazan"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, AmbiguityKind::kNotAtFacility);
  EXPECT_EQ(found[0].message, "move of 'B1' from ukrainka but the record has it at engels");
  EXPECT_EQ(found[0].index, 7u);
  EXPECT_EQ(
      d.facilities[static_cast<size_t>(d.items[static_cast<size_t>(d.FindItem("B1"))].facility)].id,
      "kazan");
}

TEST(ApplyTest, LoadingIntoAnOccupiedLauncherIsFlagged) {
  forces::Declaration d = SmallState();
  Apply(&d, NotificationType::kProduction,
        {{"uid", "M2"}, {"type", "rs-24"}, {"facility", "kozelsk"}});
  auto found = Apply(&d, NotificationType::kLoading, {{"missile", "M2"}, {"launcher", "S1"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, AmbiguityKind::kLauncherOccupied);
  EXPECT_EQ(found[0].evidence.at("occupant"), "M1");
}

TEST(ApplyTest, WarheadsAboveTheTypeMaximumAreFlagged) {
  forces::Declaration d = SmallState();
  auto found = Apply(&d, NotificationType::kWarheadChange, {{"missile", "M1"}, {"warheads", 6}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, AmbiguityKind::kWarheadsAboveMaximum);
  EXPECT_EQ(found[0].message, "'M1' carries 6 warheads; its type allows 4");
}

TEST(ApplyTest, UnknownUidIsFlaggedAndChangesNothing) {
  forces::Declaration d = SmallState();
  const size_t items = d.items.size();
  auto found = Apply(&d, NotificationType::kElimination, {{"uid", "GHOST"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, AmbiguityKind::kUnknownUid);
  EXPECT_EQ(d.items.size(), items);
}

TEST(ApplyTest, DataExchangeThatDiffersListsEachDifference) {
  forces::Declaration replayed = SmallState();
  forces::Declaration declared = SmallState();
  Apply(&declared, NotificationType::kWarheadChange, {{"missile", "M1"}, {"warheads", 3}});
  Apply(&declared, NotificationType::kProduction,
        {{"uid", "B2"}, {"type", "tu-95ms"}, {"facility", "engels"}});
  declared.as_of = D("2012-03-01");
  auto found = Apply(&replayed, NotificationType::kDataExchange,
                     {{"declaration", forces::DeclarationToJson(declared)}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, AmbiguityKind::kDataExchangeDiffers);
  auto diffs = found[0].evidence.at("differences").get<std::vector<std::string>>();
  std::sort(diffs.begin(), diffs.end());
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0], "item B2: declared but not in the replayed state");
  EXPECT_EQ(
      diffs[1],
      "item M1: replayed type rs-24, at kozelsk, in S1, warheads 4, role operational, conversion "
      "none; declared type rs-24, at kozelsk, in S1, warheads 3, role operational, conversion "
      "none");
}

class SampleTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = FreshDir("sample"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
  // Kept short so the test is quick: five exchanges per party.
  Date from_ = D("2011-02-05"), to_ = D("2013-03-01");
};

TEST_F(SampleTest, ExchangesReproduceEveryCompletePublishedRow) {
  ASSERT_TRUE(WriteSample(dir_, from_, to_, "new-start", MakeAmbiguityFinder).ok());
  auto ledger = Ledger::Open(dir_).value();
  const forces::Counter counter(NewStart());
  int checked = 0;
  const auto series = forces::LoadPublicSeries().value();
  for (const auto& a : series) {
    if (!a.Complete() || a.date < from_ || a.date > to_) continue;
    const forces::Declaration s = StateAsOf(*ledger, a.party, a.date).value();
    const forces::Counts c = counter.Count(s);
    EXPECT_EQ(c.limits[0].count, *a.deployed) << a.party << " " << a.date.ToString();
    EXPECT_EQ(c.limits[1].count, *a.warheads) << a.party << " " << a.date.ToString();
    EXPECT_EQ(c.limits[2].count, *a.launchers) << a.party << " " << a.date.ToString();
    ++checked;
  }
  EXPECT_EQ(checked, 8);  // 2011-02, 2011-09, 2012-03, 2013-03 for each party
}

TEST_F(SampleTest, SampleIsReproducible) {
  const forces::Counter counter(NewStart());
  auto a = SampleNotifications(counter, from_, to_).value();
  auto b = SampleNotifications(counter, from_, to_).value();
  ASSERT_EQ(a.size(), b.size());
  std::vector<Hash256> la, lb;
  for (const auto& n : a) la.push_back(tlog::LeafHash(n.EntryBytes()));
  for (const auto& n : b) lb.push_back(tlog::LeafHash(n.EntryBytes()));
  EXPECT_EQ(tlog::RootOf(la), tlog::RootOf(lb));
}

TEST_F(SampleTest, CheckpointsGiveTheSameStateAsAFullReplay) {
  ASSERT_TRUE(WriteSample(dir_, from_, to_, "new-start", MakeAmbiguityFinder).ok());
  auto ledger = Ledger::Open(dir_).value();
  ASSERT_TRUE(UpdateCheckpoints(*ledger, "US", std::nullopt, 50).ok());
  int count = 0;
  ASSERT_TRUE(ledger
                  ->ForEachCheckpoint([&](const StoredCheckpoint& c) {
                    count += c.party == "US";
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GE(count, 3);
  for (const char* day : {"2011-06-30", "2012-01-15", "2013-02-27"}) {
    const auto fast = StateAsOf(*ledger, "US", D(day), true).value();
    const auto slow = StateAsOf(*ledger, "US", D(day), false).value();
    EXPECT_EQ(forces::DeclarationToJson(fast), forces::DeclarationToJson(slow)) << day;
  }
}

// The finder keeps each party's state between appends. Appending one at a
// time must find exactly what a finder without memory finds: also after a
// notification that arrives out of order of occurrence, and after another
// handle appends to the same store.
// As the server does after each append, with checkpoints every 100 changes
// so that the fresh finder's replays stay short.
bool RefreshCheckpoints(Ledger& ledger, const AppendResult& r) {
  for (const auto& [party, earliest] : r.earliest_change) {
    if (!UpdateCheckpoints(ledger, party, earliest, 100).ok()) return false;
  }
  return true;
}

TEST_F(SampleTest, AFinderWithMemoryFindsWhatAFreshReplayFinds) {
  const forces::Counter counter(NewStart());
  // Eight months of history; the last 80 notifications are appended one by one.
  std::vector<Notification> all = SampleNotifications(counter, from_, D("2011-10-01")).value();
  ASSERT_GT(all.size(), 400u);
  const size_t prefix = all.size() - 80;
  std::vector<Notification> tail(all.begin() + static_cast<std::ptrdiff_t>(prefix), all.end());
  // Three US notifications of our own: a production back in March, sent
  // late (out of order of occurrence); a production that another handle
  // appends behind the finder's back; and a move of that new item, which
  // only a finder that noticed the other handle knows.
  auto us = [&](NotificationType type, Date occurred, Json body) {
    Notification n;
    n.party = "US";
    n.type = type;
    n.occurred = occurred;
    n.sent = Timestamp::StartOf(occurred.AddDays(1));
    n.body = std::move(body);
    return n;
  };
  constexpr size_t kEarlyAt = 30, kOtherAt = 50, kMoveAt = 60;
  Notification early = us(NotificationType::kProduction, D("2011-03-01"),
                          {{"uid", "LATE-1"}, {"type", "mm3-silo"}, {"facility", "malmstrom"}});
  early.sent = Timestamp::StartOf(D("2011-09-30"));
  tail.insert(tail.begin() + kEarlyAt, early);
  tail.insert(tail.begin() + kOtherAt,
              us(NotificationType::kProduction, tail[kOtherAt - 1].occurred,
                 {{"uid", "OTHER-1"}, {"type", "mm3"}, {"facility", "malmstrom"}}));
  tail.insert(tail.begin() + kMoveAt,
              us(NotificationType::kMovement, tail[kMoveAt - 1].occurred,
                 {{"uid", "OTHER-1"}, {"from", "malmstrom"}, {"to", "minot"}}));
  // US serials continue from the prefix in the new order.
  int64_t serial = 0;
  for (size_t i = 0; i < prefix; ++i) {
    if (all[i].party == "US") serial = std::max(serial, all[i].serial);
  }
  for (Notification& n : tail) {
    if (n.party != "US") continue;
    n.serial = ++serial;
    SignInPlace(&n, SampleKey("US"));
  }

  const std::string cached_dir = dir_ + "-cached", fresh_dir = dir_ + "-fresh";
  std::vector<std::unique_ptr<Ledger>> ledgers;
  for (const std::string& d : {cached_dir, fresh_dir}) {
    std::filesystem::remove_all(d);
    const std::vector<PublicKey> keys = {SampleKey("US").pub, SampleKey("RU").pub};
    ASSERT_TRUE(Ledger::Init(d, keys).ok());
    ledgers.push_back(Ledger::Open(d).value());
    std::vector<Notification> head(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(prefix));
    const auto r = ledgers.back()->AppendParsed(std::move(head), testing::TestNow());
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(RefreshCheckpoints(*ledgers.back(), *r));
  }
  ledgers[0]->set_ambiguity_finder(MakeAmbiguityFinder(ledgers[0].get(), &counter));
  size_t flagged = 0;
  for (size_t i = 0; i < tail.size(); ++i) {
    if (i == kOtherAt) {  // another handle appends to the cached store
      auto other = Ledger::Open(cached_dir).value();
      ASSERT_TRUE(other->AppendParsed({tail[i]}, testing::TestNow()).ok());
      ASSERT_TRUE(ledgers[1]->AppendParsed({tail[i]}, testing::TestNow()).ok());
      continue;
    }
    ledgers[1]->set_ambiguity_finder(MakeAmbiguityFinder(ledgers[1].get(), &counter));
    auto a = ledgers[0]->AppendParsed({tail[i]}, testing::TestNow());
    auto b = ledgers[1]->AppendParsed({tail[i]}, testing::TestNow());
    ASSERT_TRUE(a.ok()) << i << ": " << a.status().ToString();
    ASSERT_TRUE(b.ok()) << i << ": " << b.status().ToString();
    ASSERT_TRUE(RefreshCheckpoints(*ledgers[0], *a) && RefreshCheckpoints(*ledgers[1], *b));
    ASSERT_EQ(a->ambiguities.size(), b->ambiguities.size()) << "notification " << i;
    for (size_t k = 0; k < a->ambiguities.size(); ++k) {
      EXPECT_EQ(a->ambiguities[k].kind, b->ambiguities[k].kind) << i;
      EXPECT_EQ(a->ambiguities[k].message, b->ambiguities[k].message) << i;
      EXPECT_EQ(a->ambiguities[k].evidence, b->ambiguities[k].evidence) << i;
    }
    flagged += a->ambiguities.size();
  }
  EXPECT_GT(flagged, 0u);  // at least the late notification
  std::filesystem::remove_all(cached_dir);
  std::filesystem::remove_all(fresh_dir);
}

TEST_F(SampleTest, LateNotificationAndLimitExceededAreFlaggedOnAppend) {
  ASSERT_TRUE(WriteSample(dir_, from_, D("2011-09-01"), "new-start", MakeAmbiguityFinder).ok());
  auto ledger = Ledger::Open(dir_).value();
  const forces::Counter counter(NewStart());
  ledger->set_ambiguity_finder(MakeAmbiguityFinder(ledger.get(), &counter));
  const auto entries = ledger->Entries(0, ledger->Size().value()).value();
  // Silos produced after the limits bind, notified 9 days late. The record
  // ends with the 2011 force, which judged in 2018 is over all three limits.
  std::vector<Notification> batch;
  int64_t serial = 0;
  for (const auto& n : entries) {
    if (n.party == "US") serial = std::max(serial, n.serial);
  }
  for (int i = 0; i < 200; ++i) {
    Notification n;
    n.party = "US";
    n.serial = ++serial;
    n.type = NotificationType::kProduction;
    n.occurred = D("2018-03-01");
    n.sent = Timestamp::StartOf(D("2018-03-10"));
    n.body = {
        {"uid", "EXTRA-" + std::to_string(i)}, {"type", "mm3-silo"}, {"facility", "malmstrom"}};
    SignInPlace(&n, SampleKey("US"));
    batch.push_back(std::move(n));
  }
  auto r = ledger->AppendParsed(std::move(batch), testing::TestNow());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  int late = 0, over = 0;
  for (const auto& a : r->ambiguities) {
    late += a.kind == AmbiguityKind::kLateNotification;
    over += a.kind == AmbiguityKind::kLimitExceeded;
  }
  EXPECT_EQ(late, 200);
  EXPECT_EQ(over, 3);
  EXPECT_EQ(r->ambiguities.back().message.rfind("Deployed and non-deployed ICBM launchers", 0), 0u);
}

}  // namespace
}  // namespace verity::ledger

namespace verity::ledger {
namespace {

TEST(TimelineTest, RunningCountsEqualAFullCountEveryDay) {
  const std::string dir = testing::FreshDir("timeline");
  const Date from = Date::Parse("2011-02-05").value(), to = Date::Parse("2012-03-01").value();
  ASSERT_TRUE(WriteSample(dir, from, to, "new-start", MakeAmbiguityFinder).ok());
  auto ledger = Ledger::Open(dir).value();
  const forces::Counter counter(NewStart());
  const auto events = LoadEvents(*ledger, "US", std::nullopt, to).value();
  const auto rows = TimelineOf(events, counter, from, to);
  ASSERT_EQ(rows.size(), static_cast<size_t>(to - from + 1));
  for (size_t i = 0; i < rows.size(); i += 37) {
    const forces::Counts full = counter.Count(StateAsOf(*ledger, "US", rows[i].date).value());
    for (size_t l = 0; l < full.limits.size(); ++l) {
      EXPECT_EQ(rows[i].counts[l], full.limits[l].count)
          << rows[i].date.ToString() << " limit " << l;
    }
  }
  EXPECT_EQ(rows.back().counts, (std::vector<int64_t>{812, 1737, 1040}));  // published 2012-03-01
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verity::ledger

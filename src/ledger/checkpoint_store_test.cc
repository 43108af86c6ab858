// Checkpoints are a cache, never an authority: an as-of query uses one only
// when the log's seal vouches for it for the log being read, an append drops
// the checkpoints it makes stale in its own transaction, and verify replays
// every checkpoint. A version-1 ledger is upgraded in place.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "forces/declaration_io.h"
#include "ledger/checkpoint_codec.h"
#include "ledger/replay.h"
#include "ledger/sample.h"
#include "ledger/seals.h"
#include "ledger/store.h"
#include "ledger/test_util.h"
#include "ledger/testing/small_ledger.h"
#include "ledger/verify.h"
#include "treaty/treaty.h"

namespace verity::ledger {
namespace {

using testing::FreshDir;
using testing::TestNow;

void Sql(const std::string& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/" + kDatabaseFile).c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

std::string Hex(const std::string& bytes) {
  return ToHex(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

std::string JsonOf(const forces::Declaration& d) { return forces::DeclarationToJson(d).dump(); }

class CheckpointStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("checkpoints");
    testing::WriteSmallLedger(dir_);
    ASSERT_FALSE(HasFatalFailure());
    ledger_ = Ledger::Open(dir_).value();
    first_ = FirstUs().value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  StatusOr<StoredCheckpoint> FirstUs() {
    std::optional<StoredCheckpoint> first;
    VERITY_RETURN_IF_ERROR(ledger_->ForEachCheckpoint([&](const StoredCheckpoint& c) {
      if (c.party == "US" && !first) first = c;
      return Status::Ok();
    }));
    if (!first) return NotFound("no US checkpoint");
    return *first;
  }
  forces::Declaration Replayed(Date d) { return StateAsOf(*ledger_, "US", d, false).value(); }
  forces::Declaration Fast(Date d) { return StateAsOf(*ledger_, "US", d, true).value(); }

  // The first US checkpoint with one type's max_warheads raised, its digest
  // recomputed as a careful forger would.
  void ForgeFirstCheckpoint() {
    forces::Declaration d = DecodeCheckpoint(first_.state, "test").value();
    for (auto& t : d.types) {
      if (t.max_warheads == 3) {
        t.max_warheads = 4;
        break;
      }
    }
    const std::string state = EncodeCheckpoint(std::move(d));
    ASSERT_NE(state, first_.state) << "no type with max_warheads 3 to raise";
    const std::string day = first_.day.ToString();
    const std::string digest = ToHex(internal::CheckpointDigest("US", day, first_.index, state));
    Sql(dir_, "UPDATE checkpoints SET state = x'" + Hex(state) + "', digest = '" + digest +
                  "' WHERE party = 'US' AND occurred = '" + day + "'");
  }

  std::string dir_;
  std::unique_ptr<Ledger> ledger_;
  StoredCheckpoint first_;
};

TEST_F(CheckpointStoreTest, AnUntouchedCheckpointIsUsedAndAgreesWithAReplay) {
  const Date next = first_.day.AddDays(1);
  std::string problem = "unset";
  auto found = ledger_->FindCheckpoint("US", next, UINT64_MAX, &problem);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(problem, "");
  EXPECT_EQ(JsonOf(Fast(next)), JsonOf(Replayed(next)));
  EXPECT_TRUE(VerifyLedger(*ledger_).value().ok());
}

// The case an outside review found: a type's max_warheads 3 -> 4 in the
// stored state changed the answer for the day after, and verify said ok.
TEST_F(CheckpointStoreTest, AnEditedCheckpointNeverChangesAnAnswerAndVerifyNamesIt) {
  const Date next = first_.day.AddDays(1);
  const std::string before = JsonOf(Replayed(next));
  ForgeFirstCheckpoint();
  auto l = Ledger::Open(dir_).value();
  std::string problem;
  auto found = l->FindCheckpoint("US", next, UINT64_MAX, &problem);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_NE(problem.find("checkpoint_seal: the stored checkpoints"), std::string::npos) << problem;
  EXPECT_EQ(JsonOf(StateAsOf(*l, "US", next).value()), before);
  const VerifyReport r = VerifyLedger(*l).value();
  ASSERT_FALSE(r.ok());
  bool seal = false, row = false;
  for (const VerifyProblem& p : r.problems) {
    seal |= p.table == "checkpoint_seal";
    row |= p.table == "checkpoints" && p.row == "party=US occurred=" + first_.day.ToString() &&
           p.message == "the stored state differs from the state replayed from the entries";
  }
  EXPECT_TRUE(seal && row) << r.ToJson().dump(1);
}

// A late notification (a change on a day a checkpoint already covers) makes
// that checkpoint stale: the append drops it in its own transaction, so a
// query right after (before any UpdateCheckpoints) is still right; putting
// the stale row back is refused by the seal and named by verify.
TEST_F(CheckpointStoreTest, AStaleCheckpointIsDroppedByTheAppendAndCannotBePutBack) {
  // A bomber at an air base on the checkpoint's day moves the day before.
  const forces::Declaration at = Replayed(first_.day);
  std::string uid, from, to;
  for (const auto& it : at.items) {
    if (it.kind != treaty::ItemKind::kHeavyBomber || it.facility == forces::kNoIndex) continue;
    uid = it.uid;
    from = at.facilities[static_cast<size_t>(it.facility)].id;
    for (const auto& f : at.facilities) {
      if (f.type == treaty::FacilityType::kAirBase && f.id != from) to = f.id;
    }
    if (!to.empty()) break;
  }
  ASSERT_FALSE(to.empty());
  int64_t serial = 0;
  const std::vector<Notification> entries = ledger_->Entries(0, ledger_->Size().value()).value();
  for (const auto& n : entries) {
    if (n.party == "US") serial = std::max(serial, n.serial);
  }
  const Json draft = {{"format", 1},
                      {"party", "US"},
                      {"serial", serial + 1},
                      {"type", "movement"},
                      {"occurred", first_.day.AddDays(-1).ToString()},
                      {"sent", first_.day.AddDays(30).ToString() + "T00:00:00Z"},
                      {"body", {{"uid", uid}, {"from", from}, {"to", to}}}};
  std::vector<BatchItem> batch = {{SignNotification(draft, SampleKey("US")).value(), "late"}};
  ASSERT_TRUE(ledger_->Append(batch, TestNow()).ok());

  const Date next = first_.day.AddDays(1);
  const std::string now = JsonOf(Replayed(next));
  forces::Declaration stale = DecodeCheckpoint(first_.state, "old").value();
  stale.as_of = first_.day;
  ASSERT_NE(JsonOf(stale), JsonOf(Replayed(first_.day))) << "the late move must matter";
  EXPECT_FALSE(FirstUs().ok() && FirstUs()->day <= first_.day) << "the stale one is dropped";
  EXPECT_EQ(JsonOf(Fast(next)), now);
  EXPECT_TRUE(VerifyLedger(*ledger_).value().ok());

  Sql(dir_, "INSERT INTO checkpoints(party, occurred, idx, digest, state) VALUES('US', '" +
                first_.day.ToString() + "', " + std::to_string(first_.index) + ", '" +
                ToHex(internal::CheckpointDigest("US", first_.day.ToString(), first_.index,
                                                 first_.state)) +
                "', x'" + Hex(first_.state) + "')");
  auto l = Ledger::Open(dir_).value();
  EXPECT_EQ(JsonOf(StateAsOf(*l, "US", next).value()), now);
  const VerifyReport r = VerifyLedger(*l).value();
  EXPECT_FALSE(r.ok());
  // Rebuilding drops the set the seal does not vouch for and seals a fresh one.
  ASSERT_TRUE(UpdateCheckpoints(*l, "US", std::nullopt, testing::kSmallLedgerCheckpointEvery).ok());
  EXPECT_TRUE(VerifyLedger(*l).value().ok());
  EXPECT_EQ(JsonOf(StateAsOf(*l, "US", next).value()), now);
}

// A ledger written before checkpoints and ambiguities were sealed (schema
// version 1) opens: its checkpoints (unsealed, a cache) are dropped, its
// ambiguities sealed as they stand, and it verifies.
TEST_F(CheckpointStoreTest, AVersionOneLedgerIsUpgradedInPlace) {
  const size_t ambiguities = ledger_->Ambiguities().value().size();
  ledger_.reset();
  Sql(dir_,
      "DROP TABLE checkpoints; DROP TABLE checkpoint_seal; DROP TABLE ambiguity_seals; "
      "CREATE TABLE checkpoints(\n  party TEXT NOT NULL, idx INTEGER NOT NULL, occurred TEXT NOT "
      "NULL, state TEXT NOT NULL,\n  PRIMARY KEY(party, idx));"
      "INSERT INTO checkpoints VALUES('US', 1, '2011-03-01', '{}');"
      "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  auto l = Ledger::Open(dir_);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ((*l)->Ambiguities().value().size(), ambiguities);
  EXPECT_FALSE((*l)->NewestCheckpointDay("US").value().has_value());
  const VerifyReport r = VerifyLedger(**l).value();
  EXPECT_TRUE(r.ok()) << r.ToJson().dump(1);
  // Without log.key the upgrade cannot seal; it says so.
  l->reset();
  Sql(dir_, "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  std::filesystem::remove(dir_ + "/" + kLogKeyFile);
  auto ro = Ledger::Open(dir_);
  EXPECT_EQ(ro.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(ro.status().message().find("schema version 1; upgrading it needs log.key"),
            std::string::npos)
      << ro.status().message();
}

}  // namespace
}  // namespace verity::ledger

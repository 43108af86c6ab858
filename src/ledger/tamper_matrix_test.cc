// The tamper matrix (docs/ledger-format.md, "What an edit can do"): every
// column of every table of a real ledger file is edited in turn with the
// SQLite C API, as an operator with write access to the file could. Each
// edit must be caught - opening refuses it, or verify reports a problem in
// the edited table - and an edit of a derived row must not change any answer
// (the states as of every checkpoint's next day, the ambiguities, proofs):
// readers authenticate derived rows or do without them.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <set>

#include "forces/declaration_io.h"
#include "ledger/checkpoint_codec.h"
#include "ledger/proofs.h"
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
using testing::MovementDraft;

// An edit of the database file through the C API.
using Edit = std::function<void(sqlite3*)>;

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (err ? err : "");
  sqlite3_free(err);
}

Edit Sql(std::string sql) {
  return [sql](sqlite3* db) { Exec(db, sql); };
}

// The first US checkpoint's state with one type's max_warheads raised by 1;
// with `digest`, its digest recomputed; with `reseal`, the checkpoint seal
// re-signed with the log key (what only the holder of log.key can do).
Edit RaiseMaxWarheads(bool digest, const SecretKey* reseal) {
  return [=](sqlite3* db) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT occurred, idx, state FROM checkpoints WHERE party = 'US' "
                                 "ORDER BY occurred LIMIT 1",
                                 -1, &st, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    const std::string day = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const int64_t idx = sqlite3_column_int64(st, 1);
    const std::string blob(static_cast<const char*>(sqlite3_column_blob(st, 2)),
                           static_cast<size_t>(sqlite3_column_bytes(st, 2)));
    sqlite3_finalize(st);
    forces::Declaration d = DecodeCheckpoint(blob, "test").value();
    bool raised = false;
    for (auto& t : d.types) {
      if (!raised && t.max_warheads > 0) {
        ++t.max_warheads;
        raised = true;
      }
    }
    ASSERT_TRUE(raised);
    const std::string state = EncodeCheckpoint(std::move(d));
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "UPDATE checkpoints SET state = ? WHERE party = 'US' AND "
                                 "occurred = ?",
                                 -1, &st, nullptr),
              SQLITE_OK);
    sqlite3_bind_blob(st, 1, state.data(), static_cast<int>(state.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, day.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    if (!digest) return;
    const std::string hex = ToHex(internal::CheckpointDigest("US", day, idx, state));
    Exec(db, "UPDATE checkpoints SET digest = '" + hex + "' WHERE party = 'US' AND occurred = '" +
                 day + "'");
    if (reseal == nullptr) return;
    std::string all;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT digest FROM checkpoints ORDER BY party, occurred", -1,
                                 &st, nullptr),
              SQLITE_OK);
    uint64_t count = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      all += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      ++count;
    }
    sqlite3_finalize(st);
    ASSERT_EQ(
        sqlite3_prepare_v2(db, "SELECT tree_size, root FROM checkpoint_seal", -1, &st, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    const auto size = static_cast<uint64_t>(sqlite3_column_int64(st, 0));
    const Hash256 root =
        HashFromHex(reinterpret_cast<const char*>(sqlite3_column_text(st, 1))).value();
    sqlite3_finalize(st);
    const Hash256 list = internal::DigestList(all);
    const Signature sig = SignBytes(*reseal, internal::DigestBytes(internal::CheckpointSealDigest(
                                                 reseal->pub.key_id, size, root, count, list)));
    Exec(db, "UPDATE checkpoint_seal SET list = '" + ToHex(list) + "', signature = '" +
                 ToHex(sig.data(), sig.size()) + "'");
  };
}

struct Case {
  std::string table, column;
  Edit edit;
  bool answers_kept;  // a derived row: no answer may change
};

class TamperMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pristine_ = new std::string(FreshDir("matrix"));
    testing::WriteSmallLedger(*pristine_);
    if (::testing::Test::HasFatalFailure()) return;
    const treaty::Treaty t = treaty::LoadTreaty("new-start").value();
    const forces::Counter counter(t);
    auto l = Ledger::Open(*pristine_).value();
    l->set_ambiguity_finder(MakeAmbiguityFinder(l.get(), &counter));
    // A last batch: a serial gap and movements of unknown bombers, so that
    // there are ambiguities of both kinds.
    const SecretKey us = SampleKey("US");
    int64_t last = 0;
    const std::vector<Notification> entries = l->Entries(0, l->Size().value()).value();
    for (const auto& n : entries) {
      if (n.party == "US") last = std::max(last, n.serial);
    }
    std::vector<BatchItem> batch;
    for (int64_t s = last + 3; s <= last + 5; ++s) {
      Json draft = MovementDraft("US", s);
      draft["occurred"] = "2011-10-0" + std::to_string(s - last - 1);
      draft["sent"] = "2011-10-06T00:00:00Z";
      batch.push_back({SignNotification(draft, us).value(), "extra"});
    }
    ASSERT_TRUE(l->Append(batch, TestNow()).ok());
    ASSERT_TRUE(
        UpdateCheckpoints(*l, "US", std::nullopt, testing::kSmallLedgerCheckpointEvery).ok());
    ASSERT_TRUE(VerifyLedger(*l).value().ok());
    // US: the day after its first checkpoint, and the end; RU (no
    // checkpoints): a day after its exchange, and the end.
    const Date end = Date::FromYmd(2011, 10, 30);
    days_ = new std::map<std::string, std::set<Date>>{{"RU", {Date::FromYmd(2011, 2, 20), end}}};
    ASSERT_TRUE(l->ForEachCheckpoint([&](const StoredCheckpoint& c) {
                   auto& days = (*days_)[c.party];
                   if (days.empty()) days = {c.day.AddDays(1), end};
                   return Status::Ok();
                 }).ok());
    ASSERT_EQ(days_->size(), 2u);
    answers_ = new std::string(Answers(*l));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*pristine_);
    delete pristine_;
    delete answers_;
    delete days_;
  }
  static Timestamp TestNow() { return Timestamp::FromSeconds(1'700'000'000); }

  // Everything a reader can ask, as one text.
  static std::string Answers(const Ledger& l) {
    std::string out = std::to_string(l.Size().value()) + "\n";
    for (const auto& [party, days] : *days_) {
      for (const Date d : days) {
        out += forces::DeclarationToJson(StateAsOf(l, party, d).value()).dump() + "\n";
      }
    }
    const std::vector<Ambiguity> found = l.Ambiguities().value();
    for (const Ambiguity& a : found) out += a.ToJson().dump() + "\n";
    out += MakeInclusionProof(l, 3).value().dump() + "\n";
    out += MakeConsistencyProof(l, l.TreeHeads().value().front().size).value().dump() + "\n";
    return out;
  }

  // Applies `c` to a copy of the pristine ledger and checks it is caught
  // (and, for a derived row, that the answers are those of the pristine).
  void Check(const Case& c) {
    SCOPED_TRACE(c.table + "." + c.column);
    const std::string dir = FreshDir("matrix-case");
    std::filesystem::copy(*pristine_, dir);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir + "/" + kDatabaseFile).c_str(), &db), SQLITE_OK);
    c.edit(db);
    sqlite3_close(db);
    auto l = Ledger::Open(dir);
    if (!l.ok()) {
      EXPECT_EQ(l.status().code(), StatusCode::kDataLoss) << l.status().message();
      EXPECT_NE(l.status().message().find(c.table), std::string::npos) << l.status().message();
      EXPECT_FALSE(c.answers_kept) << "refused on opening: " << l.status().message();
      std::filesystem::remove_all(dir);
      return;
    }
    auto report = VerifyLedger(**l);
    if (!report.ok()) {
      EXPECT_EQ(report.status().code(), StatusCode::kDataLoss);
      EXPECT_NE(report.status().message().find(c.table), std::string::npos)
          << report.status().message();
    } else {
      bool named = false;
      for (const VerifyProblem& p : report->problems) {
        named |= p.table == c.table && (!p.row.empty() || c.table == "checkpoint_seal");
      }
      EXPECT_TRUE(named) << "not named by verify: " << report->ToJson().dump(1);
    }
    // (Compared as a whole: the texts are too long to print.)
    if (c.answers_kept) {
      EXPECT_TRUE(Answers(**l) == *answers_) << "an answer changed";
    }
    l->reset();
    std::filesystem::remove_all(dir);
  }

  static std::vector<Case> Cases();

  static std::string* pristine_;
  static std::string* answers_;
  static std::map<std::string, std::set<Date>>* days_;  // by party: the days compared
};

std::string* TamperMatrixTest::pristine_ = nullptr;
std::string* TamperMatrixTest::answers_ = nullptr;
std::map<std::string, std::set<Date>>* TamperMatrixTest::days_ = nullptr;

std::vector<Case> TamperMatrixTest::Cases() {
  static const SecretKey* log_key =
      new SecretKey(LoadSecretKey(*pristine_ + "/" + kLogKeyFile).value());
  const std::string other_key = PublicKeyToJson(SampleKey("RU").pub).dump();
  const std::string zeros(64, '0');
  const std::string first_head = "(SELECT MIN(size) FROM tree_heads)";
  return {
      {"meta", "key", Sql("UPDATE meta SET key = 'frontier0' WHERE key = 'frontier'"), true},
      {"meta", "value", Sql("UPDATE meta SET value = '[\"" + zeros + "\"]' WHERE key = 'frontier'"),
       true},
      {"meta", "value", Sql("UPDATE meta SET value = '3' WHERE key = 'schema_version'"), false},
      {"meta", "value", Sql("UPDATE meta SET value = 'x' WHERE key = 'log_key'"), false},
      {"meta", "value", Sql("UPDATE meta SET value = '" + other_key + "' WHERE key = 'log_key'"),
       false},
      {"party_keys", "key_id",
       Sql("UPDATE party_keys SET key_id = '0000000000000000' WHERE party = 'US'"), false},
      {"party_keys", "party", Sql("UPDATE party_keys SET party = 'RU' WHERE party = 'US'"), false},
      {"party_keys", "public_key",
       Sql("UPDATE party_keys SET public_key = '" + zeros + "' WHERE party = 'US'"), false},
      {"entries", "idx", Sql("UPDATE entries SET idx = 100000 WHERE idx = 7"), false},
      {"entries", "party", Sql("UPDATE entries SET party = 'XX' WHERE idx = 7"), false},
      {"entries", "serial", Sql("UPDATE entries SET serial = serial + 1 WHERE idx = 7"), false},
      {"entries", "type", Sql("UPDATE entries SET type = 'launch' WHERE idx = 7"), false},
      {"entries", "occurred", Sql("UPDATE entries SET occurred = '2011-01-01' WHERE idx = 7"),
       false},
      {"entries", "sent", Sql("UPDATE entries SET sent = '2011-01-01T00:00:00Z' WHERE idx = 7"),
       false},
      {"entries", "entry",
       Sql("UPDATE entries SET entry = replace(entry, '\"serial\":', '\"serial\": ') WHERE idx = "
           "7"),
       false},
      {"entries", "leaf_hash", Sql("UPDATE entries SET leaf_hash = '" + zeros + "' WHERE idx = 7"),
       false},
      {"entries", "seal", Sql("UPDATE entries SET seal = '" + zeros + "' WHERE idx = 7"), false},
      {"tree_heads", "size",
       Sql("UPDATE tree_heads SET size = size - 1 WHERE size = " + first_head), false},
      {"tree_heads", "root", Sql("UPDATE tree_heads SET root = '" + zeros + "'"), false},
      {"tree_heads", "timestamp", Sql("UPDATE tree_heads SET timestamp = '2030-01-01T00:00:00Z'"),
       false},
      {"tree_heads", "log_key_id", Sql("UPDATE tree_heads SET log_key_id = '0000000000000000'"),
       false},
      {"tree_heads", "signature", Sql("UPDATE tree_heads SET signature = '" + zeros + zeros + "'"),
       false},
      {"ambiguities", "id", Sql("UPDATE ambiguities SET id = 1000 WHERE id = 1"), false},
      {"ambiguities", "idx", Sql("UPDATE ambiguities SET idx = idx + 1 WHERE id = 1"), false},
      {"ambiguities", "party", Sql("UPDATE ambiguities SET party = 'RU' WHERE id = 1"), false},
      {"ambiguities", "kind", Sql("UPDATE ambiguities SET kind = 'late_notification' WHERE id = 1"),
       false},
      {"ambiguities", "occurred",
       Sql("UPDATE ambiguities SET occurred = '2011-01-01' WHERE id = 1"), false},
      {"ambiguities", "message", Sql("UPDATE ambiguities SET message = 'fine' WHERE id = 1"),
       false},
      {"ambiguities", "evidence", Sql("UPDATE ambiguities SET evidence = '{}' WHERE id = 1"),
       false},
      {"ambiguity_seals", "size",
       Sql("UPDATE ambiguity_seals SET size = size + 1 WHERE size = " + first_head), true},
      {"ambiguity_seals", "rows", Sql("UPDATE ambiguity_seals SET rows = '[]'"), true},
      {"ambiguity_seals", "signature",
       Sql("UPDATE ambiguity_seals SET signature = '" + zeros + zeros + "'"), true},
      {"checkpoints", "party",
       Sql("UPDATE checkpoints SET party = 'RU' WHERE party = 'US' AND occurred = (SELECT "
           "MIN(occurred) FROM checkpoints WHERE party = 'US')"),
       true},
      {"checkpoints", "occurred",
       Sql("UPDATE checkpoints SET occurred = date(occurred, '-1 day') WHERE party = 'US'"), true},
      {"checkpoints", "idx", Sql("UPDATE checkpoints SET idx = idx + 1"), true},
      {"checkpoints", "digest", Sql("UPDATE checkpoints SET digest = '" + zeros + "'"), true},
      {"checkpoints", "state", RaiseMaxWarheads(false, nullptr), true},
      {"checkpoints", "state", RaiseMaxWarheads(true, nullptr), true},
      {"checkpoint_seal", "tree_size", Sql("UPDATE checkpoint_seal SET tree_size = 1"), true},
      {"checkpoint_seal", "root", Sql("UPDATE checkpoint_seal SET root = '" + zeros + "'"), true},
      {"checkpoint_seal", "checkpoints",
       Sql("UPDATE checkpoint_seal SET checkpoints = checkpoints + 1"), true},
      {"checkpoint_seal", "list", Sql("UPDATE checkpoint_seal SET list = '" + zeros + "'"), true},
      {"checkpoint_seal", "signature",
       Sql("UPDATE checkpoint_seal SET signature = '" + zeros + zeros + "'"), true},
      // The holder of log.key can re-seal an edited checkpoint; readers then
      // use it, and verify, which replays, names it.
      {"checkpoints", "state", RaiseMaxWarheads(true, log_key), false},
      {"sqlite_schema", "sql", Sql("CREATE TRIGGER t AFTER INSERT ON entries BEGIN SELECT 1; END"),
       false},
      {"sqlite_schema", "sql", Sql("DROP INDEX entries_by_party_serial"), false},
  };
}

TEST_F(TamperMatrixTest, EveryEditOfEveryColumnIsCaught) {
  for (const Case& c : Cases()) Check(c);
}

// The matrix covers every column of every table: a new column needs a row.
TEST_F(TamperMatrixTest, TheMatrixCoversEveryColumn) {
  std::set<std::string> covered;
  for (const Case& c : Cases()) covered.insert(c.table + "." + c.column);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((*pristine_ + "/" + kDatabaseFile).c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db,
                         "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) "
                         "p WHERE m.type = 'table'",
                         -1, &st, nullptr),
      SQLITE_OK);
  int columns = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const std::string name =
        std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + "." +
        reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    EXPECT_TRUE(covered.contains(name)) << name << " has no row in the tamper matrix";
    ++columns;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(columns, 39);
}

}  // namespace
}  // namespace verity::ledger

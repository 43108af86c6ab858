#include "ledger/store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "ledger/batch.h"
#include "ledger/test_util.h"
#include "ledger/verify.h"
#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

using testing::FreshDir;
using testing::SignedMovements;
using testing::TestKey;
using testing::TestNow;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("store");
    const std::vector<PublicKey> keys = {us_.pub, ru_.pub};
    ASSERT_TRUE(Ledger::Init(dir_, keys).ok());
    ledger_ = Ledger::Open(dir_).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  uint64_t Size() { return ledger_->Size().value(); }

  SecretKey us_ = TestKey("US", 1);
  SecretKey ru_ = TestKey("RU", 2);
  std::string dir_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(StoreTest, AppendedBatchGetsASignedTreeHeadOverItsLeaves) {
  auto batch = SignedMovements(us_, 1, 5);
  auto r = ledger_->Append(batch, TestNow());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first_index, 0u);
  EXPECT_EQ(r->head.size, 5u);
  std::vector<Hash256> leaves;
  for (const auto& item : batch) leaves.push_back(tlog::LeafHash(*CanonicalJson(item.json)));
  EXPECT_EQ(r->head.root, tlog::RootOf(leaves));
  EXPECT_TRUE(VerifyTreeHead(r->head, ledger_->log_key()).ok());
  EXPECT_EQ(ledger_->LeafHashes().value(), leaves);
}

TEST_F(StoreTest, BatchWithOneBadSignatureStoresNothing) {
  auto batch = SignedMovements(us_, 1, 4);
  batch[2].json["body"]["to"] = "ELSEWHERE";
  auto r = ledger_->Append(batch, TestNow());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "item 3: signature: does not verify with key " + us_.pub.key_id + " of US");
  EXPECT_EQ(Size(), 0u);
}

TEST_F(StoreTest, UnknownKeyIsRejected) {
  const SecretKey stranger = TestKey("US", 99);
  auto r = ledger_->Append(SignedMovements(stranger, 1, 1), TestNow());
  EXPECT_EQ(r.status().message().rfind("item 1: key_id: unknown key " + stranger.pub.key_id, 0), 0u)
      << r.status().message();
}

TEST_F(StoreTest, KeyOfTheOtherPartyIsRejected) {
  // A notification claiming to be from the US, signed with Russia's key.
  Notification n = ParseNotification(testing::MovementDraft("US", 1), Draft::kUnsigned, "").value();
  SignInPlace(&n, ru_);
  std::vector<BatchItem> batch = {{n.ToJson(), "forged.json"}};
  auto r = ledger_->Append(batch, TestNow());
  EXPECT_EQ(r.status().message(),
            "forged.json: key_id: key " + ru_.pub.key_id + " belongs to RU, not to US");
  EXPECT_EQ(Size(), 0u);
}

// Signatures are verified after the whole batch is parsed; the error
// reported is still the first one met checking item by item (parse, key,
// signature), for Append and AppendParsed alike.
TEST_F(StoreTest, TheFirstBadItemInBatchOrderIsReported) {
  const SecretKey stranger = TestKey("US", 99);
  auto batch = SignedMovements(us_, 1, 6);
  batch[1].json["body"]["to"] = "ELSEWHERE";                // item 2: signature
  batch[2].json = SignedMovements(stranger, 3, 3)[0].json;  // item 3: key
  batch[3].json["serial"] = "four";                         // item 4: parse
  const std::string bad_sig =
      "item 2: signature: does not verify with key " + us_.pub.key_id + " of US";
  EXPECT_EQ(ledger_->Append(batch, TestNow()).status().message(), bad_sig);
  batch[1] = SignedMovements(us_, 2, 2)[0];
  const std::string unknown = "item 3: key_id: unknown key " + stranger.pub.key_id;
  EXPECT_EQ(ledger_->Append(batch, TestNow()).status().message().rfind(unknown, 0), 0u);
  batch[2] = SignedMovements(us_, 3, 3)[0];
  EXPECT_EQ(ledger_->Append(batch, TestNow()).status().message(),
            "item 4: serial: expected an integer, got a string");
  std::vector<Notification> parsed;
  for (const BatchItem& item : SignedMovements(us_, 1, 3)) {
    parsed.push_back(ParseNotification(item.json, Draft::kSigned, "").value());
  }
  parsed[2].key_id = stranger.pub.key_id;
  parsed[1].serial = 7;  // the signature no longer matches
  EXPECT_EQ(ledger_->AppendParsed(parsed, TestNow()).status().message(),
            "notification 2 (US serial 7): signature: does not verify with key " + us_.pub.key_id +
                " of US");
  EXPECT_EQ(Size(), 0u);
}

TEST_F(StoreTest, RepeatedSerialIsRejectedAcrossBatchesAndWithinOne) {
  ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 3), TestNow()).ok());
  auto again = ledger_->Append(SignedMovements(us_, 3, 4), TestNow());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().message(),
            "item 3: serial: 3 repeats or precedes serial 3 already recorded for US");
  auto batch = SignedMovements(us_, 4, 5);
  batch.push_back(batch[0]);
  EXPECT_EQ(ledger_->Append(batch, TestNow()).status().message(),
            "item 4: serial: 4 repeats or precedes serial 5 already recorded for US");
  EXPECT_EQ(Size(), 3u);
}

TEST_F(StoreTest, SerialGapIsStoredAsAnAmbiguity) {
  ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 2), TestNow()).ok());
  auto r = ledger_->Append(SignedMovements(us_, 5, 5), TestNow());
  ASSERT_TRUE(r.ok());
  const auto found = ledger_->Ambiguities().value();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, AmbiguityKind::kSerialGap);
  EXPECT_EQ(found[0].index, 2u);
  EXPECT_EQ(found[0].message, "serial 5 follows 2: 2 notification(s) missing");
}

TEST_F(StoreTest, LastSerialIsThePartysLargestAndZeroWithoutEntries) {
  EXPECT_EQ(ledger_->LastSerial("US").value(), 0);
  ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 3), TestNow()).ok());
  ASSERT_TRUE(ledger_->Append(SignedMovements(ru_, 1, 1), TestNow()).ok());
  ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 7, 7), TestNow()).ok());  // a gap: stored
  EXPECT_EQ(ledger_->LastSerial("US").value(), 7);
  EXPECT_EQ(ledger_->LastSerial("RU").value(), 1);
  EXPECT_EQ(ledger_->LastSerial("FR").value(), 0);
  EXPECT_EQ(ledger_->LastSerial("").value(), 0);
  // A refused batch leaves it as it was; the next serial it names is taken.
  EXPECT_FALSE(ledger_->Append(SignedMovements(us_, 7, 8), TestNow()).ok());
  EXPECT_EQ(ledger_->LastSerial("US").value(), 7);
  EXPECT_TRUE(ledger_->Append(SignedMovements(us_, 8, 8), TestNow()).ok());
  EXPECT_EQ(ledger_->LastSerial("US").value(), 8);
}

TEST_F(StoreTest, MalformedLineIsRejectedWithItsLineNumber) {
  const std::string text = SignedMovements(us_, 1, 1)[0].json.dump() + "\n{\"format\": 1,\n";
  auto r = ParseBatchText(text, "batch.jsonl");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("batch.jsonl: line 2, column", 0), 0u)
      << r.status().message();
}

TEST_F(StoreTest, JsonLinesArrayAndSingleObjectAreAllAccepted) {
  const auto items = SignedMovements(us_, 1, 3);
  std::string lines;
  Json array = Json::array();
  for (const auto& i : items) {
    lines += i.json.dump() + "\n";
    array.push_back(i.json);
  }
  EXPECT_EQ(ParseBatchText(lines, "a.jsonl").value().size(), 3u);
  EXPECT_EQ(ParseBatchText(array.dump(2), "a.json").value().at(1).where, "a.json: [1]");
  EXPECT_EQ(ParseBatchText(items[0].json.dump(2), "one.json").value().size(), 1u);
}

TEST_F(StoreTest, VerifyPassesOnAnUntouchedLedger) {
  ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 10), TestNow()).ok());
  ASSERT_TRUE(ledger_->Append(SignedMovements(ru_, 1, 7), TestNow()).ok());
  auto report = VerifyLedger(*ledger_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->ToJson().dump(2);
  EXPECT_EQ(report->rows, 17u);
  EXPECT_EQ(report->tree_heads, 2u);
  EXPECT_EQ(report->root, ledger_->LatestTreeHead().value().root);
}

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

// The folder, the database and (while a handle is open) its -wal and -shm
// files, and the log key are private to their owner.
TEST_F(StoreTest, TheDataFolderAndEveryFileInItArePrivate) {
  ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 3), TestNow()).ok());
  EXPECT_EQ(ModeOf(dir_), 0700u);
  for (const char* f : {"ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm", "log.key"}) {
    EXPECT_EQ(ModeOf(dir_ + "/" + f), 0600u) << f;
  }
}

TEST_F(StoreTest, ALogKeyOthersCanReadIsRefusedOnOpening) {
  ASSERT_EQ(::chmod((dir_ + "/log.key").c_str(), 0644), 0);
  auto r = Ledger::Open(dir_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(r.status().message().find("log.key: the secret key file is readable by group or "
                                      "others (mode 0644)"),
            std::string::npos)
      << r.status().message();
  ASSERT_EQ(::chmod((dir_ + "/log.key").c_str(), 0600), 0);
  EXPECT_TRUE(Ledger::Open(dir_).ok());
}

TEST_F(StoreTest, WithoutTheLogKeyTheLedgerIsReadOnly) {
  ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 3), TestNow()).ok());
  std::filesystem::remove(dir_ + "/log.key");
  auto l = Ledger::Open(dir_).value();
  EXPECT_TRUE(VerifyLedger(*l).value().ok());
  EXPECT_EQ(l->Append(SignedMovements(us_, 4, 4), TestNow()).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(StoreTest, InitTwiceIsRefused) {
  EXPECT_EQ(Ledger::Init(dir_, {}).code(), StatusCode::kAlreadyExists);
}

TEST_F(StoreTest, OpeningAMissingLedgerSaysHowToCreateIt) {
  auto r = Ledger::Open(dir_ + "/nothing");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(),
            dir_ + "/nothing: no ledger (run 'verity ledger init --data " + dir_ + "/nothing')");
}

}  // namespace
}  // namespace verity::ledger

// Checkpoints as signed notes: the origin, the note of every stored head,
// the stored cosignatures, the published checkpoint, and the upgrade of a
// version-2 ledger.
#include "ledger/checkpoint_note.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "ledger/test_util.h"
#include "ledger/testing/edit_db.h"
#include "ledger/verify.h"
#include "tlog/checkpoint.h"
#include "tlog/cosignature.h"
#include "tlog/encoding.h"

namespace verity::ledger {
namespace {

using testing::EditDb;
using testing::FreshDir;
using testing::SignedMovements;
using testing::TestKey;
using testing::TestNow;

constexpr char kOrigin[] = "verity.example/new-start";


tlog::Signer Witness(const std::string& name, uint8_t seed) {
  tlog::Seed s{};
  s.fill(seed);
  return tlog::Signer::FromSeed(name, tlog::SignatureType::kCosignatureV1, s).value();
}

// The line a witness would send for the checkpoint of `size`.
std::string CosignatureLine(const Ledger& l, const tlog::Signer& w, uint64_t size) {
  const std::string note = CheckpointNote(l, size).value();
  const std::string text = note.substr(0, note.find("\n\n") + 1);
  return tlog::Cosign(w, text, 1'700'000'000).value().Line();
}

class CheckpointNoteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("notes");
    us_ = TestKey("US", 7);
    ASSERT_TRUE(Ledger::Init(dir_, std::vector<PublicKey>{us_.pub}, kOrigin).ok());
    ledger_ = Ledger::Open(dir_).value();
    ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 1, 3), TestNow()).ok());
    ASSERT_TRUE(ledger_->Append(SignedMovements(us_, 4, 5), TestNow()).ok());
  }
  void TearDown() override {
    ledger_.reset();
    std::filesystem::remove_all(dir_);
  }
  tlog::VerifierSet Known(const std::vector<tlog::Signer>& witnesses = {}) const {
    tlog::VerifierSet known;
    EXPECT_TRUE(known.Add(LogNoteVerifier(*ledger_)).ok());
    for (const auto& w : witnesses) EXPECT_TRUE(known.Add(w.verifier()).ok());
    return known;
  }

  std::string dir_;
  SecretKey us_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(CheckpointNoteTest, EveryHeadIsACheckpointSignedByTheLogKey) {
  const std::vector<TreeHead> heads = ledger_->TreeHeads().value();
  ASSERT_EQ(heads.size(), 2u);
  for (const TreeHead& th : heads) {
    const auto note = CheckpointNote(*ledger_, th.size);
    ASSERT_TRUE(note.ok()) << note.status().ToString();
    const auto opened = tlog::OpenCheckpoint(*note, Known());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ(opened->checkpoint.origin, kOrigin);
    EXPECT_EQ(opened->checkpoint.size, th.size);
    EXPECT_EQ(opened->checkpoint.root, th.root);
    EXPECT_TRUE(tlog::SignedByLog(*opened));
  }
  EXPECT_EQ(CheckpointNote(*ledger_, 4).status().code(), StatusCode::kNotFound);
}

// signed-note.md: key ID = SHA-256(name || 0x0A || 0x01 || key)[:4]; the
// vkey is name+hex(ID)+base64(0x01 || key).
TEST_F(CheckpointNoteTest, TheVkeyNamesTheOriginAndTheLogKey) {
  const std::string vkey = LogNoteVerifier(*ledger_).ToString();
  std::string raw(1, '\x01');
  raw.append(reinterpret_cast<const char*>(ledger_->log_key().bytes.data()), 32);
  const Hash256 id = Sha256(std::string(kOrigin) + "\n" + raw);
  EXPECT_EQ(vkey, std::string(kOrigin) + "+" + ToHex(id.data(), 4) + "+" + tlog::Base64Encode(raw));
}

TEST_F(CheckpointNoteTest, ABadOriginIsRefusedAtCreation) {
  for (const std::string origin : std::vector<std::string>{"two words", "a+b", std::string(256, 'a'), "tab\there"}) {
    const Status s = Ledger::Init(FreshDir("bad-origin"), {}, origin);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << origin;
    EXPECT_TRUE(s.message().starts_with("origin: ")) << s.message();
  }
}

TEST_F(CheckpointNoteTest, TheDefaultOriginCarriesTheLogKeyId) {
  const std::string dir = FreshDir("default-origin");
  ASSERT_TRUE(Ledger::Init(dir, {}).ok());
  auto l = Ledger::Open(dir).value();
  EXPECT_EQ(l->origin(), "verity.invalid/ledger/" + l->log_key().key_id);
  l.reset();
  std::filesystem::remove_all(dir);
}

TEST_F(CheckpointNoteTest, CosignaturesArePublishedOncePerWitnessKey) {
  const tlog::Signer us = Witness("witness.us.example", 1), ru = Witness("witness.ru.example", 2);
  ASSERT_TRUE(AddCosignatures(*ledger_, 5, {CosignatureLine(*ledger_, ru, 5)}).ok());
  // Again, with the US line: RU's line is replaced, not duplicated.
  const std::vector<std::string> lines = {CosignatureLine(*ledger_, us, 5),
                                          CosignatureLine(*ledger_, ru, 5)};
  ASSERT_TRUE(AddCosignatures(*ledger_, 5, lines).ok());
  EXPECT_EQ(ledger_->CosignatureLines(5).value().size(), 2u);
  const std::string published = PublishedCheckpoint(*ledger_).value();
  EXPECT_TRUE(published.starts_with(CheckpointNote(*ledger_, 5).value()));
  const auto opened = tlog::OpenCheckpoint(published, Known({us, ru}));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->note.verified.size(), 3u);
  EXPECT_TRUE(VerifyLedger(*ledger_).value().ok());
}

TEST_F(CheckpointNoteTest, ACosignatureThatDoesNotVerifyIsCaughtByItsReader) {
  const tlog::Signer us = Witness("witness.us.example", 1);
  // A line of the US witness's key over another checkpoint (size 3).
  ASSERT_TRUE(AddCosignatures(*ledger_, 5, {CosignatureLine(*ledger_, us, 3)}).ok());
  const auto opened = tlog::OpenCheckpoint(PublishedCheckpoint(*ledger_).value(), Known({us}));
  EXPECT_EQ(opened.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(CheckpointNoteTest, MalformedOrMisplacedCosignaturesStoreNothing) {
  const tlog::Signer us = Witness("witness.us.example", 1);
  const std::string good = CosignatureLine(*ledger_, us, 5);
  Status s = AddCosignatures(*ledger_, 5, {good, "— witness.ru.example !!!"});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(s.message().starts_with("cosignature 2: ")) << s.message();
  const std::string log_line = CheckpointNote(*ledger_, 5).value().substr(
      CheckpointNote(*ledger_, 5).value().find("\n\n") + 2);
  s = AddCosignatures(*ledger_, 5, {log_line});
  EXPECT_EQ(s.message(), "cosignature 1: the line is of the log's own key, not a witness's");
  s = AddCosignatures(*ledger_, 4, {good});
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "no tree head of size 4 was signed");
  std::vector<std::string> many;
  for (int i = 0; i < 64; ++i) {
    many.push_back(CosignatureLine(*ledger_, Witness("w" + std::to_string(i), uint8_t(i)), 5));
  }
  s = AddCosignatures(*ledger_, 5, many);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("more than 63; nothing was stored"), std::string::npos)
      << s.message();
  EXPECT_TRUE(ledger_->CosignatureLines(5).value().empty());
}

TEST_F(CheckpointNoteTest, AnEditedOriginFailsEveryNoteSignature) {
  ledger_.reset();
  EditDb(dir_, "UPDATE meta SET value = 'evil.example/log' WHERE key = 'origin'");
  auto l = Ledger::Open(dir_).value();
  const VerifyReport r = VerifyLedger(*l).value();
  ASSERT_EQ(r.problems.size(), 2u) << r.ToJson().dump(1);
  for (const VerifyProblem& p : r.problems) {
    EXPECT_EQ(p.table, "checkpoint_notes");
    EXPECT_EQ(p.message,
              "the checkpoint note signature does not verify with the log key under origin "
              "'evil.example/log'");
  }
}

TEST_F(CheckpointNoteTest, AnOriginThatCannotBeOneIsRefusedOnOpening) {
  ledger_.reset();
  EditDb(dir_, "UPDATE meta SET value = 'a b' WHERE key = 'origin'");
  const auto l = Ledger::Open(dir_);
  EXPECT_EQ(l.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(l.status().message().find("meta 'origin': origin: "), std::string::npos)
      << l.status().message();
}

// A version-2 ledger (no origin, no notes) gets the default origin and a
// note for every head; its JSON heads stay as they were.
TEST_F(CheckpointNoteTest, AVersionTwoLedgerIsUpgradedInPlace) {
  const std::vector<TreeHead> heads = ledger_->TreeHeads().value();
  const std::string key_id = ledger_->log_key().key_id;
  ledger_.reset();
  EditDb(dir_,
      "DROP TABLE checkpoint_notes; DROP TABLE cosignatures; DELETE FROM meta WHERE key = "
      "'origin'; UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  auto l = Ledger::Open(dir_);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ((*l)->origin(), "verity.invalid/ledger/" + key_id);
  const VerifyReport r = VerifyLedger(**l).value();
  EXPECT_TRUE(r.ok()) << r.ToJson().dump(1);
  ASSERT_EQ((*l)->TreeHeads().value().size(), heads.size());
  for (const TreeHead& th : heads) {
    EXPECT_EQ((*l)->TreeHeadOfSize(th.size).value()->ToJson(), th.ToJson());
    EXPECT_TRUE(CheckpointNote(**l, th.size).ok());
  }
  l->reset();
  EditDb(dir_, "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  std::filesystem::remove(dir_ + "/" + kLogKeyFile);
  EXPECT_EQ(Ledger::Open(dir_).status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace verity::ledger

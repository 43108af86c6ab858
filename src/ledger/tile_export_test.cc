// Tiles: leaf formats, ExportTiles (incremental) and the mirror check from
// the tiles alone, on a ledger holding the sample's full data exchanges
// (above 65,535 bytes, so their leaves are records) and bomber movements.
#include "ledger/tile_export.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/file_io.h"
#include "ledger/archive.h"
#include "ledger/checkpoint_note.h"
#include "ledger/leaf.h"
#include "ledger/mirror.h"
#include "ledger/mirror_sync.h"
#include "ledger/test_util.h"
#include "ledger/testing/edit_db.h"
#include "ledger/testing/small_ledger.h"
#include "ledger/verify.h"
#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

namespace fs = std::filesystem;
using testing::FreshDir;

const Timestamp kNow = Timestamp::FromSeconds(1'700'000'000);

std::vector<Notification> FullExchanges() {
  const treaty::Treaty t = treaty::LoadTreaty("new-start").value();
  const forces::Counter counter(t);
  const Date start = Date::FromYmd(2011, 2, 5);
  return SampleNotifications(counter, start, start).value();
}

// A ledger with both exchanges, then `moves` movements.
void WriteLedger(const std::string& dir, int moves, bool format1 = false) {
  const std::vector<PublicKey> keys = {SampleKey("US").pub, SampleKey("RU").pub};
  ASSERT_TRUE(Ledger::Init(dir, keys).ok());
  if (format1) testing::EditDb(dir, "UPDATE meta SET value = '1' WHERE key = 'leaf_format'");
  auto l = Ledger::Open(dir).value();
  ASSERT_TRUE(l->AppendParsed(FullExchanges(), kNow).ok());
  if (moves > 0) {
    ASSERT_TRUE(l->Append(testing::BomberMoves(*l, moves, 2), kNow).ok());
  }
}

void Corrupt(const std::string& file, size_t at) {
  std::string bytes = ReadFile(file, size_t{1} << 24).value();
  bytes[at] ^= 1;
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

class TileExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = FreshDir("tiles-data");
    out_ = FreshDir("tiles-out");
    WriteLedger(data_, 300);
    ledger_ = Ledger::Open(data_).value();
  }
  void TearDown() override {
    ledger_.reset();
    fs::remove_all(data_);
    fs::remove_all(out_);
  }
  static MirrorTrust TrustOf(const tlog::Verifier& log) {
    MirrorTrust t;
    t.policy = tlog::ParsePolicy("log " + log.ToString() + "\nquorum none\n").value();
    return t;
  }
  MirrorTrust Trust() const { return TrustOf(LogNoteVerifier(*ledger_)); }
  StatusOr<MirrorReport> Check(const MirrorTrust& t) {
    DirectoryMirror m(out_);
    return VerifyMirror(m, t);
  }

  std::string data_, out_;
  std::unique_ptr<Ledger> ledger_;
};

TEST(LeafTest, SmallEntriesAreTheirOwnLeavesAndLargeOnesTheirRecords) {
  const std::string small(kMaxInlineEntryBytes, '{');
  const std::string large(kMaxInlineEntryBytes + 1, '{');
  EXPECT_EQ(LeafHashOf(small, LeafFormat::kRecord), tlog::LeafHash(small));
  EXPECT_EQ(LeafHashOf(large, LeafFormat::kEntry), tlog::LeafHash(large));
  const std::string record = LeafRecord(large);
  ASSERT_EQ(record.size(), 41u);
  EXPECT_EQ(record.substr(0, 9), std::string("\x01\0\0\0\0\0\x01\0\0", 9));
  const Hash256 h = Sha256(large);
  EXPECT_EQ(record.substr(9), std::string(h.begin(), h.end()));
  EXPECT_EQ(LeafHashOf(large, LeafFormat::kRecord), tlog::LeafHash(record));
  EXPECT_TRUE(IsLeafRecord(record));
  EXPECT_FALSE(IsLeafRecord(small.substr(0, 41)));
  EXPECT_TRUE(CheckRecord(record, large).ok());
  EXPECT_EQ(CheckRecord(record, large + " ").code(), StatusCode::kDataLoss);
}

TEST_F(TileExportTest, TheSampleExchangesAreRecordsAndTheMirrorChecks) {
  const auto r = ExportTiles(*ledger_, out_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size, 302u);
  EXPECT_TRUE(fs::exists(out_ + "/tile/0/000"));
  EXPECT_TRUE(fs::exists(out_ + "/tile/0/001.p/46"));
  EXPECT_TRUE(fs::exists(out_ + "/tile/entries/001.p/46"));
  EXPECT_TRUE(fs::exists(out_ + "/verity/entries/000"));
  EXPECT_TRUE(fs::exists(out_ + "/verity/entries/001"));
  EXPECT_EQ(ReadFile(out_ + "/checkpoint").value(), PublishedCheckpoint(*ledger_).value());
  const auto report = Check(Trust());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problems.front();
  EXPECT_EQ(report->entries, 302u);
  EXPECT_EQ(report->recorded, 2u);
  EXPECT_EQ(report->root, ledger_->LatestTreeHead().value().root);
  EXPECT_FALSE(report->party_keys_pinned);
}

// A second export writes only what is new, and gives the same tree as one
// export of everything; the partial tiles a full one replaced are gone.
TEST_F(TileExportTest, ExportIsIncremental) {
  const std::string once = FreshDir("tiles-once");
  ledger_.reset();
  fs::remove_all(data_);
  WriteLedger(data_, 200);
  ledger_ = Ledger::Open(data_).value();
  ASSERT_TRUE(ExportTiles(*ledger_, out_).ok());
  EXPECT_TRUE(fs::exists(out_ + "/tile/0/000.p/202"));
  ASSERT_TRUE(ledger_->Append(testing::BomberMoves(*ledger_, 100, 202), kNow).ok());
  const auto r = ExportTiles(*ledger_, out_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->from_size, 202u);
  // tile/0/000, tile/entries/000, and the partials of 302: levels 0, 1 and the bundle.
  EXPECT_EQ(r->files, 5u);
  EXPECT_FALSE(fs::exists(out_ + "/tile/0/000.p"));
  EXPECT_FALSE(fs::exists(out_ + "/tile/entries/000.p"));
  ASSERT_TRUE(ExportTiles(*ledger_, once).ok());
  for (const auto& f : fs::recursive_directory_iterator(once)) {
    if (!f.is_regular_file()) continue;
    const std::string rel = fs::relative(f.path(), once).string();
    EXPECT_EQ(ReadFile(out_ + "/" + rel, size_t{1} << 24).value(),
              ReadFile(f.path().string(), size_t{1} << 24).value())
        << rel;
  }
  EXPECT_EQ(ExportTiles(*ledger_, out_).value().files, 0u);  // nothing new
  fs::remove_all(once);
}

TEST_F(TileExportTest, AnotherLogsExportIsNotResumed) {
  const std::string other = FreshDir("tiles-other");
  ASSERT_TRUE(Ledger::Init(other, std::vector<PublicKey>{SampleKey("US").pub}).ok());
  auto l = Ledger::Open(other).value();
  ASSERT_TRUE(l->Append(testing::SignedMovements(SampleKey("US"), 1, 2), kNow).ok());
  ASSERT_TRUE(ExportTiles(*l, out_).ok());
  const auto r = ExportTiles(*ledger_, out_);
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("/checkpoint: not a checkpoint of this log"),
            std::string::npos)
      << r.status().message();
  l.reset();
  fs::remove_all(other);
}

// A ledger of leaf format 1 stays verifiable; its tiles need a new ledger.
TEST_F(TileExportTest, AFormatOneLedgerWithALargeEntryIsRefusedWithGuidance) {
  const std::string old = FreshDir("tiles-format1");
  WriteLedger(old, 3, true);
  auto l = Ledger::Open(old).value();
  EXPECT_EQ(l->leaf_format(), LeafFormat::kEntry);
  EXPECT_TRUE(VerifyLedger(*l).value().ok());
  const auto r = ExportTiles(*l, out_);
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("export the ledger ('verity ledger export'), import it"),
            std::string::npos)
      << r.status().message();
  // The advice works: export, import, export the tiles.
  std::ostringstream text;
  ASSERT_TRUE(ExportLedger(*l, text).ok());
  const std::string fresh = FreshDir("tiles-reimported");
  const auto imported = ImportLedger(fresh, text.str(), "export", kNow);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  auto n = Ledger::Open(fresh).value();
  EXPECT_EQ(n->leaf_format(), LeafFormat::kRecord);
  EXPECT_TRUE(ExportTiles(*n, out_).ok());
  l.reset();
  n.reset();
  fs::remove_all(old);
  fs::remove_all(fresh);
}

TEST_F(TileExportTest, HostileMirrorsAreRefusedWithSpecificErrors) {
  ASSERT_TRUE(ExportTiles(*ledger_, out_).ok());
  const fs::path o(out_);
  {  // A bit flipped in a full tile.
    Corrupt(out_ + "/tile/0/000", 100);
    const auto r = Check(Trust());
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(r.status().message().find("tile/0/000"), std::string::npos) << r.status().message();
    Corrupt(out_ + "/tile/0/000", 100);
  }
  {  // A partial tile of the wrong width.
    fs::resize_file(o / "tile/0/001.p/46", 45 * 32);
    const auto r = Check(Trust());
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << r.status().ToString();
    EXPECT_NE(r.status().message().find("tile/0/001.p/46"), std::string::npos)
        << r.status().message();
  }
  fs::remove_all(out_);
  ASSERT_TRUE(ExportTiles(*ledger_, out_).ok());
  {  // An oversized file is not read past its limit.
    std::ofstream(out_ + "/verity/entries/000", std::ios::app) << std::string(33 << 20, ' ');
    const auto r = Check(Trust());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->problem_count, 1u);
    EXPECT_NE(r->problems[0].find("entry 0: mirror: "), std::string::npos) << r->problems[0];
    EXPECT_NE(r->problems[0].find("more than the limit"), std::string::npos) << r->problems[0];
  }
  {  // A recorded entry that is not its record's.
    std::string e = ReadFile(out_ + "/verity/entries/001", size_t{1} << 24).value();
    e[e.size() / 2] = e[e.size() / 2] == 'a' ? 'b' : 'a';
    std::ofstream(out_ + "/verity/entries/001", std::ios::trunc) << e;
    const auto r = Check(Trust());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->problem_count, 2u);  // entry 0 (above) and entry 1: one never hides the other
    EXPECT_NE(r->problems.back().find("entry 1: the entry"), std::string::npos)
        << r->problems.back();
  }
}

TEST_F(TileExportTest, TheCheckpointMustBeTheTrustedLogs) {
  ASSERT_TRUE(ExportTiles(*ledger_, out_).ok());
  tlog::Seed seed{};
  const MirrorTrust other =
      TrustOf(tlog::Signer::FromSeed(ledger_->origin(), tlog::SignatureType::kEd25519, seed)
                  .value()
                  .verifier());
  EXPECT_EQ(Check(other).status().code(), StatusCode::kPermissionDenied);
  std::string note = ReadFile(out_ + "/checkpoint").value();
  note[note.find('\n') + 1] = '9';  // another size under the same signature
  std::ofstream(out_ + "/checkpoint", std::ios::trunc) << note;
  EXPECT_EQ(Check(Trust()).status().code(), StatusCode::kPermissionDenied);
}

// Pinned party keys: an entry whose key is not pinned, or pinned for
// another party, fails; the others still check.
TEST_F(TileExportTest, EveryEntryIsCheckedAgainstThePartyKeys) {
  ASSERT_TRUE(ExportTiles(*ledger_, out_).ok());
  MirrorTrust t = Trust();
  t.party_keys = {SampleKey("US").pub};
  auto r = Check(t);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->party_keys_pinned);
  ASSERT_EQ(r->problem_count, 1u);  // the RU exchange
  EXPECT_NE(r->problems[0].find("key_id: no party key"), std::string::npos) << r->problems[0];
  PublicKey ru_as_us = SampleKey("RU").pub;
  ru_as_us.party = "US";
  t.party_keys = {SampleKey("US").pub, ru_as_us};
  r = Check(t);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problem_count, 1u);
  EXPECT_NE(r->problems[0].find("is US's, not RU's"), std::string::npos) << r->problems[0];
}

// mirror sync: a copy checked tile by tile, incremental, and nothing kept
// from a remote that does not fit its checkpoint or forks the local tree.
TEST_F(TileExportTest, SyncCopiesOnlyCheckedTiles) {
  const std::string mirror = FreshDir("tiles-mirror");
  ledger_.reset();
  fs::remove_all(data_);
  WriteLedger(data_, 200);
  ledger_ = Ledger::Open(data_).value();
  ASSERT_TRUE(ExportTiles(*ledger_, out_).ok());
  DirectoryMirror remote(out_);
  auto r = SyncMirror(remote, mirror, Trust().policy);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size, 202u);
  ASSERT_TRUE(ledger_->Append(testing::BomberMoves(*ledger_, 100, 202), kNow).ok());
  ASSERT_TRUE(ExportTiles(*ledger_, out_).ok());
  const std::string before = ReadFile(mirror + "/checkpoint").value();
  Corrupt(out_ + "/tile/entries/000", 5000);
  r = SyncMirror(remote, mirror, Trust().policy);
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("tile/entries/000: entry"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(ReadFile(mirror + "/checkpoint").value(), before);
  Corrupt(out_ + "/tile/entries/000", 5000);
  r = SyncMirror(remote, mirror, Trust().policy);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->from_size, 202u);
  DirectoryMirror copy(mirror);
  const auto checked = VerifyMirror(copy, Trust());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_TRUE(checked->ok());
  EXPECT_EQ(checked->entries, 302u);
  // Another history of the same log (same key and origin): refused.
  const std::string fork = FreshDir("tiles-fork");
  fs::copy(data_, fork, fs::copy_options::recursive);
  fs::remove_all(out_);
  testing::EditDb(fork,
                  "DELETE FROM entries WHERE idx >= 202; DELETE FROM tree_heads WHERE "
                  "size > 202; DELETE FROM checkpoint_notes WHERE size > 202");
  auto f = Ledger::Open(fork).value();
  ASSERT_TRUE(f->Append(testing::BomberMoves(*f, 120, 203), kNow).ok());  // other serials
  ASSERT_TRUE(ExportTiles(*f, out_).ok());
  r = SyncMirror(remote, mirror, Trust().policy);
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("does not extend the local tree of size 302"),
            std::string::npos)
      << r.status().message();
  f.reset();
  fs::remove_all(fork);
  fs::remove_all(mirror);
}

}  // namespace
}  // namespace verity::ledger

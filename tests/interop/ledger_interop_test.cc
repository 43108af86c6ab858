// Interoperability of the ledger's own output: the sample ledger's
// checkpoint note and its tiles (`verity ledger export-tiles`), with leaf
// records for the data exchanges above 65,535 bytes, checked by the Go
// team's golang.org/x/mod/sumdb/note and sumdb/tlog (tests/interop/
// tlogcheck): the log's note signature, a witness's cosignature, the root
// from the tiles (TileHashReader) and from the entry bundles, every tile,
// and inclusion and consistency proofs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/file_io.h"
#include "ledger/checkpoint_note.h"
#include "ledger/leaf.h"
#include "ledger/proofs.h"
#include "ledger/replay.h"
#include "ledger/sample.h"
#include "ledger/tile_export.h"
#include "run_command.h"
#include "tlog/cosignature.h"
#include "tlog/encoding.h"
#include "tlog/tiles.h"

namespace verity::ledger {
namespace {

const std::string kChecker = std::string(VERITY_BINARY_DIR) + "/bin/tlogcheck";

std::string TempDir(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("verity-" + name + "-" + std::to_string(::getpid())))
      .string();
}

// The checker's exit code and output on `dir`.
std::pair<int, std::string> RunChecker(const std::string& dir) {
  return interop::RunCommand(kChecker + " " + dir);
}

std::string Base64Hashes(const Json& hex) {
  std::string out;
  for (const Json& h : hex)
    out += " " + tlog::Base64Encode(HashFromHex(h.get<std::string>()).value());
  return out;
}

class LedgerInteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = TempDir("interop-ledger");
    out_ = TempDir("interop-tiles");
    std::filesystem::remove_all(data_);
    std::filesystem::remove_all(out_);
    // Through 2011: the first exchanges (records) and more than 256 entries.
    ASSERT_TRUE(WriteSample(data_, Date::FromYmd(2011, 2, 5), Date::FromYmd(2011, 12, 31),
                            "new-start", MakeAmbiguityFinder)
                    .ok());
    l_ = Ledger::Open(data_).value();
    const uint64_t size = l_->Size().value();
    ASSERT_GT(size, 256u);
    tlog::Seed seed{};
    seed.fill(4);
    const auto witness =
        tlog::Signer::FromSeed("witness.example", tlog::SignatureType::kCosignatureV1, seed)
            .value();
    const std::string note = CheckpointNote(*l_, size).value();
    const auto line = tlog::Cosign(witness, note.substr(0, note.find("\n\n") + 1), 1'700'000'000);
    ASSERT_TRUE(AddCosignatures(*l_, size, {line.value().Line()}).ok());
    ASSERT_TRUE(ExportTiles(*l_, out_).ok());
    std::ofstream(out_ + "/log.vkey") << LogNoteVerifier(*l_).ToString() << "\n";
    std::ofstream(out_ + "/witness.vkey") << witness.verifier().ToString() << "\n";
    // The first data exchange: a record in its bundle (its entry beside the tiles).
    const std::string bundle = ReadFile(out_ + "/tile/entries/000", size_t{1} << 24).value();
    const auto items = tlog::ParseEntryBundle(bundle, tlog::kTileWidth).value();
    for (size_t i = 0; i < items.size() && recorded_ == 0; ++i) {
      if (IsLeafRecord(items[i])) recorded_ = i;
    }
    ASSERT_GT(recorded_, 0u);
    std::ofstream proofs(out_ + "/proofs.txt");
    for (const uint64_t i : {uint64_t{0}, recorded_, uint64_t{200}, size - 1}) {
      const Json p = MakeInclusionProof(*l_, i).value();
      proofs << "inclusion " << i << Base64Hashes(p.at("proof")) << "\n";
    }
    const uint64_t first = l_->TreeHeads().value().front().size;
    const Json c = MakeConsistencyProof(*l_, first).value();
    proofs << "consistency " << first << " "
           << tlog::Base64Encode(HashFromHex(c.at("root_from").get<std::string>()).value())
           << Base64Hashes(c.at("proof")) << "\n";
  }
  void TearDown() override {
    l_.reset();
    std::filesystem::remove_all(data_);
    std::filesystem::remove_all(out_);
  }

  std::string data_, out_;
  std::unique_ptr<Ledger> l_;
  uint64_t recorded_ = 0;
};

TEST_F(LedgerInteropTest, GoChecksTheSampleLedgersNoteTilesAndProofs) {
  const auto [rc, out] = RunChecker(out_);
  EXPECT_EQ(rc, 0) << out;
  for (const std::string& line : std::vector<std::string>{
           "note signature ok (" + l_->origin(), "cosignature ok (witness.example",
           "root from tiles ok", "root from entries ok", "inclusion proofs ok (4)",
           "consistency proofs ok (1)"}) {
    EXPECT_NE(out.find(line), std::string::npos) << line << "\n" << out;
  }
  // Go's leaf hash of the record (the inclusion proof above) is the ledger's.
  EXPECT_EQ(LeafHashOf(ReadFile(out_ + "/" + RecordedEntryPath(recorded_), size_t{1} << 25).value(),
                       LeafFormat::kRecord),
            l_->LeafHashAt(recorded_).value());
}

TEST_F(LedgerInteropTest, GoRefusesADamagedBundleOrAnotherLogKey) {
  std::string bundle = ReadFile(out_ + "/tile/entries/000", size_t{1} << 24).value();
  bundle[20] ^= 1;  // inside entry 0's record
  std::ofstream(out_ + "/tile/entries/000", std::ios::trunc | std::ios::binary) << bundle;
  auto [rc, out] = RunChecker(out_);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("tlogcheck: "), std::string::npos) << out;
  tlog::Seed seed{};
  const auto other =
      tlog::Signer::FromSeed(l_->origin(), tlog::SignatureType::kEd25519, seed).value();
  std::ofstream(out_ + "/log.vkey", std::ios::trunc) << other.verifier().ToString() << "\n";
  std::tie(rc, out) = RunChecker(out_);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("tlogcheck: checkpoint note: "), std::string::npos) << out;
}

}  // namespace
}  // namespace verity::ledger

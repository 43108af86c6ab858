// Verity's tiled log checked by an independent implementation: the Go
// team's golang.org/x/mod/sumdb/note and sumdb/tlog (tests/interop/
// tlogcheck, built by CMake from Debian's golang-golang-x-mod-dev). The
// test writes a log of 70,000 entries (the tlog-tiles example's size) as
// C2SP tiles with a signed and cosigned checkpoint and proofs built from the
// tiles, runs the checker, then damages the output and expects it to fail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/file_io.h"
#include "run_command.h"
#include "tlog/checkpoint.h"
#include "tlog/cosignature.h"
#include "tlog/encoding.h"
#include "tlog/merkle.h"
#include "tlog/tile_builder.h"
#include "tlog/tiled_tree.h"

namespace verity::tlog {
namespace {

constexpr uint64_t kSize = 70000;
constexpr uint64_t kFirstExport = 40000;  // exported in two steps, as a log grows
constexpr std::string_view kOrigin = "verity.example/interop";

// One folder per test process: CTest runs the tests in parallel.
const std::string kDir =
    std::string(VERITY_BINARY_DIR) + "/tlog-interop-" + std::to_string(getpid());
const std::string kChecker = std::string(VERITY_BINARY_DIR) + "/bin/tlogcheck";

// Entries of varied sizes: empty, the largest a bundle holds, and text.
std::string Entry(uint64_t i) {
  if (i == 7) return "";
  if (i == 300) return std::string(kMaxEntryBytes, 'L');
  return "entry " + std::to_string(i) + std::string(i % 97, '.');
}

Signer Key(std::string_view name, SignatureType type, uint8_t fill) {
  Seed seed;
  seed.fill(fill);
  return std::move(Signer::FromSeed(name, type, seed)).value();
}

void Write(const std::vector<TileData>& tiles) {
  for (const TileData& t : tiles) {
    const std::string path = kDir + "/" + TilePath(t.id);
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    ASSERT_TRUE(WriteFileAtomic(path, t.bytes).ok()) << path;
  }
}

std::string Line(const std::string& kind, uint64_t at, const std::vector<Hash256>& hashes,
                 const Hash256* old_root = nullptr) {
  std::string line = kind + " " + std::to_string(at);
  if (old_root) line += " " + Base64Encode(*old_root);
  for (const Hash256& h : hashes) line += " " + Base64Encode(h);
  return line + "\n";
}

// The checker's exit code and output on kDir.
std::pair<int, std::string> RunChecker() { return interop::RunCommand(kChecker + " " + kDir); }

class GoInteropTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::remove_all(kDir);
    std::vector<Hash256> leaves;
    TileBuilder first;
    for (uint64_t i = 0; i < kFirstExport; ++i) {
      ASSERT_TRUE(first.Append(Entry(i)).ok());
      leaves.push_back(LeafHash(Entry(i)));
    }
    Write(first.TakeFull());
    Write(first.Partial());
    // The second export resumes from what the first wrote.
    DirectoryTileReader reader(kDir);
    auto next = TileBuilder::Resume(reader, kFirstExport, first.Root());
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    for (uint64_t i = kFirstExport; i < kSize; ++i) {
      ASSERT_TRUE(next->Append(Entry(i)).ok());
      leaves.push_back(LeafHash(Entry(i)));
    }
    Write(next->TakeFull());
    Write(next->Partial());

    const Signer log = Key(kOrigin, SignatureType::kEd25519, 21);
    const Signer witness = Key("witness.example/us", SignatureType::kCosignatureV1, 22);
    const std::string text =
        *FormatCheckpoint(Checkpoint{std::string(kOrigin), kSize, next->Root(), {}});
    const std::string note =
        FormatNote(Note{text, {*SignText(log, text), *Cosign(witness, text, 1764547200)}});
    ASSERT_TRUE(WriteFileAtomic(kDir + "/checkpoint", note).ok());
    ASSERT_TRUE(WriteFileAtomic(kDir + "/log.vkey", log.verifier().ToString() + "\n").ok());
    ASSERT_TRUE(WriteFileAtomic(kDir + "/witness.vkey", witness.verifier().ToString() + "\n").ok());

    // Proofs from the tiles, as a mirror's client would build them.
    auto tree = TiledTree::Open(reader, kSize, next->Root());
    ASSERT_TRUE(tree.ok()) << tree.status().ToString();
    std::string proofs;
    for (uint64_t i : {0u, 7u, 255u, 256u, 300u, 39999u, 40000u, 65535u, 65536u, 69999u}) {
      proofs += Line("inclusion", i, *tree->InclusionProof(i));
    }
    for (uint64_t m : {1u, 256u, 1000u, 40000u, 65536u, 69999u}) {
      const Hash256 old_root = RootOf(std::span<const Hash256>(leaves).subspan(0, m));
      proofs += Line("consistency", m, *tree->ConsistencyProof(m), &old_root);
    }
    ASSERT_TRUE(WriteFileAtomic(kDir + "/proofs.txt", proofs).ok());
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(kDir); }
};

TEST_F(GoInteropTest, GoChecksTheNoteTilesEntriesAndProofs) {
  ASSERT_TRUE(std::filesystem::exists(kChecker))
      << kChecker << " is missing: install golang-go and golang-golang-x-mod-dev "
      << "(scripts/install-deps) and reconfigure";
  const auto [rc, out] = RunChecker();
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("note signature ok (verity.example/interop, size 70000)"), std::string::npos)
      << out;
  EXPECT_NE(out.find("cosignature ok (witness.example/us, time 1764547200)"), std::string::npos)
      << out;
  EXPECT_NE(out.find("root from tiles ok"), std::string::npos) << out;
  EXPECT_NE(out.find("entries read (70000)"), std::string::npos) << out;
  EXPECT_NE(out.find("root from entries ok"), std::string::npos) << out;
  EXPECT_NE(out.find("tiles ok (277)"), std::string::npos) << out;
  EXPECT_NE(out.find("inclusion proofs ok (10)"), std::string::npos) << out;
  EXPECT_NE(out.find("consistency proofs ok (6)"), std::string::npos) << out;
}

// Each damage is undone afterwards, so the tests are independent.
class Damage {
 public:
  Damage(const std::string& rel, size_t offset) : path_(kDir + "/" + rel) {
    original_ = *ReadFile(path_);
    std::string bad = original_;
    bad[offset] ^= 1;
    EXPECT_TRUE(WriteFileAtomic(path_, bad).ok());
  }
  ~Damage() { EXPECT_TRUE(WriteFileAtomic(path_, original_).ok()); }

 private:
  std::string path_, original_;
};

// Damages one byte of `file` and expects the checker to fail saying `why`.
void ExpectRefused(const std::string& file, size_t offset, const std::string& why) {
  ASSERT_TRUE(std::filesystem::exists(kChecker));
  Damage d(file, offset);
  const auto [rc, out] = RunChecker();
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("tlogcheck: " + why), std::string::npos) << out;
}

TEST_F(GoInteropTest, GoRefusesADamagedTile) {
  ExpectRefused("tile/0/100", 100, "tile/0/100 differs from the tile computed from the entries");
}

TEST_F(GoInteropTest, GoRefusesADamagedEntry) {
  ExpectRefused("tile/entries/001", 10,
                "the root computed from the entries differs from the checkpoint's");
}

TEST_F(GoInteropTest, GoRefusesAForgedCosignature) {
  // A byte inside the last signature line, the witness's.
  ExpectRefused("checkpoint", ReadFile(kDir + "/checkpoint")->size() - 10,
                "the cosignature of witness.example/us does not verify");
}

}  // namespace
}  // namespace verity::tlog

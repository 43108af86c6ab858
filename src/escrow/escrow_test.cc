// The escrow's byte layouts against vectors from an independent
// implementation (docs/escrow.md gives the same vectors and the Python that
// made them), the draw's uniformity, stage specs, beacons and the files
// that must stay with their party.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/file_io.h"
#include "escrow/commitment.h"
#include "escrow/designation.h"
#include "escrow/item.h"
#include "escrow/opening_file.h"
#include "escrow/stage.h"
#include "escrow/test_util.h"
#include "forces/declaration_io.h"
#include "ledger/body.h"
#include "ledger/test_util.h"
#include "treaty/treaty.h"

namespace verity::escrow {
namespace {

using testing::Filled;

// A deterministic byte source for tests (not for use: salts come from libsodium).
RandomBytes Counting(uint8_t start) {
  auto next = std::make_shared<uint64_t>(start);
  return [next](std::span<uint8_t> out) {
    for (uint8_t& b : out) b = static_cast<uint8_t>(Sha256(std::to_string((*next)++))[0]);
  };
}

TEST(EscrowVectors, LeafHash) {
  Salt salt{};
  for (size_t i = 0; i < salt.size(); ++i) salt[i] = static_cast<uint8_t>(i);
  const Json item = {{"uid", "US-MM3-W-0001"}, {"type", "mm3"}};
  EXPECT_EQ(ToHex(RecordLeafHash(salt, item).value()),
            "8dc7c45fde03fea330c7442c68c34b8856c481242713e051d1eae65e6a3af450");
}

TEST(EscrowVectors, RandomnessCommitment) {
  EXPECT_EQ(ToHex(RandomnessCommitment("us-2020", "d1", "RU", Filled(0x42))),
            "e99e462f0a55099b2a3fda6549ce1a633c225f952ba4e2bb23221f386f333ff7");
}

TEST(EscrowVectors, SeedAndDraw) {
  const Hash256 root = Sha256("root");
  const std::vector<PartyValue> values = {{"US", Filled(0x11)}, {"RU", Filled(0x22)}};
  const Hash256 seed = DesignationSeed(root, 1000, 5, values, std::nullopt);
  EXPECT_EQ(ToHex(seed), "60b2e212dd000b9c26a6ebd3c8669306f352b0d343adf7a6bfdc41e6d4f9aed5");
  EXPECT_EQ(DrawLeaves(seed, 1000, 5), (std::vector<uint64_t>{658, 387, 635, 864, 477}));
  EXPECT_EQ(DrawLeaves(seed, 10, 10), (std::vector<uint64_t>{8, 9, 5, 4, 1, 6, 7, 3, 0, 2}));
  ledger::DrandBeacon b{1000, Sha256("sig"), {'s', 'i', 'g'}, {}};
  ASSERT_TRUE(CheckBeacon(b, "beacon").ok());
  const Hash256 with = DesignationSeed(root, 1000, 5, values, b);
  EXPECT_EQ(ToHex(with), "78c5bfaaf3c9d6f7a9a8e8ea4e8ff4ee1c81f1f277dce5eae6fe1959c6f37ca6");
  EXPECT_EQ(DrawLeaves(with, 1000, 5), (std::vector<uint64_t>{386, 452, 530, 588, 762}));
}

TEST(EscrowDraw, UniformBelowRejectsTheBiasedTail) {
  // 2^64 mod 3 = 1: the largest word would favour 0, so it is drawn again.
  std::vector<uint64_t> words = {UINT64_MAX, 5};
  size_t at = 0;
  EXPECT_EQ(UniformBelow(3, [&] { return words[at++]; }), 2u);
  EXPECT_EQ(at, 2u);
}

TEST(EscrowDraw, DistinctAndUniform) {
  // 4,000 draws of 3 of 10 leaves: each leaf is drawn 1,200 times in
  // expectation (sd ~29); fixed seeds, tolerance 6 sd (no flake).
  std::vector<int> hits(10, 0);
  for (int s = 0; s < 4000; ++s) {
    const auto leaves = DrawLeaves(Sha256("seed " + std::to_string(s)), 10, 3);
    ASSERT_EQ(std::set<uint64_t>(leaves.begin(), leaves.end()).size(), 3u);
    for (uint64_t l : leaves) ++hits[l];
  }
  for (int h : hits) EXPECT_NEAR(h, 1200, 175);
}

TEST(EscrowDesignation, ChangedBeaconIsRefused) {
  ledger::DrandBeacon b{7, Sha256("sig"), {'s', 'i', 'g'}, {}};
  b.randomness[0] ^= 1;
  const Status s = CheckBeacon(b, "beacon.json");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("beacon.json: randomness is not SHA-256 of the signature"),
            std::string::npos);
}

class EscrowFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ledger::testing::FreshDir("escrow");
    std::filesystem::create_directories(dir_);
    treaty_ = treaty::LoadTreaty("new-start").value();
    counter_ = std::make_unique<forces::Counter>(treaty_);
    decl_ = forces::LoadShippedDeclaration("us-2020-09-01").value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Escrow Make() { return Commit(decl_, *counter_, "us-2020", Counting(1)).value(); }

  std::string dir_;
  treaty::Treaty treaty_;
  std::unique_ptr<forces::Counter> counter_;
  forces::Declaration decl_;
};

TEST_F(EscrowFiles, CommitOneLeafPerItemWithTotals) {
  const Escrow e = Make();
  EXPECT_EQ(e.leaves.size(), decl_.items.size());
  const forces::Counts counts = counter_->Count(decl_);
  ASSERT_EQ(e.totals.size(), treaty_.categories.size());
  for (size_t c = 0; c < e.totals.size(); ++c) EXPECT_EQ(e.totals[c].count, counts.categories[c]);
}

TEST_F(EscrowFiles, OpeningFileIsPrivateAndRoundTrips) {
  const Escrow e = Make();
  const std::string path = dir_ + "/opening.json";
  ASSERT_TRUE(WriteOpeningFile(e, path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto back = ReadOpeningFile(path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->root, e.root);
  EXPECT_EQ(WriteOpeningFile(e, path).code(), StatusCode::kAlreadyExists);
  ::chmod(path.c_str(), 0644);
  const Status open = ReadOpeningFile(path).status();
  EXPECT_EQ(open.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(open.message().find("readable by others (mode 0644)"), std::string::npos);
}

TEST_F(EscrowFiles, OpeningFileRefusesReusedSaltAndEditedItem) {
  Json doc = OpeningFileJson(Make());
  Json reused = doc;
  reused["leaves"][3]["salt"] = reused["leaves"][1]["salt"];
  const Status s = ParseOpeningFile(reused, "o.json").status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("o.json.leaves[3].salt: the same salt as leaves[1]"),
            std::string::npos)
      << s.message();
  Json edited = doc;
  edited["leaves"][0]["item"]["warheads"] = 9;
  EXPECT_EQ(ParseOpeningFile(edited, "o.json").status().code(), StatusCode::kDataLoss);
}

TEST_F(EscrowFiles, StageSelectsAndOpeningsVerify) {
  const Escrow e = Make();
  auto stage = ParseStageSpec("s1:category=deployed_icbm");
  ASSERT_TRUE(stage.ok()) << stage.status().message();
  const auto leaves = StageLeaves(e, stage->select);
  ASSERT_FALSE(leaves.empty());
  auto body = RevealBody(e, *stage);
  ASSERT_TRUE(body.ok());
  auto typed = ledger::ParseBody(ledger::NotificationType::kEscrowReveal, *body, "body");
  ASSERT_TRUE(typed.ok()) << typed.status().message();
  const auto& reveal = std::get<ledger::EscrowRevealBody>(typed->value);
  for (const auto& o : reveal.openings) {
    EXPECT_TRUE(CheckOpening(o, e.leaves.size(), e.root, "o").ok());
  }
  ledger::EscrowLeafOpening forged = reveal.openings[0];
  forged.proof[0][0] ^= 1;
  const Status s = CheckOpening(forged, e.leaves.size(), e.root, "openings[0]");
  EXPECT_NE(s.message().find("openings[0]: the proof does not lead from leaf"), std::string::npos);
}

TEST(EscrowStageSpec, HostileSpecsAreRefused) {
  for (const auto& [spec, why] : std::vector<std::pair<std::string, std::string>>{
           {"s1", "expected ID:BY=VALUE"},
           {"s1:colour=red", "'colour' is not one of facility, type, category"},
           {"s 1:type=mm3", "expected an id"},
           {"s1:type=mm3,,b", "an empty value"},
           {"s1:type=" + std::string(5000, 'x'), "longer than the limit of 4096 bytes"}}) {
    const Status s = ParseStageSpec(spec).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << spec;
    EXPECT_NE(s.message().find(why), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace verity::escrow

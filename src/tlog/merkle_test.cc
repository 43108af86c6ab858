#include "tlog/merkle.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/json.h"

namespace verity::tlog {
namespace {

constexpr int kMaxLeaves = 20;

// Runs the independent Python (hashlib) implementation of RFC 9162.
// A null JSON value if the script cannot be run (the fixture then fails).
Json PythonVectors() {
  std::string cmd = "python3 ";
  cmd.append(VERITY_SOURCE_DIR).append("/src/tlog/testdata/merkle_vectors.py ");
  cmd.append(std::to_string(kMaxLeaves));
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return Json();
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) return Json();
  auto parsed = ParseJson(out, "merkle_vectors.py");
  return parsed.ok() ? *parsed : Json();
}

std::vector<Hash256> Leaves(int n) {
  std::vector<Hash256> v;
  for (int i = 0; i < n; ++i) v.push_back(LeafHash("entry-" + std::to_string(i)));
  return v;
}

std::vector<std::string> Hex(const std::vector<Hash256>& hs) {
  std::vector<std::string> out;
  for (const auto& h : hs) out.push_back(ToHex(h));
  return out;
}

class MerkleVectorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { vectors_ = new Json(PythonVectors()); }
  static void TearDownTestSuite() { delete vectors_; }
  // A missing oracle fails every test (never a silent skip).
  void SetUp() override {
    ASSERT_TRUE(vectors_->is_object()) << "merkle_vectors.py gave no vectors";
  }
  static Json* vectors_;
};
Json* MerkleVectorsTest::vectors_ = nullptr;

TEST_F(MerkleVectorsTest, RootsMatchIndependentImplementation) {
  for (int n = 0; n <= kMaxLeaves; ++n) {
    EXPECT_EQ(ToHex(RootOf(Leaves(n))),
              vectors_->at(std::to_string(n)).at("root").get<std::string>())
        << "n=" << n;
  }
}

TEST_F(MerkleVectorsTest, InclusionProofsMatchAndVerify) {
  for (int n = 1; n <= kMaxLeaves; ++n) {
    const auto leaves = Leaves(n);
    const Hash256 root = RootOf(leaves);
    for (int i = 0; i < n; ++i) {
      const auto proof = InclusionProof(leaves, i);
      EXPECT_EQ(Hex(proof),
                vectors_->at(std::to_string(n)).at("paths").at(i).get<std::vector<std::string>>());
      EXPECT_TRUE(VerifyInclusion(i, n, leaves[i], proof, root).ok()) << n << " " << i;
    }
  }
}

TEST_F(MerkleVectorsTest, ConsistencyProofsMatchAndVerify) {
  for (int n = 1; n <= kMaxLeaves; ++n) {
    const auto leaves = Leaves(n);
    for (int m = 1; m <= n; ++m) {
      const auto proof = ConsistencyProof(leaves, m);
      EXPECT_EQ(Hex(proof), vectors_->at(std::to_string(n))
                                .at("proofs")
                                .at(std::to_string(m))
                                .get<std::vector<std::string>>());
      const auto prefix = std::span<const Hash256>(leaves).subspan(0, m);
      const Status s = VerifyConsistency(m, n, RootOf(prefix), RootOf(leaves),
                                         m == n ? std::vector<Hash256>{} : proof);
      EXPECT_TRUE(s.ok()) << m << " " << n << " " << s.ToString();
    }
  }
}

TEST(MerkleTest, InclusionProofForWrongLeafFails) {
  const auto leaves = Leaves(7);
  const auto proof = InclusionProof(leaves, 3);
  const Status s = VerifyInclusion(3, 7, leaves[4], proof, RootOf(leaves));
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.message(),
            "inclusion proof does not verify: the computed root differs from the tree head");
}

TEST(MerkleTest, InclusionProofWithWrongSizeFails) {
  const auto leaves = Leaves(8);
  const auto proof = InclusionProof(leaves, 3);
  EXPECT_EQ(VerifyInclusion(3, 16, leaves[3], proof, RootOf(leaves)).message(),
            "inclusion proof does not verify: the proof is too short");
  EXPECT_EQ(VerifyInclusion(9, 8, leaves[3], proof, RootOf(leaves)).message(),
            "inclusion proof does not verify: index is not below the tree size");
}

TEST(MerkleTest, ConsistencyWithRewrittenPrefixFails) {
  auto leaves = Leaves(11);
  const Hash256 old_root = RootOf(std::span<const Hash256>(leaves).subspan(0, 6));
  leaves[2] = LeafHash("rewritten");
  const auto proof = ConsistencyProof(leaves, 6);
  const Status s = VerifyConsistency(6, 11, old_root, RootOf(leaves), proof);
  EXPECT_EQ(s.message(), "consistency proof does not verify: the first root does not match");
}

// From the empty tree there is nothing to prove: any hash offered as a
// proof, or a first root other than the empty tree's, is refused.
TEST(MerkleTest, ConsistencyFromSizeZeroMustBeEmpty) {
  const auto leaves = Leaves(5);
  EXPECT_TRUE(VerifyConsistency(0, 5, EmptyTreeHash(), RootOf(leaves), {}).ok());
  const std::vector<Hash256> junk = {leaves[0]};
  EXPECT_EQ(VerifyConsistency(0, 5, EmptyTreeHash(), RootOf(leaves), junk).message(),
            "consistency proof does not verify: a proof from size 0 must be empty");
  EXPECT_EQ(VerifyConsistency(0, 5, leaves[1], RootOf(leaves), {}).message(),
            "consistency proof does not verify: the first root is not the empty tree's");
}

TEST(MerkleTest, CompactTreeRestoresFromFrontier) {
  const auto leaves = Leaves(13);
  CompactTree t;
  for (int i = 0; i < 11; ++i) t.Append(leaves[i]);
  auto restored = CompactTree::Restore(11, t.frontier());
  ASSERT_TRUE(restored.ok());
  restored->Append(leaves[11]);
  restored->Append(leaves[12]);
  EXPECT_EQ(restored->Root(), RootOf(leaves));
  EXPECT_EQ(CompactTree::Restore(12, t.frontier()).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace verity::tlog

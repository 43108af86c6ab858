#include "tlog/witness.h"

#include <gtest/gtest.h>

#include <map>

#include "tlog/checkpoint.h"
#include "tlog/merkle.h"
#include "tlog/policy.h"
#include "tlog/test_util.h"

namespace verity::tlog {
namespace {

using testing::TestEntry;
using testing::TestKey;

constexpr std::string_view kWitnessOrigin = "verity.example/new-start";
constexpr uint64_t kNow = 1700000000;

// A log of up to 20 leaves, a witness for it and the witness's stored state.
class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (uint64_t i = 0; i < 20; ++i) leaves_.push_back(LeafHash(TestEntry(i)));
    config_.keys.push_back(witness_);
    ASSERT_TRUE(config_.logs.Add(log_.verifier()).ok());
  }

  std::span<const Hash256> Prefix(uint64_t n) const {
    return std::span<const Hash256>(leaves_).subspan(0, n);
  }
  std::string Note(uint64_t size, const Signer& key, std::optional<Hash256> root = {}) const {
    return *SignCheckpoint(
        Checkpoint{std::string(kWitnessOrigin), size, root ? *root : RootOf(Prefix(size)), {}},
        key);
  }
  std::string Body(uint64_t old, uint64_t size, std::string note = {}) const {
    AddCheckpointRequest r;
    r.old_size = old;
    if (old > 0 && old < size) r.proof = ConsistencyProof(Prefix(size), old);
    r.checkpoint = note.empty() ? Note(size, log_) : note;
    return *FormatAddCheckpointRequest(r);
  }
  // Submits and, on 200, stores the update as a witness server would.
  WitnessResponse Submit(std::string_view body, uint64_t now = kNow) {
    WitnessResponse r = AddCheckpoint(
        config_, body,
        [&](std::string_view origin) -> std::optional<WitnessedLog> {
          auto it = state_.find(std::string(origin));
          if (it == state_.end()) return std::nullopt;
          return it->second;
        },
        now);
    if (r.update) state_[r.origin] = *r.update;
    return r;
  }

  Signer log_ = TestKey(kWitnessOrigin, SignatureType::kEd25519, 1);
  Signer witness_ = TestKey("witness.example/us", SignatureType::kCosignatureV1, 2);
  WitnessConfig config_;
  std::vector<Hash256> leaves_;
  std::map<std::string, WitnessedLog> state_;
};

TEST_F(WitnessTest, FirstContactAndGrowthAreCosigned) {
  WitnessResponse r = Submit(Body(0, 5));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.origin, kWitnessOrigin);
  EXPECT_EQ(state_.at(std::string(kWitnessOrigin)).size, 5u);
  const std::string text =
      *FormatCheckpoint(Checkpoint{std::string(kWitnessOrigin), 5, RootOf(Prefix(5)), {}});
  const auto reply =
      ParseAddCheckpointResponse(r.status, r.content_type, r.body, text, witness_.verifier());
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  ASSERT_EQ(reply->cosignatures.size(), 1u);
  EXPECT_EQ(reply->cosignatures[0].Line(), r.body);

  // The monitoring checkpoint holds the log's signature and the cosignature,
  // and a policy wanting this witness accepts it.
  const Policy policy = *ParsePolicy("log " + log_.verifier().ToString() + "\nwitness us " +
                                     witness_.verifier().ToString() + "\nquorum us\n");
  const auto verdict = CheckCheckpoint(policy, state_.at(std::string(kWitnessOrigin)).checkpoint);
  ASSERT_TRUE(verdict.ok()) << verdict.status().ToString();
  EXPECT_EQ(verdict->cosigned[0].timestamp, kNow);
  // So does the log's own note with the returned lines added.
  EXPECT_TRUE(CheckCheckpoint(policy, *AddSignatures(Note(5, log_), reply->cosignatures)).ok());

  r = Submit(Body(5, 13));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(state_.at(std::string(kWitnessOrigin)).size, 13u);
  EXPECT_EQ(state_.at(std::string(kWitnessOrigin)).root, RootOf(Prefix(13)));
}

TEST_F(WitnessTest, AStaleOldSizeGets409WithTheWitnessSize) {
  ASSERT_EQ(Submit(Body(0, 9)).status, 200);
  const WitnessResponse r = Submit(Body(5, 12));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.content_type, "text/x.tlog.size");
  EXPECT_EQ(r.body, "9\n");
  EXPECT_FALSE(r.update.has_value());
  EXPECT_FALSE(r.evidence);
  const auto reply =
      ParseAddCheckpointResponse(409, "text/x.tlog.size", r.body, "", witness_.verifier());
  ASSERT_TRUE(reply.ok());
  EXPECT_TRUE(reply->conflict);
  EXPECT_EQ(reply->witness_size, 9u);
  // Resent with the witness's size, it is cosigned.
  EXPECT_EQ(Submit(Body(9, 12)).status, 200);
}

TEST_F(WitnessTest, UnknownOriginIs404AndBadSignaturesAre403) {
  const Signer stranger = TestKey("other.example/log", SignatureType::kEd25519, 5);
  AddCheckpointRequest req{
      0, {}, *SignCheckpoint(Checkpoint{"other.example/log", 0, EmptyTreeHash(), {}}, stranger)};
  WitnessResponse r = Submit(*FormatAddCheckpointRequest(req));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "add-checkpoint: unknown log origin other.example/log\n");

  const Signer impostor =
      TestKey(kWitnessOrigin, SignatureType::kEd25519, 6);  // same name, other key
  r = Submit(Body(0, 3, Note(3, impostor)));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, "add-checkpoint: note: no signature from a known key\n");

  std::string forged = Note(3, log_);
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  r = Submit(Body(0, 3, forged));
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.body.find("does not verify") != std::string::npos) << r.body;
  EXPECT_TRUE(state_.empty());
}

TEST_F(WitnessTest, MalformedBodiesAndOldAboveNewAre400) {
  EXPECT_EQ(Submit(Body(4, 3)).status, 400);
  EXPECT_EQ(Submit(Body(4, 3)).body,
            "add-checkpoint: the old size is above the checkpoint's size\n");
  const std::string note = Note(3, log_);
  struct Case {
    std::string body, why;
  };
  std::string many = "old 1\n";
  for (int i = 0; i < 64; ++i) many += "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n";
  const std::vector<Case> cases = {
      {"\n" + note, "add-checkpoint: the first line is not 'old <size>'"},
      {"old 01\n\n" + note, "add-checkpoint: old: '01' has a leading zero"},
      {"old 0\nnot a hash\n\n" + note,
       "add-checkpoint: proof line 1: a hash is 44 base64 characters"},
      {"old 0\ngSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n",
       "add-checkpoint: no blank line before the checkpoint"},
      {"old 0\n\n", "add-checkpoint: no checkpoint"},
      {many + "\n" + note, "add-checkpoint: more than 63 proof lines"},
      {"old 0\n\nnot a note\n",
       "add-checkpoint: note: no blank line separates the text from the signatures"},
      {std::string(kMaxAddCheckpointBytes + 1, 'o'), "add-checkpoint: the body is longer than " +
                                                         std::to_string(kMaxAddCheckpointBytes) +
                                                         " bytes"},
  };
  for (const Case& c : cases) {
    const WitnessResponse r = Submit(c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_EQ(r.body, c.why + "\n") << c.body;
  }
  EXPECT_TRUE(state_.empty());
}

TEST_F(WitnessTest, InconsistentCheckpointsAre422AndEvidence) {
  // A size-0 checkpoint must have the empty tree's root.
  WitnessResponse r = Submit(Body(0, 0, Note(0, log_, Sha256("x"))));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.evidence);
  // A proof from old size 0 must be empty.
  AddCheckpointRequest req{0, {Sha256("x")}, Note(4, log_)};
  EXPECT_EQ(Submit(*FormatAddCheckpointRequest(req)).status, 422);

  ASSERT_EQ(Submit(Body(0, 8)).status, 200);
  // A history rewritten after leaf 8: the proof cannot link the two trees.
  std::vector<Hash256> fork = leaves_;
  fork[3] = LeafHash("rewritten");
  AddCheckpointRequest rewritten{
      8, ConsistencyProof(std::span<const Hash256>(fork).subspan(0, 12), 8),
      Note(12, log_, RootOf(std::span<const Hash256>(fork).subspan(0, 12)))};
  r = Submit(*FormatAddCheckpointRequest(rewritten));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.evidence);
  EXPECT_EQ(r.body,
            "add-checkpoint: consistency proof does not verify: the second root does not match\n");
  // The same size with another root (a split view).
  r = Submit(Body(8, 8, Note(8, log_, Sha256("another history"))));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(
      r.body,
      "add-checkpoint: consistency proof does not verify: equal sizes with different roots\n");
  // Nothing changed, and the same checkpoint again is cosigned again.
  EXPECT_EQ(state_.at(std::string(kWitnessOrigin)).root, RootOf(Prefix(8)));
  EXPECT_EQ(Submit(Body(8, 8)).status, 200);

  const auto reply = ParseAddCheckpointResponse(422, "text/plain", r.body, "", witness_.verifier());
  EXPECT_EQ(reply.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(reply.status().message(),
            "witness answered 422: add-checkpoint: consistency proof does not verify: equal sizes "
            "with different roots");
}

TEST_F(WitnessTest, NoTimestampNoCosignature) {
  const WitnessResponse r = Submit(Body(0, 2), 0);
  EXPECT_EQ(r.status, 500);
  EXPECT_FALSE(r.update.has_value());
}

TEST_F(WitnessTest, TheClientRefusesBadAnswers) {
  const std::string text =
      *FormatCheckpoint(Checkpoint{std::string(kWitnessOrigin), 2, RootOf(Prefix(2)), {}});
  const WitnessResponse ok = Submit(Body(0, 2));
  ASSERT_EQ(ok.status, 200);
  const Verifier& w = witness_.verifier();
  // A cosignature of another checkpoint text.
  EXPECT_EQ(
      ParseAddCheckpointResponse(200, "text/plain", ok.body, text + "x\n", w).status().message(),
      "witness response: the cosignature of witness.example/us does not verify");
  // Only lines by other keys.
  const Signer other = TestKey("witness.example/ru", SignatureType::kCosignatureV1, 3);
  EXPECT_EQ(ParseAddCheckpointResponse(200, "text/plain", ok.body, text, other.verifier())
                .status()
                .message(),
            "witness response: no cosignature by witness.example/ru");
  EXPECT_EQ(ParseAddCheckpointResponse(200, "", "garbage", text, w).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAddCheckpointResponse(409, "text/plain", "9\n", text, w).status().message(),
            "witness response: a 409 without Content-Type text/x.tlog.size");
  EXPECT_EQ(ParseAddCheckpointResponse(409, "text/x.tlog.size", "09\n", text, w).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAddCheckpointResponse(503, "", "busy\x01\nmore", text, w).status(),
            Unavailable("witness answered 503: busy?"));
  EXPECT_EQ(ParseAddCheckpointResponse(404, "", "", text, w).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST(WitnessOriginTest, OriginHashIsLowerCaseHexSha256) {
  EXPECT_EQ(OriginHash("example.com/behind-the-sofa"),
            "5fd2dc0beb4ce54da5050cf6d5c75248b023abad441c3cecde3976fbe9da4fe4");
}

}  // namespace
}  // namespace verity::tlog

// The split view, end to end on loopback: a log, a US witness, a RU
// witness and an observer. The operator (a) signs a checkpoint for a
// rewritten history and (b) shows two different checkpoints of one size
// to the two witnesses. The witnesses refuse with tlog-witness's codes and
// keep the evidence; the observer, holding the policy, rejects the fork
// and says what happened. (The same over a real ledger and the CLI:
// src/server/split_view_test.cc.)
#include <gtest/gtest.h>
#include <httplib.h>

#include "witness/collector.h"
#include "witness/observer.h"
#include "witness/test_util.h"

namespace verity::witness {
namespace {

using testing::LoopbackWitness;
using testing::TestLog;

std::vector<Hash256> History(uint64_t common, uint64_t n, const std::string& fork) {
  std::vector<Hash256> leaves = TestLog::Leaves(common);
  for (uint64_t i = common; i < n; ++i) leaves.push_back(tlog::LeafHash(fork + std::to_string(i)));
  return leaves;
}

class SplitViewTest : public ::testing::Test {
 protected:
  std::string Sign(const std::vector<Hash256>& leaves) const {
    return *tlog::SignCheckpoint(
        {std::string(testing::kOrigin), leaves.size(), tlog::RootOf(leaves), {}}, log_.key);
  }
  static ProofSource ProofsOf(std::vector<Hash256> leaves) {
    return [leaves](uint64_t old) -> StatusOr<std::vector<Hash256>> {
      return tlog::ConsistencyProof(leaves, old);
    };
  }
  tlog::Policy PolicyOf(const std::string& witnesses, const std::string& quorum) const {
    return *tlog::ParsePolicy("log " + log_.key.verifier().ToString() + "\n" + witnesses + quorum);
  }
  tlog::Policy Both() const {
    return PolicyOf(us_.PolicyLine("us") + ru_.PolicyLine("ru"),
                    "group both all us ru\nquorum both\n");
  }
  // What a witness serves at its monitoring path.
  static std::string Monitored(const LoopbackWitness& w) {
    httplib::Client c("127.0.0.1", w.port());
    auto r = c.Get("/" + tlog::OriginHash(testing::kOrigin) + "/checkpoint");
    return r && r->status == 200 ? r->body : "";
  }

  TestLog log_;
  LoopbackWitness us_{"sv-us", 2, log_};
  LoopbackWitness ru_{"sv-ru", 3, log_};
};

TEST_F(SplitViewTest, TheWitnessesRefuseBothForksAndTheObserverSaysWhatHappened) {
  // The honest log at 8 entries, cosigned by both parties' witnesses; the
  // observer keeps that checkpoint.
  Collector honest(Both());
  const std::vector<Hash256> first = TestLog::Leaves(8);
  auto trusted = honest.Collect(Sign(first), ProofsOf(first));
  ASSERT_TRUE(trusted.ok() && trusted->verdict.quorum_met);
  const std::string trusted_note = trusted->note;

  // (a) A rewritten history: entries 4.. replaced, grown to 12.
  const std::vector<Hash256> rewritten = History(4, 12, "rewritten-");
  auto a = honest.Collect(Sign(rewritten), ProofsOf(rewritten));
  ASSERT_TRUE(a.ok());
  for (const WitnessOutcome& o : a->witnesses) {
    EXPECT_EQ(o.status.code(), StatusCode::kDataLoss) << o.Summary();
    EXPECT_NE(o.status.message().find("witness answered 422"), std::string::npos);
  }
  EXPECT_FALSE(a->verdict.quorum_met);
  auto refused = tlog::CheckCheckpoint(Both(), a->note);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "checkpoint: quorum both not met: group both needs 2 of its 2 members, has 0: "
            "witness us did not cosign; witness ru did not cosign");
  const Status rewrite =
      CheckConsistentWith(Both(), trusted_note, a->note, tlog::ConsistencyProof(rewritten, 8));
  EXPECT_EQ(rewrite.code(), StatusCode::kDataLoss);
  EXPECT_TRUE(
      rewrite.message().starts_with("rewritten history: the checkpoint of size 12 is not "
                                    "an extension of the one of size 8"))
      << rewrite.message();

  // (b) A split view: two extensions of the trusted 8 to 16, one per witness.
  const std::vector<Hash256> for_us = History(8, 16, "us-view-");
  const std::vector<Hash256> for_ru = History(8, 16, "ru-view-");
  Collector to_us(PolicyOf(us_.PolicyLine("us"), "quorum us\n"));
  Collector to_ru(PolicyOf(ru_.PolicyLine("ru"), "quorum ru\n"));
  auto us_view = to_us.Collect(Sign(for_us), ProofsOf(for_us));
  auto ru_view = to_ru.Collect(Sign(for_ru), ProofsOf(for_ru));
  ASSERT_TRUE(us_view->verdict.quorum_met && ru_view->verdict.quorum_met);  // each alone agrees
  // Neither fork can get the other party's cosignature: same size, other root.
  auto cross_ru = to_ru.Collect(Sign(for_us), ProofsOf(for_us));
  auto cross_us = to_us.Collect(Sign(for_ru), ProofsOf(for_ru));
  EXPECT_NE(cross_ru->witnesses[0].status.message().find("witness answered 422"),
            std::string::npos);
  EXPECT_NE(cross_us->witnesses[0].status.message().find("witness answered 422"),
            std::string::npos);

  // The observer refuses the US view (no RU cosignature) and, comparing
  // what the witnesses hold, names the split view.
  auto observed = tlog::CheckCheckpoint(Both(), us_view->note);
  ASSERT_FALSE(observed.ok());
  EXPECT_NE(observed.status().message().find("witness ru did not cosign"), std::string::npos);
  const Status split =
      CompareWitnessViews(Both(), {{"us", Monitored(us_)}, {"ru", Monitored(ru_)}});
  EXPECT_EQ(split.code(), StatusCode::kDataLoss);
  EXPECT_TRUE(
      split.message().starts_with("split view: witness us and witness ru hold different "
                                  "checkpoints of size 16, both signed by the log"))
      << split.message();
  const Status same_size = CheckConsistentWith(Both(), us_view->note, ru_view->note, {});
  EXPECT_TRUE(
      same_size.message().starts_with("split view: the log signed two checkpoints of "
                                      "size 16 with different roots"));

  // Each witness kept the evidence: the log's own signature on the fork.
  for (LoopbackWitness* w : {&us_, &ru_}) {
    auto refusals = w->store().Refusals(10);
    ASSERT_TRUE(refusals.ok());
    ASSERT_EQ(refusals->size(), 2u);  // the rewritten history and the other view
    for (const Refusal& r : *refusals) {
      EXPECT_EQ(r.status, 422);
      EXPECT_TRUE(r.evidence);
      EXPECT_EQ(r.origin, testing::kOrigin);
    }
  }
  EXPECT_NE(us_.store().Refusals(1)->front().request.find(Sign(for_ru)), std::string::npos);
}

}  // namespace
}  // namespace verity::witness

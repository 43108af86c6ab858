// The witness's store: check-and-store in one transaction, state kept
// across reopening, refusals kept as evidence and bounded.
#include "witness/store.h"

#include <gtest/gtest.h>

#include "witness/test_util.h"

namespace verity::witness {
namespace {

using testing::TestLog;

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : dir_("witness-store") {
    config_.keys.push_back(
        tlog::testing::TestKey("witness.example/us", tlog::SignatureType::kCosignatureV1, 2));
    (void)config_.logs.Add(log_.key.verifier());
  }
  std::unique_ptr<Store> Open(StoreLimits limits = {}) {
    return std::move(Store::Open(dir_.Path("state"), limits)).value();
  }

  verity::testing::TestDir dir_;
  TestLog log_;
  tlog::WitnessConfig config_;
};

TEST_F(StoreTest, StateSurvivesReopeningAndGrowsConsistently) {
  {
    auto store = Open();
    auto r = store->Add(config_, log_.Body(0, 5), 100);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->status, 200);
  }
  auto store = Open();
  auto state = store->Latest(testing::kOrigin);
  ASSERT_TRUE(state.ok() && state->has_value());
  EXPECT_EQ((*state)->size, 5u);
  EXPECT_EQ((*state)->root, tlog::RootOf(TestLog::Leaves(5)));
  EXPECT_EQ(store->Add(config_, log_.Body(0, 9), 101)->status, 409);  // it holds 5
  EXPECT_EQ(store->Add(config_, log_.Body(5, 9), 101)->status, 200);
  auto monitored = store->CheckpointByOriginHash(tlog::OriginHash(testing::kOrigin));
  ASSERT_TRUE(monitored.ok() && monitored->has_value());
  EXPECT_TRUE(monitored->value().starts_with(std::string(testing::kOrigin) + "\n9\n"));
  EXPECT_FALSE(store->CheckpointByOriginHash(std::string(64, 'a'))->has_value());
}

TEST_F(StoreTest, RefusalsAreKeptWithTheirReasonAndA409IsNot) {
  auto store = Open();
  ASSERT_EQ(store->Add(config_, log_.Body(0, 4), 100)->status, 200);
  // The same size with another history: evidence of a fork, kept whole.
  const std::string fork = log_.Body(4, 4, "rewritten-");
  EXPECT_EQ(store->Add(config_, fork, 101)->status, 422);
  EXPECT_EQ(store->Add(config_, "old x\n\n", 102)->status, 400);
  EXPECT_EQ(store->Add(config_, log_.Body(0, 6), 103)->status, 409);
  auto refusals = store->Refusals(10);
  ASSERT_TRUE(refusals.ok());
  ASSERT_EQ(refusals->size(), 2u);
  EXPECT_EQ((*refusals)[0].status, 400);
  EXPECT_FALSE((*refusals)[0].evidence);
  EXPECT_EQ((*refusals)[1].status, 422);
  EXPECT_TRUE((*refusals)[1].evidence);
  EXPECT_EQ((*refusals)[1].origin, testing::kOrigin);
  EXPECT_EQ((*refusals)[1].request, fork);
  EXPECT_NE((*refusals)[1].reason.find("add-checkpoint:"), std::string::npos);
  EXPECT_EQ(store->Latest(testing::kOrigin)->value().size, 4u);  // the state is unchanged
}

TEST_F(StoreTest, RefusalsAreBoundedAndJunkNeverPushesOutEvidence) {
  auto store = Open({/*max_refusals=*/3, /*max_evidence=*/2});
  ASSERT_EQ(store->Add(config_, log_.Body(0, 4), 100)->status, 200);
  for (const char* p : {"a-", "b-", "c-"}) {
    EXPECT_EQ(store->Add(config_, log_.Body(4, 4, p), 101)->status, 422);
  }
  for (int i = 0; i < 10; ++i) EXPECT_EQ(store->Add(config_, "junk", 102)->status, 400);
  auto refusals = store->Refusals(100);
  ASSERT_TRUE(refusals.ok());
  int evidence = 0, junk = 0;
  for (const Refusal& r : *refusals) (r.evidence ? evidence : junk)++;
  EXPECT_EQ(evidence, 2);
  EXPECT_EQ(junk, 3);
  EXPECT_EQ(refusals->at(refusals->size() - 2).request, log_.Body(4, 4, "c-"));  // the newest kept
  EXPECT_EQ(refusals->back().request, log_.Body(4, 4, "b-"));
}

TEST_F(StoreTest, ALongJunkBodyIsKeptOnlyInPart) {
  auto store = Open();
  const std::string junk = "old 0\n\n" + std::string(100'000, 'x');
  EXPECT_EQ(store->Add(config_, junk, 100)->status, 400);
  EXPECT_EQ(store->Refusals(1)->front().request.size(), kRefusalExcerptBytes);
}

TEST_F(StoreTest, AFileThatIsNoWitnessDatabaseIsRefused) {
  std::filesystem::create_directories(dir_.Path("bad"));
  dir_.Write("bad/witness.db", "this is not SQLite at all, just text of some length.........");
  auto store = Store::Open(dir_.Path("bad"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(store.status().message().find("witness database"), std::string::npos);
}

}  // namespace
}  // namespace verity::witness

// GET /api/v1/escrow: the escrow audit of the served ledger, for parties
// and admins only, with a bad date refused by name.
#include <gtest/gtest.h>

#include "escrow/commitment.h"
#include "forces/declaration_io.h"
#include "server/test_server.h"
#include "treaty/treaty.h"

namespace verity::server {
namespace {

TEST(EscrowApi, ServesTheAuditOfACommitment) {
  TestServer ts;
  const treaty::Treaty t = treaty::LoadTreaty("new-start").value();
  const forces::Counter counter(t);
  const forces::Declaration d = forces::LoadShippedDeclaration("us-2020-09-01").value();
  const escrow::Escrow e = escrow::Commit(d, counter, "us-2020", escrow::SystemRandom()).value();
  const Json draft = {{"format", 1},
                      {"party", "US"},
                      {"serial", 1},
                      {"type", "escrow_commitment"},
                      {"occurred", "2020-09-02"},
                      {"sent", "2020-09-02T12:00:00Z"},
                      {"body", escrow::CommitmentBody(e)}};
  const Json signed_ = ledger::SignNotification(draft, UsKey()).value();
  auto post = ts.Client()->Post("/api/v1/notifications", TestServer::Bearer(kUsToken),
                                signed_.dump(), "application/json");
  ASSERT_TRUE(post);
  ASSERT_LT(post->status, 300) << post->body;

  auto res = ts.Client()->Get("/api/v1/escrow?as_of=2020-10-01", TestServer::Bearer(kRuToken));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const Json body = ResponseJson(res);
  ASSERT_EQ(body.at("escrows").size(), 1u);
  EXPECT_EQ(body["escrows"][0]["root"], ToHex(e.root));
  EXPECT_EQ(body["escrows"][0]["leaves"], e.leaves.size());
  EXPECT_TRUE(body.at("findings").empty());

  auto observer = ts.Client()->Get("/api/v1/escrow", TestServer::Bearer(kObserverToken));
  ASSERT_TRUE(observer);
  EXPECT_EQ(observer->status, 403);
  auto bad = ts.Client()->Get("/api/v1/escrow?as_of=2020-13-01", TestServer::Bearer(kRuToken));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status / 100, 4);
  EXPECT_NE(bad->body.find("as_of"), std::string::npos) << bad->body;
}

}  // namespace
}  // namespace verity::server

// The treaty's own process over a real HTTP server: a concern submitted by
// a party (POST /notifications) is listed by GET /concerns with its status,
// a treaty event changes GET /regime, and hostile ids are refused.
#include <gtest/gtest.h>

#include "ledger/keys.h"
#include "server/test_server.h"

namespace verity::server {
namespace {

struct BccAnswer {
  int status = 0;
  Json body;
};

class BccApiTest : public ::testing::Test {
 protected:
  BccAnswer Submit(const std::string& token, const ledger::SecretKey& key, int64_t serial,
                   const std::string& type, const std::string& day, Json body) {
    const Json draft = {{"format", 1},  {"party", key.pub.party}, {"serial", serial},
                        {"type", type}, {"occurred", day},        {"sent", day + "T10:00:00Z"},
                        {"body", body}};
    const Json n = ledger::SignNotification(draft, key).value();
    auto res = ts_.Client()->Post("/api/v1/notifications", TestServer::Bearer(token), n.dump(),
                                  "application/json");
    return {res ? res->status : 0, ResponseJson(res)};
  }
  BccAnswer Get(const std::string& path, const std::string& token = "") {
    auto res = token.empty() ? ts_.Client()->Get(path)
                             : ts_.Client()->Get(path, TestServer::Bearer(token));
    return {res ? res->status : 0, ResponseJson(res)};
  }

  TestServer ts_;
};

TEST_F(BccApiTest, AConcernSubmittedByAPartyIsListedWithItsStatus) {
  const BccAnswer raised = Submit(kRuToken, RuKey(), 1, "concern_raised", "2022-03-31",
                                  {{"concern", "RU-2022-01"},
                                   {"addressed_to", "US"},
                                   {"question", "Confirmed?"},
                                   {"provision", "Protocol Part Three"}});
  ASSERT_EQ(raised.status, 201) << raised.body.dump();
  BccAnswer list = Get("/api/v1/concerns?as_of=2022-04-01", kUsToken);
  ASSERT_EQ(list.status, 200) << list.body.dump();
  ASSERT_EQ(list.body.at("concerns").size(), 1u);
  EXPECT_EQ(list.body.at("concerns")[0].at("status"), "open");
  // A late answer is kept and flagged.
  const BccAnswer late = Submit(kUsToken, UsKey(), 1, "concern_answered", "2022-11-01",
                                {{"concern", "RU-2022-01"}, {"answer", "Yes."}});
  ASSERT_EQ(late.status, 201) << late.body.dump();
  ASSERT_EQ(late.body.at("ambiguities").size(), 1u) << late.body.dump();
  EXPECT_EQ(late.body.at("ambiguities")[0].at("kind"), "concern_answer_late");
  const BccAnswer one = Get("/api/v1/concerns/RU-2022-01?as_of=2022-12-01", kUsToken);
  ASSERT_EQ(one.status, 200) << one.body.dump();
  EXPECT_EQ(one.body.at("status"), "answered");
  EXPECT_EQ(one.body.at("answers")[0].at("late"), true);
}

TEST_F(BccApiTest, HostileOrUnknownIdsAndOtherRolesAreRefused) {
  BccAnswer a = Get("/api/v1/concerns/RU%202022", kUsToken);
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_NE(a.body.at("message").get<std::string>().find(
                "path parameter 'id': expected 1 to 64 of A-Z a-z 0-9 . _ -"),
            std::string::npos);
  a = Get("/api/v1/concerns/" + std::string(65, 'a'), kUsToken);
  EXPECT_EQ(a.status, 422);
  a = Get("/api/v1/concerns/RU-2099-01", kUsToken);
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.body.at("message"), "concern 'RU-2099-01': not in the ledger");
  EXPECT_EQ(Get("/api/v1/concerns", kObserverToken).status, 403);
  a = Get("/api/v1/regime?as_of=2023-02-30");
  EXPECT_EQ(a.status, 422) << a.body.dump();
}

TEST_F(BccApiTest, ASuspensionShowsInTheRegimeWithoutIndicesInThePublicView) {
  const BccAnswer s = Submit(kRuToken, RuKey(), 1, "treaty_event", "2023-02-21",
                             {{"event", "suspension"}, {"statement", "address of 21 Feb 2023"}});
  ASSERT_EQ(s.status, 201) << s.body.dump();
  const BccAnswer pub = Get("/api/v1/regime?as_of=2023-07-01");
  ASSERT_EQ(pub.status, 200) << pub.body.dump();
  EXPECT_EQ(pub.body.at("state"), "in_force");
  bool seen = false;
  for (const Json& p : pub.body.at("parties")) {
    if (p.at("party") != "RU") continue;
    seen = true;
    EXPECT_EQ(p.at("suspended").at("since"), "2023-02-21");
    EXPECT_FALSE(p.at("suspended").contains("index"));
  }
  EXPECT_TRUE(seen);
  const BccAnswer party = Get("/api/v1/regime?as_of=2023-07-01", kUsToken);
  for (const Json& p : party.body.at("parties")) {
    if (p.at("party") == "RU") {
      EXPECT_EQ(p.at("suspended").at("index"), 0);
    }
  }
  EXPECT_EQ(Get("/api/v1/regime?as_of=2026-02-05").body.at("state"), "not_in_force");
}

}  // namespace
}  // namespace verity::server

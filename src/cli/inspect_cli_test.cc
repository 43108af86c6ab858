// The CLI over a ledger the server writes: a null in a body is bad input
// (exit 2, its path named); `verity inspect quota` and GET
// /inspections/quotas are one computation, and a malformed inspection
// record is reported by both, counted by neither, and fails neither.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "ledger/keys.h"
#include "ledger/store.h"
#include "ledger/test_util.h"
#include "server/test_server.h"

namespace verity::cli {
namespace {

using server::kRuToken;
using server::RuKey;
using server::TestServer;

Json Draft(const std::string& party, int64_t serial, const std::string& type,
           const std::string& date, Json body) {
  return {{"format", 1},
          {"party", party},
          {"serial", serial},
          {"type", type},
          {"occurred", date},
          {"sent", date + "T09:00:00Z"},
          {"body", std::move(body)}};
}

TEST(BodyCliTest, ANullInABodyIsBadInputNamingItsPathAndStoresNothing) {
  const std::string dir = ledger::testing::FreshDir("cli-null");
  const ledger::SecretKey us = ledger::testing::TestKey("US", 1);
  const std::vector<ledger::PublicKey> keys{us.pub};
  ASSERT_TRUE(ledger::Ledger::Init(dir + "/data", keys).ok());
  // A good notification, then one signed and then given a null: neither is stored.
  const Json good = ledger::SignNotification(ledger::testing::MovementDraft("US", 1), us).value();
  Json bad =
      ledger::SignNotification(Draft("US", 2, "loading", "2012-03-04",
                                     {{"missile", "M-1"}, {"launcher", "S-1"}, {"warheads", 1}}),
                               us)
          .value();
  bad["body"]["warheads"] = nullptr;
  const std::string file = dir + "/n.jsonl";
  std::ofstream(file) << good.dump() << "\n" << bad.dump() << "\n";
  Result r = Verity({"ledger", "append", "--data", dir + "/data", file});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "verity: nothing appended: " + file + ": line 2: body.warheads: null is not allowed\n");
  EXPECT_EQ(ledger::Ledger::Open(dir + "/data").value()->Size().value(), 0u);
  std::filesystem::remove_all(dir);
}

class InspectCliTest : public ::testing::Test {
 protected:
  // RU inspects US in treaty year 2 (from 2012-02-05): `count` Type One notices.
  void Notices(int count) {
    for (int k = 0; k < count; ++k) {
      const int s = ++serial_;
      const std::string day = (s < 10 ? "0" : "") + std::to_string(s);
      Submit(Draft("RU", s, "inspection_notice", "2012-06-" + day,
                   {{"kind", "type_one"}, {"site", "kozelsk"}, {"inspected_party", "US"}}));
    }
  }
  Json Submit(const Json& draft) {
    auto res = ts_.Client()->Post("/api/v1/notifications", TestServer::Bearer(kRuToken),
                                  ledger::SignNotification(draft, RuKey()).value().dump(),
                                  "application/json");
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no answer");
    return server::ResponseJson(res);
  }
  Json ServerQuotas() {
    auto res = ts_.Client()->Get("/api/v1/inspections/quotas?year=2", TestServer::Bearer(kRuToken));
    EXPECT_TRUE(res && res->status == 200);
    return server::ResponseJson(res);
  }
  Result CliQuotas() {
    return Verity(
        {"inspect", "quota", "--data", ts_.data_dir(), "--party", "RU", "--year", "2", "--json"});
  }
  // The server's quotas of RU in the CLI's shape: kind -> used, allowed, indices.
  static std::map<std::string, Json> OfRu(const Json& server) {
    std::map<std::string, Json> out;
    for (const Json& q : server.at("quotas")) {
      if (q.at("party") != "RU") continue;
      out[q.at("quota")] = {q.at("used"), q.at("allowed"), q.at("ledger_indices")};
    }
    return out;
  }
  static std::map<std::string, Json> Of(const Json& cli) {
    std::map<std::string, Json> out;
    for (const Json& q : cli.at("quotas")) {
      out[q.at("kind")] = {q.at("used"), q.at("allowed"), q.at("ledger_indices")};
    }
    return out;
  }

  TestServer ts_;
  int serial_ = 0;
};

TEST_F(InspectCliTest, CliAndServerGiveTheSameQuotasAndReportAMalformedRecord) {
  ++serial_;
  Submit(Draft("RU", 1, "inspection_notice", "2012-06-01",
               {{"kind", "type_one"}, {"site", "kozelsk"}, {"inspected_party", "RU"}}));
  Notices(3);
  const Result cli = CliQuotas();
  ASSERT_EQ(cli.code, kExitOk) << cli.err;
  const Json c = ParseJson(cli.out, "stdout").value();
  const Json s = ServerQuotas();
  EXPECT_EQ(Of(c), OfRu(s));
  EXPECT_EQ(Of(c).at("type_one"), (Json{3, 10, {1, 2, 3}}));
  const Json malformed = {
      {{"index", 0}, {"reason", "body.inspected_party: a party cannot inspect itself"}}};
  EXPECT_EQ(c.at("malformed"), malformed);
  EXPECT_EQ(s.at("malformed"), malformed);

  const Result text =
      Verity({"inspect", "quota", "--data", ts_.data_dir(), "--party", "RU", "--year", "2"});
  EXPECT_EQ(text.code, kExitOk);
  EXPECT_NE(text.out.find("1 inspection record(s) cannot be read and are not counted"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  #0: body.inspected_party: a party cannot inspect itself"),
            std::string::npos);
  const Result findings = Verity({"inspect", "findings", "--data", ts_.data_dir()});
  EXPECT_EQ(findings.code, kExitOk) << findings.err;
  EXPECT_NE(findings.err.find("#0: body.inspected_party"), std::string::npos) << findings.err;
}

TEST_F(InspectCliTest, TheEleventhTypeOneIsOverQuotaForBothAfterAMalformedRecord) {
  ++serial_;
  Submit(Draft("RU", 1, "inspection_notice", "2012-06-01",
               {{"kind", "type_one"}, {"inspected_party", "US"}}));  // no site
  Notices(10);
  const Json last =
      Submit(Draft("RU", ++serial_, "inspection_notice", "2012-07-01",
                   {{"kind", "type_one"}, {"site", "kozelsk"}, {"inspected_party", "US"}}));
  bool exceeded = false;
  for (const Json& a : last.at("ambiguities")) {
    exceeded = exceeded || a.at("evidence").at("issue") == "quota_exceeded";
  }
  EXPECT_TRUE(exceeded) << last.dump();
  const Result cli = CliQuotas();
  EXPECT_EQ(cli.code, kExitViolation) << cli.err;  // over quota: exit 1, for that reason only
  const Json c = ParseJson(cli.out, "stdout").value();
  EXPECT_EQ(Of(c), OfRu(ServerQuotas()));
  EXPECT_EQ(Of(c).at("type_one")[0], 11);
  EXPECT_EQ(c.at("malformed").at(0).at("reason"), "body.site: missing (required)");
  // The other party's quotas are not blinded either.
  const Result us = Verity(
      {"inspect", "quota", "--data", ts_.data_dir(), "--party", "US", "--year", "2", "--json"});
  EXPECT_EQ(us.code, kExitOk) << us.err;
}

}  // namespace
}  // namespace verity::cli

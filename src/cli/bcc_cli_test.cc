// `verity bcc` and `verity check --data`: concerns raised, answered and
// settled through the CLI with the exact errors of hostile input, and the
// regime of the sample history (suspension, countermeasures, expiry).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "ledger/keys.h"
#include "ledger/store.h"
#include "ledger/test_util.h"

namespace verity::cli {
namespace {

class BccCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ledger::testing::FreshDir("bcc-cli");
    std::filesystem::create_directories(dir_);
    data_ = dir_ + "/data";
    const std::vector<ledger::PublicKey> keys{us_.pub, ru_.pub};
    ASSERT_TRUE(ledger::Ledger::Init(data_, keys).ok());
    ASSERT_TRUE(ledger::WriteSecretKeyFile(us_, dir_ + "/us.key").ok());
    ASSERT_TRUE(ledger::WriteSecretKeyFile(ru_, dir_ + "/ru.key").ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Result Bcc(std::vector<std::string> args) {
    args.insert(args.begin(), "bcc");
    args.insert(args.end(), {"--data", data_});
    return Verity(args);
  }

  Result Raise(const std::string& id, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"raise",
                                     "--key",
                                     dir_ + "/ru.key",
                                     "--concern",
                                     id,
                                     "--to",
                                     "US",
                                     "--question",
                                     "Confirmed?",
                                     "--provision",
                                     "Protocol Part Three",
                                     "--date",
                                     "2022-03-31"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Bcc(args);
  }

  std::string dir_, data_;
  ledger::SecretKey us_ = ledger::testing::TestKey("US", 1),
                    ru_ = ledger::testing::TestKey("RU", 2);
};

TEST_F(BccCliTest, RaiseAnswerAndSettleWithBothSignatures) {
  Result r = Raise("RU-2022-01");
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out.rfind("concern_raised of concern RU-2022-01 appended at index 0", 0), 0u)
      << r.out;
  r = Bcc({"list", "--as-of", "2022-04-01"});
  EXPECT_EQ(r.out.rfind("RU-2022-01  open  RU -> US  raised 2022-03-31  answer due ", 0), 0u)
      << r.out;

  // The wrong party's answer is stored, flagged, and changes nothing.
  r = Bcc({"answer", "--key", dir_ + "/ru.key", "--concern", "RU-2022-01", "--answer", "Self",
           "--date", "2022-04-02"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("(concern_wrong_party): concern_answered of concern RU-2022-01 by RU: "
                       "addressed to US, answered by RU; ignored"),
            std::string::npos)
      << r.out;
  r = Bcc({"answer", "--key", dir_ + "/us.key", "--concern", "RU-2022-01", "--answer", "Yes",
           "--date", "2022-04-29"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(Bcc({"list", "--as-of", "2022-05-01"}).out.find("  answered  "), std::string::npos);

  r = Verity({"bcc", "statement", "--concern", "RU-2022-01", "--text", "Settled.", "--key",
              dir_ + "/us.key", "--key", dir_ + "/ru.key"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::ofstream(dir_ + "/s.json") << r.out;
  r = Bcc({"close", "--key", dir_ + "/ru.key", "--concern", "RU-2022-01", "--outcome", "settled",
           "--statement", dir_ + "/s.json", "--date", "2022-05-02"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out.find("ambiguity"), std::string::npos) << r.out;
  r = Bcc({"show", "RU-2022-01", "--json", "--as-of", "2022-06-01"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const Json j = ParseJson(r.out, "out").value();
  EXPECT_EQ(j.at("status"), "settled");
  EXPECT_EQ(j.at("closed").at("joint_statement").at("signatures").size(), 2u);
}

TEST_F(BccCliTest, ASettlementSignedByOnePartyLeavesItOpen) {
  ASSERT_EQ(Raise("RU-2022-01").code, kExitOk);
  Result r = Verity({"bcc", "statement", "--concern", "RU-2022-01", "--text", "Settled.", "--key",
                     dir_ + "/ru.key"});
  std::ofstream(dir_ + "/s.json") << r.out;
  r = Bcc({"close", "--key", dir_ + "/ru.key", "--concern", "RU-2022-01", "--outcome", "settled",
           "--statement", dir_ + "/s.json", "--date", "2022-05-02"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("(joint_statement_invalid): concern_closed of concern RU-2022-01 by RU: no "
                       "signature of US; the concern stays open"),
            std::string::npos)
      << r.out;
  EXPECT_NE(Bcc({"list", "--as-of", "2022-06-01"}).out.find("  open  "), std::string::npos);
}

TEST_F(BccCliTest, HostileInputIsRefusedWithItsReasonAndNothingIsStored) {
  Result r = Raise("RU 2022");
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("body.concern: expected 1 to 64 of A-Z a-z 0-9 . _ - (e.g. RU-2022-01)"),
            std::string::npos)
      << r.err;
  r = Raise("RU-1", {"--ambiguity", "twelve:late_notification"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err,
            "verity: --ambiguity 'twelve:late_notification': expected ENTRY:KIND, e.g. "
            "12:late_notification\n");
  r = Raise("RU-1", {"--ambiguity", "3:no_such_kind"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("body.ambiguities[0].kind: 'no_such_kind' is not an ambiguity kind"),
            std::string::npos)
      << r.err;
  std::ofstream(dir_ + "/bad.json") << "{\"format\": \"verity-joint-statement/1\", \"concern\": 7}";
  r = Bcc({"close", "--key", dir_ + "/ru.key", "--concern", "RU-1", "--outcome", "settled",
           "--statement", dir_ + "/bad.json"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("body.joint_statement.concern"), std::string::npos) << r.err;
  r = Bcc({"show", "RU-9"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "verity: concern 'RU-9': not in the ledger in " + data_ + "\n");
  EXPECT_EQ(ledger::Ledger::Open(data_).value()->Size().value(), 0u);
}

// The sample history's regime, as `verity check --data` tells it. One
// sample, several dates (the sample is the slow part).
TEST(RegimeCliTest, TheSampleShowsTheSuspensionTheCountermeasuresAndExpiry) {
  const std::string dir = ledger::testing::FreshDir("regime-cli");
  Result r = Verity({"ledger", "sample", "--data", dir, "--from", "2021-09-01"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out.find("concern_"), std::string::npos) << r.out;  // the process adds no ambiguity
  EXPECT_EQ(r.out.find("treaty_"), std::string::npos) << r.out;

  r = Verity({"check", "--data", dir, "--as-of", "2023-07-01"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("on 2023-07-01: in force (since 2011-02-05; expires 2026-02-05)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("RU: participation suspended since 2023-02-21 (treaty event #"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("US: withholds data_exchange since 2023-03-28"), std::string::npos);
  EXPECT_NE(r.out.find("withholds notifications since 2023-06-01"), std::string::npos);
  EXPECT_NE(r.out.find("not_provided_suspended 1 (2023-03-01)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not_provided_countermeasure 1 (2023-03-01)"), std::string::npos);
  EXPECT_NE(r.out.find("last data exchange: data_exchange of 2022-03-01"), std::string::npos)
      << r.out;

  r = Verity({"check", "--data", dir, "--as-of", "2026-03-01", "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const Json j = ParseJson(r.out, "out").value();
  EXPECT_EQ(j.at("state"), "not_in_force");
  EXPECT_EQ(j.at("ends_on"), "2026-02-05");

  r = Verity({"bcc", "list", "--data", dir, "--as-of", "2023-07-01"});
  EXPECT_EQ(r.out.rfind("RU-2022-01  answered  RU -> US  raised 2022-03-31", 0), 0u) << r.out;
  r = Verity({"bcc", "list", "--data", dir, "--as-of", "2026-03-01"});
  EXPECT_EQ(r.out.rfind("RU-2022-01  lapsed  ", 0), 0u) << r.out;

  r = Verity({"check"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "verity: DECL: a declaration is required (or --data DIR for the regime)\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verity::cli

// The commission's concerns: bodies read at the boundary with specific
// errors, and the status and ambiguities replay derives (concerns.h).
#include "ledger/concerns.h"

#include <gtest/gtest.h>

#include "ledger/test_util.h"

namespace verity::ledger {
namespace {

using testing::Signed;
using testing::TestKey;

class ConcernsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = treaty::LoadTreaty("new-start");
    ASSERT_TRUE(t.ok()) << t.status().message();
    treaty_ = std::move(*t);
  }

  // Adds a signed notification of `party` to the log; returns its index.
  uint64_t Add(const std::string& party, const std::string& type, const std::string& occurred,
               Json body, const std::string& sent = "") {
    const SecretKey& key = party == "US" ? us_ : ru_;
    const Json draft = {{"format", 1},
                        {"party", party},
                        {"serial", ++serial_[party]},
                        {"type", type},
                        {"occurred", occurred},
                        {"sent", (sent.empty() ? occurred : sent) + "T12:00:00Z"},
                        {"body", std::move(body)}};
    const uint64_t index = notes_.size();
    notes_.push_back({index, Signed(draft, key)});
    return index;
  }

  uint64_t Raise(const std::string& occurred, Json extra = Json::object()) {
    Json body = {{"concern", "RU-2022-01"},
                 {"addressed_to", "US"},
                 {"question", "Can the 56 converted launchers be confirmed?"},
                 {"provision", "Protocol Part Three, Section I, para 3"}};
    body.update(extra);
    return Add("RU", "concern_raised", occurred, body);
  }

  std::vector<Concern> Derive(Date as_of) {
    found_.clear();
    const std::vector<PublicKey> keys = {us_.pub, ru_.pub};
    return DeriveConcerns(treaty_, keys, notes_, events_, as_of, &found_);
  }

  JointStatement Statement(const std::string& text) {
    JointStatement s;
    s.concern = "RU-2022-01";
    s.text = text;
    return s;
  }

  std::string KindsFound() const {
    std::string out;
    for (const Ambiguity& a : found_) out += std::string(Name(a.kind)) + ";";
    return out;
  }

  treaty::Treaty treaty_;
  SecretKey us_ = TestKey("US", 1), ru_ = TestKey("RU", 2);
  std::map<std::string, int64_t> serial_;
  std::vector<IndexedNotification> notes_;
  std::vector<RegimeEvent> events_;
  std::vector<Ambiguity> found_;
};

TEST_F(ConcernsTest, AnAnswerInTimeMakesItAnswered) {
  Raise("2022-03-31");
  Add("US", "concern_answered", "2022-04-29",
      {{"concern", "RU-2022-01"}, {"answer", "They were."}});
  auto c = Derive(Date::FromYmd(2022, 6, 1));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, ConcernStatus::kAnswered);
  EXPECT_EQ(c[0].due->ToString(), "2022-09-30");  // 183 days after it was sent
  EXPECT_TRUE(found_.empty()) << KindsFound();
}

TEST_F(ConcernsTest, UnansweredPastTheDeadlineIsOverdueAndALateAnswerIsAnAmbiguityButKept) {
  Raise("2022-03-31");
  EXPECT_EQ(Derive(Date::FromYmd(2022, 10, 1))[0].status, ConcernStatus::kOverdue);
  const uint64_t late =
      Add("US", "concern_answered", "2022-11-01", {{"concern", "RU-2022-01"}, {"answer", "Yes."}});
  auto c = Derive(Date::FromYmd(2022, 12, 1));
  EXPECT_EQ(c[0].status, ConcernStatus::kAnswered);
  ASSERT_EQ(c[0].answers.size(), 1u);
  EXPECT_TRUE(c[0].answers[0].late);
  ASSERT_EQ(found_.size(), 1u);
  EXPECT_EQ(found_[0].kind, AmbiguityKind::kConcernAnswerLate);
  EXPECT_EQ(found_[0].index, late);
  EXPECT_NE(found_[0].message.find("after the commission's deadline 2022-09-30"), std::string::npos)
      << found_[0].message;
}

TEST_F(ConcernsTest, AWrongOrUnknownNoteIsAnAmbiguityAndTheNextOneStillCounts) {
  Raise("2022-03-31");
  Add("RU", "concern_answered", "2022-04-01", {{"concern", "RU-2022-01"}, {"answer", "Self."}});
  Add("US", "concern_answered", "2022-04-02", {{"concern", "RU-2099-09"}, {"answer", "What?"}});
  Add("US", "concern_answered", "2022-04-03", {{"concern", "RU-2022-01"}, {"answer", "Fine."}});
  auto c = Derive(Date::FromYmd(2022, 5, 1));
  EXPECT_EQ(c[0].status, ConcernStatus::kAnswered);
  ASSERT_EQ(c[0].answers.size(), 1u);
  EXPECT_EQ(c[0].answers[0].answer, "Fine.");
  EXPECT_EQ(KindsFound(), "concern_wrong_party;concern_unknown;");
  EXPECT_NE(found_[0].message.find("addressed to US, answered by RU"), std::string::npos);
}

TEST_F(ConcernsTest, ADuplicateIdAndAReferenceToALaterEntryAreFlagged) {
  Raise("2022-03-31", {{"entries", {5}}});
  Raise("2022-04-01");
  auto c = Derive(Date::FromYmd(2022, 5, 1));
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(c[0].references.size(), 1u);
  EXPECT_FALSE(c[0].references[0].found);
  EXPECT_EQ(KindsFound(), "concern_reference_invalid;concern_duplicate;");
}

TEST_F(ConcernsTest, ASettlementNeedsAValidSignatureOfEachParty) {
  Raise("2022-03-31");
  JointStatement s = Statement("Agreed: the conversions are confirmed.");
  SignStatement(&s, ru_);
  Add("RU", "concern_closed", "2022-05-01",
      {{"concern", "RU-2022-01"}, {"outcome", "settled"}, {"joint_statement", s.ToJson()}});
  auto c = Derive(Date::FromYmd(2022, 5, 2));
  EXPECT_EQ(c[0].status, ConcernStatus::kOpen);
  ASSERT_EQ(found_.size(), 1u);
  EXPECT_EQ(found_[0].kind, AmbiguityKind::kJointStatementInvalid);
  EXPECT_NE(found_[0].message.find("no signature of US; the concern stays open"), std::string::npos)
      << found_[0].message;

  // A US signature over another text does not verify.
  JointStatement other = Statement("Something else.");
  SignStatement(&other, us_);
  s.signatures.push_back(other.signatures[0]);
  Add("RU", "concern_closed", "2022-05-03",
      {{"concern", "RU-2022-01"}, {"outcome", "settled"}, {"joint_statement", s.ToJson()}});
  Derive(Date::FromYmd(2022, 5, 4));
  ASSERT_EQ(found_.size(), 2u);
  EXPECT_NE(found_[1].message.find("US's signature (key " + us_.pub.key_id + ") does not verify"),
            std::string::npos)
      << found_[1].message;

  s.signatures.pop_back();
  SignStatement(&s, us_);
  Add("US", "concern_closed", "2022-05-05",
      {{"concern", "RU-2022-01"}, {"outcome", "settled"}, {"joint_statement", s.ToJson()}});
  c = Derive(Date::FromYmd(2022, 5, 6));
  EXPECT_EQ(c[0].status, ConcernStatus::kSettled);
  EXPECT_EQ(found_.size(), 2u) << KindsFound();
}

TEST_F(ConcernsTest, UnresolvedOnlyOnASessionDayAndThenClosed) {
  Raise("2019-06-01");
  Add("US", "concern_closed", "2019-10-01", {{"concern", "RU-2022-01"}, {"outcome", "unresolved"}});
  EXPECT_EQ(Derive(Date::FromYmd(2019, 10, 2))[0].status, ConcernStatus::kOpen);
  EXPECT_EQ(KindsFound(), "concern_not_at_session;");
  Add("US", "concern_closed", "2019-11-08", {{"concern", "RU-2022-01"}, {"outcome", "unresolved"}});
  Add("RU", "concern_closed", "2019-11-09", {{"concern", "RU-2022-01"}, {"outcome", "withdrawn"}});
  auto c = Derive(Date::FromYmd(2019, 12, 1));
  EXPECT_EQ(c[0].status, ConcernStatus::kUnresolved);
  EXPECT_EQ(KindsFound(), "concern_not_at_session;concern_already_closed;");
}

TEST_F(ConcernsTest, OnlyTheRaisingPartyWithdraws) {
  Raise("2022-03-31");
  Add("US", "concern_closed", "2022-04-01", {{"concern", "RU-2022-01"}, {"outcome", "withdrawn"}});
  EXPECT_EQ(Derive(Date::FromYmd(2022, 4, 2))[0].status, ConcernStatus::kOpen);
  EXPECT_NE(found_.at(0).message.find("only RU, which raised it, may withdraw it"),
            std::string::npos);
  Add("RU", "concern_closed", "2022-04-03", {{"concern", "RU-2022-01"}, {"outcome", "withdrawn"}});
  EXPECT_EQ(Derive(Date::FromYmd(2022, 4, 4))[0].status, ConcernStatus::kWithdrawn);
}

TEST_F(ConcernsTest, AnOpenConcernLapsesWithTheTreatyAndNothingIsRaisedAfterIt) {
  Raise("2022-03-31");
  Add("US", "concern_answered", "2022-04-29", {{"concern", "RU-2022-01"}, {"answer", "Yes."}});
  EXPECT_EQ(Derive(Date::FromYmd(2026, 2, 4))[0].status, ConcernStatus::kAnswered);
  EXPECT_EQ(Derive(Date::FromYmd(2026, 2, 5))[0].status, ConcernStatus::kLapsed);
  Add("RU", "concern_raised", "2026-03-01",
      {{"concern", "RU-2026-01"}, {"addressed_to", "US"}, {"question", "?"}, {"provision", "-"}});
  auto c = Derive(Date::FromYmd(2026, 4, 1));
  EXPECT_EQ(c.size(), 1u);
  ASSERT_EQ(found_.size(), 1u);
  EXPECT_EQ(found_[0].kind, AmbiguityKind::kTreatyNotInForce);
  EXPECT_NE(found_[0].message.find("the treaty is not in force since 2026-02-05"),
            std::string::npos)
      << found_[0].message;
}

// Each hostile body is refused at the boundary, naming the member and why.
TEST(ConcernBodyTest, HostileBodiesAreRefusedWithTheirPath) {
  const std::string big(limits::kMaxConcernTextBytes + 1, 'x');
  struct Case {
    std::string type;
    Json body;
    std::string error;
  };
  const Json raised = {
      {"concern", "RU-1"}, {"addressed_to", "US"}, {"question", "q"}, {"provision", "p"}};
  auto with = [](Json j, const std::string& k, Json v) {
    j[k] = std::move(v);
    return j;
  };
  const Case cases[] = {
      {"concern_raised", with(raised, "concern", "RU 1"),
       "body.concern: expected 1 to 64 of A-Z a-z 0-9 . _ -"},
      {"concern_raised", with(raised, "concern", std::string(65, 'a')), "body.concern: expected"},
      {"concern_raised", with(raised, "question", big),
       "body.question: 16385 bytes, more than the limit of 16384"},
      {"concern_raised", with(raised, "entries", Json::array({-1})),
       "body.entries[0]: expected a log index in 0.."},
      {"concern_raised", with(raised, "ambiguities", Json::array({{{"entry", 1}, {"kind", "x"}}})),
       "body.ambiguities[0].kind: 'x' is not an ambiguity kind"},
      {"concern_raised", with(raised, "entries", Json(std::vector<int>(1025, 1))),
       "body.entries: more references than the limit of 1024"},
      {"concern_raised", Json{{"concern", "RU-1"}, {"question", "q"}, {"provision", "p"}},
       "body.addressed_to: missing (required)"},
      {"concern_closed", Json{{"concern", "RU-1"}, {"outcome", "settled"}},
       "body.joint_statement: missing (a settlement carries the joint statement)"},
      {"concern_closed", Json{{"concern", "RU-1"}, {"outcome", "dropped"}},
       "body.outcome: 'dropped' is not an outcome"},
      {"concern_closed",
       Json{{"concern", "RU-1"},
            {"outcome", "settled"},
            {"joint_statement",
             {{"format", kJointStatementFormat},
              {"concern", "RU-2"},
              {"text", "t"},
              {"signatures", Json::array()}}}},
       "body.joint_statement.concern: 'RU-2' is not the concern closed ('RU-1')"},
      {"treaty_event", Json{{"event", "countermeasure"}},
       "body.duties: missing (a countermeasure names the duties it withholds)"},
      {"treaty_event", Json{{"event", "suspension"}, {"duties", {"telemetry"}}},
       "body.duties: only a countermeasure or a resumption names duties, not a suspension"},
      {"treaty_event", Json{{"event", "countermeasure"}, {"duties", {"telemetry", "telemetry"}}},
       "body.duties[1]: 'telemetry' is named twice"},
      {"treaty_event", Json{{"event", "countermeasure"}, {"duties", {"visas"}}},
       "body.duties[0]: expected a duty (one of: data_exchange, notifications, inspections, "
       "telemetry)"},
  };
  for (const Case& c : cases) {
    const Json draft = {{"format", 1},
                        {"party", "RU"},
                        {"serial", 1},
                        {"type", c.type},
                        {"occurred", "2022-03-31"},
                        {"sent", "2022-03-31T12:00:00Z"},
                        {"body", c.body}};
    auto n = ParseNotification(draft, Draft::kUnsigned, "n");
    ASSERT_FALSE(n.ok()) << c.body.dump();
    EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(n.status().message().find(c.error), std::string::npos)
        << n.status().message() << "\n  expected: " << c.error;
  }
}

}  // namespace
}  // namespace verity::ledger

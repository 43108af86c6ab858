// The escrow protocol end to end on the shipped US 2020 declaration
// (commitment, two stages, a designation with a beacon, openings), then
// each way of breaking it, flagged with its kind and message; and once
// through a real ledger (signed entries, the type index, the replayed state).
#include "escrow/audit.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "escrow/commitment.h"
#include "escrow/designation.h"
#include "escrow/stage.h"
#include "escrow/test_util.h"
#include "forces/declaration_io.h"
#include "ledger/replay.h"
#include "ledger/test_util.h"
#include "tlog/merkle.h"
#include "treaty/treaty.h"

namespace verity::escrow {
namespace {

using ledger::AmbiguityKind;

using testing::Filled;

Json Draft(const std::string& party, int64_t serial, const std::string& type,
           const std::string& occurred, Json body) {
  return {{"format", 1},
          {"party", party},
          {"serial", serial},
          {"type", type},
          {"occurred", occurred},
          {"sent", occurred + "T12:00:00Z"},
          {"body", std::move(body)}};
}

class EscrowAudit : public ::testing::Test {
 protected:
  void SetUp() override {
    treaty_ = treaty::LoadTreaty("new-start").value();
    counter_ = std::make_unique<forces::Counter>(treaty_);
    decl_ = forces::LoadShippedDeclaration("us-2020-09-01").value();
    escrow_ = Commit(decl_, *counter_, "us-2020", SystemRandom()).value();
    states_ = [this](const std::string&, Date) -> StatusOr<forces::Declaration> { return decl_; };
    beacon_ = {1000, Sha256("sig"), {'s', 'i', 'g'}, {}};
  }

  // Everything up to the designation (its inputs).
  std::vector<Json> UpToReveals(const std::string& ru_reveal_day = "2020-10-05") {
    const DesignationTerms terms{20, Date::Parse("2020-10-10").value(),
                                 Date::Parse("2020-10-20").value(), 1000};
    return {
        Draft("US", 1, "escrow_commitment", "2020-09-02", CommitmentBody(escrow_)),
        Draft("US", 2, "escrow_reveal", "2020-09-10",
              RevealBody(escrow_, ParseStageSpec("s1:category=deployed_heavy_bomber").value())
                  .value()),
        Draft("US", 3, "escrow_reveal", "2020-09-20",
              RevealBody(escrow_, ParseStageSpec("s2:facility=kings-bay").value()).value()),
        Draft("RU", 1, "escrow_randomness_commit", "2020-10-01",
              RandomnessCommitBody("us-2020", "d1", "RU", Filled(0x22), terms)),
        Draft("US", 4, "escrow_randomness_commit", "2020-10-02",
              RandomnessCommitBody("us-2020", "d1", "US", Filled(0x11), std::nullopt)),
        Draft("US", 5, "escrow_randomness_reveal", "2020-10-04",
              RandomnessRevealBody("us-2020", "d1", Filled(0x11))),
        Draft("RU", 2, "escrow_randomness_reveal", ru_reveal_day,
              RandomnessRevealBody("us-2020", "d1", Filled(0x22))),
    };
  }

  std::vector<Json> Full() {
    std::vector<Json> drafts = UpToReveals();
    const Json designation = DesignationBodyFor(Run(drafts), "us-2020", "d1", beacon_).value();
    drafts.push_back(Draft("RU", 3, "escrow_designation", "2020-10-06", designation));
    std::vector<uint64_t> leaves = designation.at("leaves").get<std::vector<uint64_t>>();
    drafts.push_back(
        Draft("US", 6, "escrow_opening", "2020-10-15", OpeningBody(escrow_, "d1", leaves).value()));
    return drafts;
  }

  AuditReport Run(const std::vector<Json>& drafts, const std::string& as_of = "2020-11-01") {
    std::vector<EscrowEntry> entries;
    for (size_t i = 0; i < drafts.size(); ++i) {
      auto n = ledger::ParseNotification(drafts[i], ledger::Draft::kUnsigned, "");
      EXPECT_TRUE(n.ok()) << n.status().message();
      entries.push_back({i, std::move(*n)});
    }
    return Audit(entries, *counter_, states_, Date::Parse(as_of).value());
  }

  // The one finding of `r`, of `kind`, whose message holds `part`.
  static void ExpectOnly(const AuditReport& r, AmbiguityKind kind, const std::string& part) {
    ASSERT_EQ(r.findings.size(), 1u) << r.ToJson().at("findings").dump(1);
    EXPECT_EQ(r.findings[0].kind, kind) << r.findings[0].message;
    EXPECT_NE(r.findings[0].message.find(part), std::string::npos) << r.findings[0].message;
  }

  treaty::Treaty treaty_;
  std::unique_ptr<forces::Counter> counter_;
  forces::Declaration decl_;
  Escrow escrow_;
  StateSource states_;
  ledger::DrandBeacon beacon_;
};

TEST_F(EscrowAudit, UsDeclarationFromCommitmentToVerifiedOpenings) {
  const AuditReport r = Run(Full());
  EXPECT_TRUE(r.findings.empty()) << r.ToJson().at("findings").dump(1);
  ASSERT_EQ(r.escrows.size(), 1u);
  const EscrowReport& e = r.escrows[0];
  EXPECT_TRUE(e.state_checked);
  ASSERT_EQ(e.stages.size(), 2u);
  EXPECT_GT(e.stages[0].verified, 0);
  EXPECT_EQ(e.stages[0].verified, e.stages[0].opened);
  ASSERT_EQ(e.designations.size(), 1u);
  EXPECT_EQ(e.designations[0].verified.size(), 20u);
  // 20 of N leaves against 10 false ones: 1 - C(N-10,20)/C(N,20), stated in the report.
  const Json table = r.ToJson()["escrows"][0]["designations"][0]["detection"];
  ASSERT_GE(table.size(), 4u);
  EXPECT_EQ(table[3]["defects"], 10);
  EXPECT_GT(table[3]["probability"].get<double>(), 0.0);
}

TEST_F(EscrowAudit, ForgedOpeningIsFlagged) {
  std::vector<Json> d = Full();
  Json& proof = d.back()["body"]["openings"][0]["proof"];
  std::string h = proof[0];
  h[0] = h[0] == '0' ? '1' : '0';
  proof[0] = h;
  ExpectOnly(Run(d, "2020-10-16"), AmbiguityKind::kEscrowOpeningInvalid,
             "the proof does not lead from leaf");
}

TEST_F(EscrowAudit, SwappedItemIsFlagged) {
  std::vector<Json> d = Full();
  Json& openings = d.back()["body"]["openings"];
  openings[0]["item"] = openings[1]["item"];
  ExpectOnly(Run(d, "2020-10-16"), AmbiguityKind::kEscrowOpeningInvalid,
             "the salt and item do not give the leaf");
}

TEST_F(EscrowAudit, ReusedSaltIsFlagged) {
  // A host that reused a salt for two leaves of its commitment.
  escrow_.leaves[1].salt = escrow_.leaves[0].salt;
  escrow_.leaves[1].hash = RecordLeafHash(escrow_.leaves[1].salt, escrow_.leaves[1].item).value();
  escrow_.root = tlog::RootOf(escrow_.LeafHashes());
  const auto facility = [&](size_t i) {
    return escrow_.leaves[i].item.at("facility").get<std::string>();
  };
  const std::string spec =
      "s1:facility=" + facility(0) + (facility(1) == facility(0) ? "" : "," + facility(1));
  const std::vector<Json> d = {
      Draft("US", 1, "escrow_commitment", "2020-09-02", CommitmentBody(escrow_)),
      Draft("US", 2, "escrow_reveal", "2020-09-10",
            RevealBody(escrow_, ParseStageSpec(spec).value()).value())};
  const AuditReport r = Run(d);
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].kind, AmbiguityKind::kEscrowOpeningInvalid);
  EXPECT_NE(r.findings[0].message.find("has the salt of leaf 0"), std::string::npos)
      << r.findings[0].message;
}

TEST_F(EscrowAudit, RepeatedSaltFromTheRandomSourceIsRefusedAtCommit) {
  const RandomBytes stuck = [](std::span<uint8_t> out) { std::fill(out.begin(), out.end(), 7); };
  const Status s = Commit(decl_, *counter_, "us-2020", stuck).status();
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("repeated a salt"), std::string::npos);
}

TEST_F(EscrowAudit, ChangedBeaconValueIsRefusedAndFlagged) {
  ledger::DrandBeacon changed = beacon_;
  changed.randomness[5] ^= 0x80;
  const Status s = DesignationBodyFor(Run(UpToReveals()), "us-2020", "d1", changed).status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("randomness is not SHA-256 of the signature"), std::string::npos);
  std::vector<Json> d = Full();
  d.pop_back();  // the openings
  d.back()["body"]["beacon"]["randomness"] = ToHex(changed.randomness);
  ExpectOnly(Run(d), AmbiguityKind::kEscrowDesignationInvalid,
             "randomness is not SHA-256 of the signature");
}

TEST_F(EscrowAudit, LateAndMissingRevealsAreFlagged) {
  ExpectOnly(Run(UpToReveals("2020-10-15")), AmbiguityKind::kEscrowLate,
             "RU revealed its value on 2020-10-15, after 2020-10-10");
  std::vector<Json> d = UpToReveals();
  d.pop_back();
  ExpectOnly(Run(d), AmbiguityKind::kEscrowLate,
             "RU has not revealed a valid value for designation d1 by 2020-10-10");
  EXPECT_TRUE(Run(d, "2020-10-09").findings.empty());  // not due yet
}

TEST_F(EscrowAudit, MissingOpeningsAfterTheDeadlineAreFlagged) {
  std::vector<Json> d = Full();
  d.pop_back();
  ExpectOnly(Run(d), AmbiguityKind::kEscrowLate, "20 designated leaves of d1 not opened");
}

TEST_F(EscrowAudit, WrongRevealedValueAndEarlyRevealAreFlagged) {
  std::vector<Json> d = UpToReveals();
  d[6]["body"]["value"] = ToHex(Filled(0x23).data(), 32);
  ExpectOnly(Run(d, "2020-10-09"), AmbiguityKind::kEscrowDesignationInvalid,
             "the value RU revealed does not match its commitment");
  std::vector<Json> early = UpToReveals();
  std::swap(early[4], early[5]);  // US reveals before committing... then commits
  const AuditReport r = Run(early, "2020-10-09");
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].kind, AmbiguityKind::kEscrowProtocol);
}

TEST_F(EscrowAudit, ItemThatContradictsTheStateIsFlagged) {
  forces::Declaration changed = decl_;
  const std::string uid = escrow_.leaves[0].item.at("uid");
  for (auto& it : changed.items) {
    if (it.uid == uid) it.eliminated = !it.eliminated;
  }
  states_ = [&](const std::string&, Date) -> StatusOr<forces::Declaration> { return changed; };
  const std::string spec =
      "s1:facility=" + escrow_.leaves[0].item.at("facility").get<std::string>();
  const std::vector<Json> d = {
      Draft("US", 1, "escrow_commitment", "2020-09-02", CommitmentBody(escrow_)),
      Draft("US", 2, "escrow_reveal", "2020-09-10",
            RevealBody(escrow_, ParseStageSpec(spec).value()).value())};
  const AuditReport r = Run(d);
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].kind, AmbiguityKind::kEscrowContradictsState);
  EXPECT_NE(r.findings[0].message.find("differs from the replayed state of US on 2020-09-01"),
            std::string::npos)
      << r.findings[0].message;
}

TEST_F(EscrowAudit, TotalsThatDisagreeAreFlagged) {
  std::vector<Json> d = UpToReveals();
  for (Json& t : d[0]["body"]["totals"]) {
    if (t["category"] == "deployed_heavy_bomber") t["count"] = t["count"].get<int64_t>() + 1;
  }
  const AuditReport r = Run({d[0], d[1]});
  ExpectOnly(r, AmbiguityKind::kEscrowTotalsDiffer, "items of deployed_heavy_bomber revealed, but");
}

TEST_F(EscrowAudit, ThroughARealLedger) {
  const std::string dir = ledger::testing::FreshDir("escrow-ledger");
  const auto us = ledger::testing::TestKey("US", 1), ru = ledger::testing::TestKey("RU", 2);
  const std::vector<ledger::PublicKey> keys{us.pub, ru.pub};
  ASSERT_TRUE(ledger::Ledger::Init(dir, keys).ok());
  auto l = ledger::Ledger::Open(dir);
  ASSERT_TRUE(l.ok()) << l.status().message();
  (*l)->set_ambiguity_finder(ledger::MakeAmbiguityFinder(l->get(), counter_.get()));
  std::vector<ledger::BatchItem> batch;
  batch.push_back(
      {ledger::SignNotification(Draft("US", 1, "data_exchange", "2020-09-01",
                                      {{"declaration", forces::DeclarationToJson(decl_)}}),
                                us)
           .value(),
       "exchange"});
  int64_t us_serial = 1;
  for (Json d : Full()) {
    if (d["party"] == "US") d["serial"] = ++us_serial;
    batch.push_back({ledger::SignNotification(d, d["party"] == "US" ? us : ru).value(), "escrow"});
  }
  auto appended = (*l)->Append(batch, ledger::testing::TestNow());
  ASSERT_TRUE(appended.ok()) << appended.status().message();
  auto r = AuditLedger(**l, *counter_, Date::Parse("2020-11-01").value());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->findings.empty()) << r->ToJson().at("findings").dump(1);
  ASSERT_EQ(r->escrows.size(), 1u);
  EXPECT_TRUE(r->escrows[0].state_checked);
  EXPECT_EQ(r->escrows[0].designations.at(0).verified.size(), 20u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verity::escrow

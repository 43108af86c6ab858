// Submitting notifications and reading the ledger over a real HTTP server.
#include <gtest/gtest.h>

#include "core/hash.h"
#include "ledger/keys.h"
#include "ledger/proofs.h"
#include "ledger/test_util.h"
#include "server/test_server.h"
#include "tlog/checkpoint.h"
#include "tlog/merkle.h"

namespace verity::server {
namespace {

using ledger::testing::MovementDraft;

Answer Call(const httplib::Result& res) { return {res ? res->status : 0, ResponseJson(res)}; }

class LedgerApiTest : public ::testing::Test {
 protected:
  Answer Submit(const std::string& token, const Json& notification) {
    return Call(ts_.Client()->Post("/api/v1/notifications", TestServer::Bearer(token),
                                   notification.dump(), "application/json"));
  }
  Answer Get(const std::string& path, const std::string& token = "") {
    return Call(token.empty() ? ts_.Client()->Get(path)
                              : ts_.Client()->Get(path, TestServer::Bearer(token)));
  }
  static Json SignedBy(const ledger::SecretKey& key, int64_t serial) {
    return ledger::SignNotification(MovementDraft(key.pub.party, serial), key).value();
  }
  uint64_t Size() { return Get("/api/v1/ledger/entries", kAdminToken).body.at("tree_size"); }

  TestServer ts_;
};

std::vector<Hash256> Hashes(const Json& hex) {
  std::vector<Hash256> out;
  for (const Json& h : hex) out.push_back(HashFromHex(h.get<std::string>()).value());
  return out;
}

TEST_F(LedgerApiTest, SubmissionAnswersWithLeafIndexTreeHeadAndAProofThatChecks) {
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 1)).status, 201);
  const Json n = SignedBy(UsKey(), 2);
  const Answer a = Submit(kUsToken, n);
  ASSERT_EQ(a.status, 201) << a.body.dump();
  EXPECT_EQ(a.body.at("leaf_index"), 1);
  EXPECT_EQ(a.body.at("tree_head").at("size"), 2);
  const auto entry = ledger::ParseNotification(n, ledger::Draft::kSigned, "n").value().EntryBytes();
  const Hash256 root = HashFromHex(a.body.at("tree_head").at("root").get<std::string>()).value();
  EXPECT_TRUE(
      tlog::VerifyInclusion(1, 2, tlog::LeafHash(entry), Hashes(a.body.at("inclusion_proof")), root)
          .ok());
}

// Every tree size from 1 to 19 (frontiers of one to five subtrees): each
// answer's proof checks against its own head, and the leaf hash is the entry's.
TEST_F(LedgerApiTest, EverySubmissionsProofChecksWhateverTheTreeShape) {
  for (int64_t serial = 1; serial <= 19; ++serial) {
    const Json n = SignedBy(UsKey(), serial);
    const Answer a = Submit(kUsToken, n);
    ASSERT_EQ(a.status, 201) << a.body.dump();
    const uint64_t index = a.body.at("leaf_index");
    const uint64_t size = a.body.at("tree_head").at("size");
    ASSERT_EQ(size, index + 1);
    const Hash256 leaf = tlog::LeafHash(
        ledger::ParseNotification(n, ledger::Draft::kSigned, "n").value().EntryBytes());
    EXPECT_EQ(a.body.at("leaf_hash"), ToHex(leaf));
    const Hash256 root = HashFromHex(a.body.at("tree_head").at("root").get<std::string>()).value();
    EXPECT_TRUE(
        tlog::VerifyInclusion(index, size, leaf, Hashes(a.body.at("inclusion_proof")), root).ok())
        << "tree size " << size;
  }
}

TEST_F(LedgerApiTest, PartyCannotSubmitTheOthersNotificationAndNothingIsStored) {
  const Answer a = Submit(kUsToken, SignedBy(RuKey(), 1));
  EXPECT_EQ(a.status, 403);
  EXPECT_EQ(a.body.at("code"), "permission_denied");
  EXPECT_EQ(a.body.at("message"),
            "a party may submit only its own notifications: token of US, notification of RU");
  EXPECT_EQ(Size(), 0u);
}

TEST_F(LedgerApiTest, NotificationClaimingUsButSignedWithTheRussianKeyIsRejected) {
  Json draft = MovementDraft("US", 1);
  Json forged = ledger::SignNotification(MovementDraft("RU", 1), RuKey()).value();
  draft["key_id"] = forged.at("key_id");
  draft["signature"] = forged.at("signature");
  const Answer a = Submit(kUsToken, draft);
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(a.body.at("code"), "invalid_argument");
  EXPECT_EQ(Size(), 0u);
}

TEST_F(LedgerApiTest, ObserverAndAdminCannotSubmitAndAnonymousMustAuthenticate) {
  EXPECT_EQ(Submit(kObserverToken, SignedBy(UsKey(), 1)).status, 403);
  EXPECT_EQ(Submit(kAdminToken, SignedBy(UsKey(), 1)).status, 403);
  EXPECT_EQ(Submit("", SignedBy(UsKey(), 1)).status, 401);
  EXPECT_EQ(Submit("forged-token", SignedBy(UsKey(), 1)).status, 401);
  EXPECT_EQ(Size(), 0u);
}

TEST_F(LedgerApiTest, ReplayedNotificationIsRejectedAndStoredOnce) {
  const Json n = SignedBy(UsKey(), 1);
  ASSERT_EQ(Submit(kUsToken, n).status, 201);
  const Answer again = Submit(kUsToken, n);
  EXPECT_EQ(again.status, 409) << again.body.dump();
  EXPECT_EQ(again.body.at("code"), "already_exists");
  EXPECT_NE(again.body.at("message").get<std::string>().find("repeats or precedes serial 1"),
            std::string::npos);
  EXPECT_EQ(Size(), 1u);
}

TEST_F(LedgerApiTest, MalformedJsonIs400AndStoresNothing) {
  auto res = ts_.Client()->Post("/api/v1/notifications", TestServer::Bearer(kUsToken),
                                "{\"party\": \"US\",", "application/json");
  const Answer a = Call(res);
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.body.at("code"), "malformed_request");
  EXPECT_EQ(Size(), 0u);
}

TEST_F(LedgerApiTest, SchemaErrorNamesTheField) {
  Json n = SignedBy(UsKey(), 1);
  n["serial"] = "one";
  const Answer a = Submit(kUsToken, n);
  EXPECT_EQ(a.status, 422);
  EXPECT_NE(a.body.at("message").get<std::string>().find("serial"), std::string::npos)
      << a.body.dump();
  EXPECT_EQ(Size(), 0u);
}

// A null in a typed member (here each one the review named) is the party's
// error, 422 with its path, before anything is signed off or stored.
TEST_F(LedgerApiTest, ANullInABodyIs422NamingItsPathAndStoresNothing) {
  const std::vector<std::pair<Json, std::string>> cases = {
      {{{"type", "loading"},
        {"body", {{"missile", "M-1"}, {"launcher", "S-1"}, {"warheads", nullptr}}}},
       "warheads"},
      {{{"type", "new_type"},
        {"body",
         {{"id", "b21"}, {"name", nullptr}, {"class", "heavy_bomber"}, {"kind", "heavy_bomber"}}}},
       "name"},
      {{{"type", "new_type"},
        {"body",
         {{"id", "mm4"},
          {"name", "MM4"},
          {"class", "icbm"},
          {"kind", "missile"},
          {"max_warheads", nullptr}}}},
       "max_warheads"},
      {{{"type", "new_type"},
        {"body",
         {{"id", "b21"},
          {"name", "B-21"},
          {"class", "heavy_bomber"},
          {"kind", "heavy_bomber"},
          {"capacity", nullptr}}}},
       "capacity"},
  };
  for (const auto& [change, member] : cases) {
    Json n = SignedBy(UsKey(), 1);
    n["type"] = change.at("type");
    n["body"] = change.at("body");
    const Answer a = Submit(kUsToken, n);
    EXPECT_EQ(a.status, 422) << a.body.dump();
    EXPECT_EQ(a.body.at("code"), "invalid_argument");
    EXPECT_EQ(a.body.at("message"), "notification: body." + member + ": null is not allowed");
  }
  EXPECT_EQ(Size(), 0u);
}

TEST_F(LedgerApiTest, TamperedSignatureIsRejected) {
  Json n = SignedBy(UsKey(), 1);
  n["body"]["to"] = "MINOT";
  const Answer a = Submit(kUsToken, n);
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Size(), 0u);
}

TEST_F(LedgerApiTest, ObserverSeesTheTreeHeadButNotTheEntries) {
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 1)).status, 201);
  EXPECT_EQ(Get("/api/v1/ledger/head", kObserverToken).body.at("tree_head").at("size"), 1);
  EXPECT_EQ(Get("/api/v1/ledger/head").status, 200);
  const Answer entries = Get("/api/v1/ledger/entries", kObserverToken);
  EXPECT_EQ(entries.status, 403);
  EXPECT_EQ(entries.body.at("code"), "permission_denied");
  EXPECT_EQ(Get("/api/v1/ledger/entries").status, 401);
  EXPECT_EQ(Get("/api/v1/ledger/proofs/inclusion?index=0", kObserverToken).status, 403);
  EXPECT_EQ(Get("/api/v1/ambiguities", kObserverToken).status, 403);
}

// GET /checkpoint: the C2SP checkpoint note, public, as text; the JSON head
// carries the same note and the vkey that opens it.
TEST_F(LedgerApiTest, TheCheckpointIsServedAsASignedNote) {
  const auto empty = ts_.Client()->Get("/checkpoint");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 404);
  EXPECT_EQ(ResponseJson(empty).at("message"), "the ledger is empty (no signed tree head yet)");
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 1)).status, 201);
  const auto res = ts_.Client()->Get("/checkpoint");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  const Answer head = Get("/api/v1/ledger/head");
  EXPECT_EQ(head.body.at("checkpoint"), res->body);
  tlog::VerifierSet known;
  ASSERT_TRUE(
      known.Add(tlog::Verifier::Parse(head.body.at("log_vkey").get<std::string>()).value()).ok());
  const auto opened = tlog::OpenCheckpoint(res->body, known);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->checkpoint.size, 1u);
  EXPECT_EQ(ToHex(opened->checkpoint.root), head.body.at("tree_head").at("root"));
  const auto post = ts_.Client()->Post("/checkpoint", "", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST_F(LedgerApiTest, EntriesArePagedForBothParties) {
  for (int s = 1; s <= 3; ++s) ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), s)).status, 201);
  for (int s = 1; s <= 2; ++s) ASSERT_EQ(Submit(kRuToken, SignedBy(RuKey(), s)).status, 201);
  const Answer page = Get("/api/v1/ledger/entries?start=2&limit=2", kRuToken);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.at("tree_size"), 5);
  ASSERT_EQ(page.body.at("entries").size(), 2u);
  EXPECT_EQ(page.body.at("entries").at(0).at("index"), 2);
  EXPECT_EQ(page.body.at("entries").at(1).at("notification").at("party"), "RU");
  EXPECT_EQ(page.body.at("next"), 4);
  EXPECT_TRUE(Get("/api/v1/ledger/entries?start=4", kUsToken).body.at("next").is_null());
  EXPECT_EQ(Get("/api/v1/ledger/entries/4", kUsToken).body.at("notification").at("serial"), 2);
  EXPECT_EQ(Get("/api/v1/ledger/entries/5", kUsToken).status, 404);
  EXPECT_EQ(Get("/api/v1/ledger/entries/x", kUsToken).status, 422);
  EXPECT_EQ(Get("/api/v1/ledger/entries?limit=0", kUsToken).status, 422);
}

TEST_F(LedgerApiTest, ConsistencyProofBetweenTwoHeadsChecks) {
  for (int s = 1; s <= 3; ++s) ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), s)).status, 201);
  const Answer p = Get("/api/v1/ledger/proofs/consistency?from=1&to=3", kUsToken);
  ASSERT_EQ(p.status, 200) << p.body.dump();
  EXPECT_TRUE(
      tlog::VerifyConsistency(1, 3, HashFromHex(p.body.at("root_from").get<std::string>()).value(),
                              HashFromHex(p.body.at("root_to").get<std::string>()).value(),
                              Hashes(p.body.at("proof")))
          .ok());
}

TEST_F(LedgerApiTest, InclusionProofDocumentChecksWithTheLedgersChecker) {
  for (int s = 1; s <= 3; ++s) ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), s)).status, 201);
  const Answer p = Get("/api/v1/ledger/proofs/inclusion?index=1", kAdminToken);
  ASSERT_EQ(p.status, 200);
  EXPECT_TRUE(ledger::CheckProof(p.body, nullptr).ok());
  EXPECT_EQ(Get("/api/v1/ledger/proofs/inclusion?index=9", kAdminToken).status, 422);
  EXPECT_EQ(Get("/api/v1/ledger/proofs/inclusion", kAdminToken).status, 422);
}

TEST_F(LedgerApiTest, InspectionNoticesCountAgainstTheQuotaOfTheirTreatyYear) {
  for (int s = 1; s <= 2; ++s) {
    Json draft = MovementDraft("US", s);
    draft["type"] = "inspection_notice";
    draft["occurred"] = "2012-06-0" + std::to_string(s);  // treaty year 2
    draft["body"] = {{"kind", "type_one"}, {"site", "KOZELSK"}, {"inspected_party", "RU"}};
    ASSERT_EQ(Submit(kUsToken, ledger::SignNotification(draft, UsKey()).value()).status, 201);
  }
  const Answer a = Get("/api/v1/inspections/quotas", kRuToken);
  ASSERT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(a.body.at("year"), 2);
  EXPECT_EQ(a.body.at("inspections").size(), 2u);
  bool found = false;
  for (const Json& q : a.body.at("quotas")) {
    if (q.at("party") == "US" && q.at("quota") == "type_one") {
      EXPECT_EQ(q.at("used"), 2);
      EXPECT_EQ(q.at("allowed"), 10);
      found = true;
    }
    if (q.at("party") == "RU") {
      EXPECT_EQ(q.at("used"), 0);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Get("/api/v1/inspections/quotas?year=3", kRuToken).body.at("inspections").size(), 0u);
  EXPECT_EQ(Get("/api/v1/inspections/quotas", kObserverToken).status, 403);
}

TEST_F(LedgerApiTest, MovingAnItemTheRecordDoesNotKnowIsStoredAndFlagged) {
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 1)).status, 201);
  const Answer a = Get("/api/v1/ambiguities?party=US", kUsToken);
  ASSERT_EQ(a.status, 200);
  ASSERT_FALSE(a.body.at("ambiguities").empty()) << a.body.dump();
  EXPECT_EQ(a.body.at("ambiguities").at(0).at("index"), 0);
  EXPECT_TRUE(Get("/api/v1/ambiguities?party=RU", kUsToken).body.at("ambiguities").empty());
}

TEST_F(LedgerApiTest, ReplayedStateComplianceAndTimelineOfAParty) {
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 1)).status, 201);
  const Answer state = Get("/api/v1/parties/US/state?as_of=2012-12-31", kRuToken);
  ASSERT_EQ(state.status, 200) << state.body.dump();
  EXPECT_EQ(state.body.at("party"), "US");
  const Answer compliance = Get("/api/v1/parties/US/compliance?as_of=2012-12-31", kAdminToken);
  ASSERT_EQ(compliance.status, 200) << compliance.body.dump();
  EXPECT_EQ(compliance.body.at("limits").size(), 3u);
  const Answer timeline = Get("/api/v1/parties/US/timeline", kUsToken);
  ASSERT_EQ(timeline.status, 200) << timeline.body.dump();
  EXPECT_EQ(timeline.body.at("limits"), Json::array({"deployed", "warheads", "launchers"}));
}

TEST_F(LedgerApiTest, ThePartysNextSerialFollowsItsLastStoredOne) {
  const Answer none = Get("/api/v1/ledger/serials/US", kRuToken);
  ASSERT_EQ(none.status, 200) << none.body.dump();
  EXPECT_EQ(none.body, Json({{"party", "US"}, {"last_serial", 0}, {"next_serial", 1}}));
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 1)).status, 201);
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 2)).status, 201);
  ASSERT_EQ(Submit(kRuToken, SignedBy(RuKey(), 1)).status, 201);
  ASSERT_EQ(Submit(kUsToken, SignedBy(UsKey(), 2)).status, 409);  // refused: nothing changes
  const Answer us = Get("/api/v1/ledger/serials/US", kUsToken);
  EXPECT_EQ(us.body, Json({{"party", "US"}, {"last_serial", 2}, {"next_serial", 3}}));
  EXPECT_EQ(Get("/api/v1/ledger/serials/RU", kAdminToken).body.at("next_serial"), 2);
}

TEST_F(LedgerApiTest, SerialsOfAnUnknownPartyAre404NamingItAndNeedADetailToken) {
  const Answer fr = Get("/api/v1/ledger/serials/FR", kUsToken);
  EXPECT_EQ(fr.status, 404);
  EXPECT_EQ(fr.body.at("message"), "no party 'FR'");
  const Answer odd = Get("/api/v1/ledger/serials/U%22S%3C", kUsToken);
  EXPECT_EQ(odd.status, 404);
  EXPECT_EQ(odd.body.at("message"), "no party 'U\"S<'");
  EXPECT_EQ(Get("/api/v1/ledger/serials/US", kObserverToken).status, 403);
  EXPECT_EQ(Get("/api/v1/ledger/serials/US").status, 401);
}

TEST_F(LedgerApiTest, ReplayNeedsAKnownPartyAndADate) {
  EXPECT_EQ(Get("/api/v1/parties/FR/state?as_of=2012-01-01", kUsToken).status, 404);
  const Answer missing = Get("/api/v1/parties/US/state", kUsToken);
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.body.at("message"), "query parameter 'as_of' (YYYY-MM-DD) is required");
  EXPECT_EQ(Get("/api/v1/parties/US/state?as_of=2012-01-01", kObserverToken).status, 403);
}

}  // namespace
}  // namespace verity::server

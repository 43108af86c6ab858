// Typed notification bodies (ledger/body.h): one rule for null, types,
// required and unknown members, each refused with its path before anything
// is signed or stored; open inspection bodies keep their extra members.
#include "ledger/body.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/file_io.h"
#include "ledger/batch.h"
#include "ledger/event.h"
#include "ledger/test_util.h"

namespace verity::ledger {
namespace {

using testing::MovementDraft;

// A body of each type with every member it knows.
std::map<std::string, Json> FullBodies() {
  return {
      {"data_exchange",
       {{"declaration",
         {{"format", "verity-declaration/1"},
          {"party", "US"},
          {"as_of", "2012-03-04"},
          {"facilities", {{{"id", "minot"}, {"type", "icbm_base"}}}},
          {"types", Json::array()},
          {"items", Json::array()}}}}},
      {"production",
       {{"uid", "T-1"},
        {"type", "d5-tube"},
        {"facility", "kings-bay"},
        {"role", "test"},
        {"submarine", "SSBN-1"}}},
      {"movement",
       {{"uid", "B-1"}, {"from", "minot"}, {"to", "at_sea"}, {"departed", "2012-03-01"}}},
      {"loading", {{"missile", "M-1"}, {"launcher", "S-1"}, {"warheads", 1}}},
      {"unloading", {{"missile", "M-1"}, {"launcher", "S-1"}}},
      {"warhead_change", {{"missile", "M-1"}, {"warheads", 3}}},
      {"conversion_started", {{"uid", "B-1"}, {"procedure", "to non-nuclear"}}},
      {"conversion_completed", {{"uid", "B-1"}, {"procedure", "to non-nuclear"}}},
      {"elimination", {{"uid", "S-1"}, {"method", "silo destroyed"}}},
      {"facility_declared",
       {{"id", "tinker"},
        {"facility_type", "repair_facility"},
        {"name", "Tinker"},
        {"location", "OK"}}},
      {"facility_closed", {{"id", "tinker"}}},
      {"new_type",
       {{"id", "mm4"},
        {"name", "Minuteman IV"},
        {"class", "icbm"},
        {"kind", "missile"},
        {"max_warheads", 3},
        {"capacity", 0}}},
      {"launch",
       {{"missile_type", "mm3"},
        {"launch_area", "Vandenberg"},
        {"impact_area", "Kwajalein"},
        {"planned", "2012-03-05"}}},
      {"bomber_exercise",
       {{"start", "2012-03-01"}, {"end", "2012-03-05"}, {"bombers", 6}, {"description", "x"}}},
      {"inspection_notice",
       {{"kind", "type_one"},
        {"site", "kozelsk"},
        {"inspected_party", "RU"},
        {"designated", {"M"}}}},
      {"inspection_findings",
       {{"kind", "type_one"},
        {"site", "kozelsk"},
        {"inspected_party", "RU"},
        {"designated", {"M"}},
        {"reentry_vehicles", {{{"uid", "M"}, {"counted", 4}}}},
        {"uids_seen", {"M"}},
        {"items_counted", {{{"type", "rs-24"}, {"count", 10}}}}}},
      {"treaty_event", {{"event", "suspension"}, {"statement", "x"}}},
      // ---- The commission's concerns (docs/bcc.md) ----
      {"concern_raised",
       {{"concern", "US-1"},
        {"addressed_to", "RU"},
        {"question", "q"},
        {"provision", "p"},
        {"entries", {0}},
        {"ambiguities", {{{"entry", 0}, {"kind", "late_notification"}}}}}},
      {"concern_answered", {{"concern", "US-1"}, {"answer", "a"}, {"provision", "p"}}},
      {"concern_closed",
       {{"concern", "US-1"},
        {"outcome", "settled"},
        {"note", "n"},
        {"joint_statement",
         {{"format", "verity-joint-statement/1"},
          {"concern", "US-1"},
          {"text", "t"},
          {"signatures", Json::array()}}}}},
      // --- escrow (docs/escrow.md) ---
      {"escrow_commitment",
       {{"escrow", "us-2020"},
        {"treaty", "new-start"},
        {"as_of", "2020-09-01"},
        {"root", "4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2"},
        {"leaves", 2133},
        {"totals", Json::array({{{"category", "deployed_icbm"}, {"count", 400}}})}}},
      {"escrow_reveal",
       {{"escrow", "us-2020"},
        {"stage", "s1"},
        {"select", {{"by", "facility"}, {"values", Json::array({"kitsap"})}}},
        {"openings",
         Json::array(
             {{{"index", 7},
               {"salt", "63479ad69a090b258277ec8fba6f99419a2ffb248981510657c944ccd1148e97"},
               {"item", {{"uid", "US-SSBN-1"}, {"type", "ohio"}, {"categories", Json::array()}}},
               {"leaf", "9f91161f43433e49a6de6db680d79f60159f2e4ac9172621a12846428158440b"},
               {"proof",
                Json::array(
                    {"169b5b823c62b64ca7e5f8456a13c8d5d06f4ece522a58bc2b8a784dcf3609b0"})}}})}}},
      {"escrow_randomness_commit",
       {{"escrow", "us-2020"},
        {"designation", "d1"},
        {"commitment", "2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6"},
        {"openings", 30},
        {"reveal_by", "2020-10-10"},
        {"open_by", "2020-10-20"},
        {"beacon_round", 1000}}},
      {"escrow_randomness_reveal",
       {{"escrow", "us-2020"},
        {"designation", "d1"},
        {"value", "4c94485e0c21ae6c41ce1dfe7b6bfaceea5ab68e40a2476f50208e526f506080"}}},
      {"escrow_designation",
       {{"escrow", "us-2020"},
        {"designation", "d1"},
        {"beacon",
         {{"round", 1000},
          {"randomness", "a543997d84f12798350c09bdef2cdb171bf41ed3e4a5f808af2feb0c56263009"},
          {"signature", "736967"}}},
        {"seed", "19b25856e1c150ca834cffc8b59b23adbd0ec0389e58eb22b3b64768098d002b"},
        {"leaves", Json::array({213, 1552})}}},
      {"escrow_opening",
       {{"escrow", "us-2020"},
        {"designation", "d1"},
        {"openings",
         Json::array(
             {{{"index", 213},
               {"salt", "ad328846aa18b32a335816374511cac1063c704b8c57999e51da9f908290a7a4"},
               {"item",
                {{"uid", "US-MM3-W-0001"},
                 {"type", "mm3"},
                 {"categories", Json::array({"deployed_icbm"})}}},
               {"leaf", "8a1cee436cbac1489a1883c9d886fcfc46f302c55ed4106ae31729e4f4eb9041"},
               {"proof",
                Json::array(
                    {"f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a"})}}})}}},
      // --- end of escrow ---
  };
}

// The members each type requires.
const std::map<std::string, std::vector<std::string>>& Required() {
  static const auto* r = new std::map<std::string, std::vector<std::string>>{
      {"data_exchange", {"declaration"}},
      {"production", {"uid", "type", "facility"}},
      {"movement", {"uid", "from", "to"}},
      {"loading", {"missile", "launcher"}},
      {"unloading", {"missile", "launcher"}},
      {"warhead_change", {"missile", "warheads"}},
      {"conversion_started", {"uid"}},
      {"conversion_completed", {"uid"}},
      {"elimination", {"uid"}},
      {"facility_declared", {"id", "facility_type"}},
      {"facility_closed", {"id"}},
      {"new_type", {"id", "name", "class", "kind"}},
      {"launch", {"missile_type", "launch_area", "impact_area"}},
      {"bomber_exercise", {"start", "end"}},
      {"inspection_notice", {"kind"}},
      {"inspection_findings", {"kind"}},
      {"treaty_event", {"event"}},
      // ---- The commission's concerns ----
      {"concern_raised", {"concern", "addressed_to", "question", "provision"}},
      {"concern_answered", {"concern", "answer"}},
      {"concern_closed", {"concern", "outcome"}},
      // --- escrow ---
      {"escrow_commitment", {"escrow", "treaty", "as_of", "root", "leaves", "totals"}},
      {"escrow_reveal", {"escrow", "stage", "select", "openings"}},
      {"escrow_randomness_commit", {"escrow", "designation", "commitment"}},
      {"escrow_randomness_reveal", {"escrow", "designation", "value"}},
      {"escrow_designation", {"escrow", "designation", "seed", "leaves"}},
      {"escrow_opening", {"escrow", "designation", "openings"}},
      // --- end of escrow ---
  };
  return *r;
}

Json Draft(const std::string& type, Json body) {
  Json d = MovementDraft("US", 1);
  d["type"] = type;
  d["body"] = std::move(body);
  return d;
}

Status Parse(const std::string& type, Json body) {
  return ParseNotification(Draft(type, std::move(body)), Draft::kUnsigned, "n.json").status();
}

TEST(BodyTest, EveryTypeHasAFullBodyThatParses) {
  const auto bodies = FullBodies();
  ASSERT_EQ(bodies.size(), static_cast<size_t>(kNotificationTypeCount));
  for (const auto& [type, body] : bodies) {
    EXPECT_TRUE(Parse(type, body).ok()) << type << ": " << Parse(type, body).message();
  }
}

TEST(BodyTest, NullInEveryTypedMemberIsRefusedWithItsPath) {
  for (const auto& [type, full] : FullBodies()) {
    for (const auto& member : full.items()) {
      Json body = full;
      body[member.key()] = nullptr;
      const Status s = Parse(type, body);
      EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << type << "." << member.key();
      EXPECT_EQ(s.message(), "n.json: body." + member.key() + ": null is not allowed") << type;
    }
  }
}

TEST(BodyTest, NullInsideATypedMemberIsRefusedWithItsPath) {
  auto bodies = FullBodies();
  Json dx = bodies["data_exchange"];
  dx["declaration"]["facilities"][0]["name"] = nullptr;
  EXPECT_EQ(Parse("data_exchange", dx).message(),
            "n.json: body.declaration.facilities[0].name: null is not allowed");
  Json f = bodies["inspection_findings"];
  f["reentry_vehicles"][0]["counted"] = nullptr;
  EXPECT_EQ(Parse("inspection_findings", f).message(),
            "n.json: body.reentry_vehicles[0].counted: null is not allowed");
  f = bodies["inspection_findings"];
  f["designated"][0] = nullptr;
  EXPECT_EQ(Parse("inspection_findings", f).message(),
            "n.json: body.designated[0]: null is not allowed");
}

TEST(BodyTest, WrongTypesAndUnknownNamesAreRefused) {
  auto bodies = FullBodies();
  auto with = [&](const std::string& type, const std::string& key, Json v) {
    Json b = bodies[type];
    b[key] = std::move(v);
    return Parse(type, b).message();
  };
  EXPECT_EQ(with("loading", "warheads", "three"),
            "n.json: body.warheads: expected an integer, got a string");
  EXPECT_EQ(with("movement", "uid", 7), "n.json: body.uid: expected a string, got an integer");
  EXPECT_EQ(with("movement", "departed", "yesterday"),
            "n.json: body.departed: 'yesterday' is not a date of the form YYYY-MM-DD");
  EXPECT_EQ(with("production", "role", "reserve"),
            "n.json: body.role: 'reserve' is not a role (expected one of: operational, test, "
            "training)");
  EXPECT_EQ(
      with("new_type", "class", "cruise")
          .rfind("n.json: body.class: 'cruise' is not a system class (expected one of: icbm", 0),
      0u);
  EXPECT_EQ(with("facility_declared", "facility_type", "at_sea"),
            "n.json: body.facility_type: 'at_sea' is not a facility");
  EXPECT_EQ(with("facility_declared", "id", "at_sea"), "n.json: body.id: 'at_sea' is reserved");
  EXPECT_EQ(with("inspection_notice", "designated", "M"),
            "n.json: body.designated: expected an array, got a string");
  EXPECT_EQ(with("inspection_notice", "site", Json::array()),
            "n.json: body.site: expected a string, got an array");
  EXPECT_EQ(with("inspection_findings", "items_counted", {{{"type", "x"}, {"n", 1}}}),
            "n.json: body.items_counted[0].n: unknown field (expected one of: type, count)");
  EXPECT_EQ(with("data_exchange", "declaration", "US"),
            "n.json: body.declaration: expected an object, got a string");
}

TEST(BodyTest, EveryMissingRequiredMemberIsNamed) {
  const auto bodies = FullBodies();
  for (const auto& [type, required] : Required()) {
    for (const std::string& member : required) {
      Json body = bodies.at(type);
      body.erase(member);
      EXPECT_EQ(Parse(type, body).message(), "n.json: body." + member + ": missing (required)")
          << type;
    }
  }
}

TEST(BodyTest, AnUnknownMemberOfAClosedSchemaIsRefused) {
  for (const auto& [type, full] : FullBodies()) {
    Json body = full;
    body["extra"] = 1;
    const Status s = Parse(type, body);
    if (type.rfind("inspection_", 0) == 0) {
      EXPECT_TRUE(s.ok()) << type << ": " << s.message();
    } else {
      EXPECT_EQ(s.message().rfind(
                    "n.json: body.extra: unknown field for " + type + " (expected one of: ", 0),
                0u)
          << s.message();
    }
  }
}

TEST(BodyTest, ANewTypeObeysTheDeclarationFormatsRulesForATypes) {
  Json b = FullBodies()["new_type"];
  b.erase("max_warheads");
  EXPECT_EQ(Parse("new_type", b).message(),
            "n.json: body.max_warheads: missing (a missile type needs max_warheads >= 1)");
  b["max_warheads"] = 5000;
  EXPECT_EQ(Parse("new_type", b).message(),
            "n.json: body.max_warheads: 5000 is out of range (expected 0..1000)");
  b["max_warheads"] = 3;
  b["kind"] = "silo_launcher";
  b["class"] = "slbm";
  EXPECT_EQ(Parse("new_type", b).message(),
            "n.json: body.kind: a silo_launcher cannot be of class slbm");
}

TEST(BodyTest, ADataExchangeIsReadAsADeclarationWithItsItemsInline) {
  Json b = FullBodies()["data_exchange"];
  auto n = ParseNotification(Draft("data_exchange", b), Draft::kUnsigned, "");
  ASSERT_TRUE(n.ok()) << n.status().message();
  const auto& dx = std::get<DataExchangeBody>(n->typed_body->value);
  EXPECT_EQ(dx.declaration->party, "US");
  EXPECT_EQ(dx.declaration->FindFacility("minot"), 0);
  b["declaration"]["items_csv"] = "/dev/zero";
  EXPECT_EQ(Parse("data_exchange", b).message(),
            "n.json: body.declaration.items_csv: not allowed in a notification (a data exchange "
            "lists its items inline)");
  b["declaration"].erase("items_csv");
  b["declaration"]["items"] = {{{"uid", "X"}, {"type", "nope"}, {"facility", "minot"}}};
  EXPECT_EQ(Parse("data_exchange", b).message().rfind("n.json: body.declaration: items[0]", 0), 0u)
      << Parse("data_exchange", b).message();
}

TEST(BodyTest, EventsCarryTheTypedValues) {
  auto n = ParseNotification(Draft("production", FullBodies()["production"]), Draft::kUnsigned, "");
  ASSERT_TRUE(n.ok());
  const Event e = EventFromNotification(*n, 4);
  EXPECT_EQ(e.uid, "T-1");
  EXPECT_EQ(e.role, treaty::Role::kTest);
  EXPECT_EQ(e.submarine, "SSBN-1");
  EXPECT_EQ(e.body, nullptr);
  auto t = ParseNotification(Draft("new_type", FullBodies()["new_type"]), Draft::kUnsigned, "");
  ASSERT_TRUE(t.ok());
  const Event nt = EventFromNotification(*t, 5);
  ASSERT_NE(nt.body, nullptr);
  EXPECT_EQ(std::get<NewTypeBody>(nt.body->value).type.max_warheads, 3);
}

// The fuzzer's seeds (fuzz/corpus/notification/*.jsonl) reach past
// the parse only if they parse: one of every type, each of which does.
TEST(BodyTest, TheFuzzSeedsParseOneOfEveryType) {
  std::set<NotificationType> seen;
  // every-type.jsonl, and the treaty's own process in process.jsonl.
  for (const char* file : {"every-type.jsonl", "process.jsonl"}) {
    const std::string path = std::string(VERITY_SOURCE_DIR) + "/fuzz/corpus/notification/" + file;
    auto items = ParseBatchText(ReadFile(path).value(), path);
    ASSERT_TRUE(items.ok()) << items.status().message();
    for (const BatchItem& item : *items) {
      auto n = ParseNotification(item.json, Draft::kUnsigned, item.where);
      ASSERT_TRUE(n.ok()) << n.status().message();
      seen.insert(n->type);
    }
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kNotificationTypeCount));
}

class BodyLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir("body");
    const std::vector<PublicKey> keys = {us_.pub};
    ASSERT_TRUE(Ledger::Init(dir_, keys).ok());
    ledger_ = Ledger::Open(dir_).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SecretKey us_ = testing::TestKey("US", 1);
  std::string dir_;
  std::unique_ptr<Ledger> ledger_;
};

// The signature covers the body as received, extra members included; the
// log stores those bytes; reading them back gives the same typed body.
TEST_F(BodyLedgerTest, AnInspectionBodysExtraMembersAreKeptAndSigned) {
  Json body = FullBodies()["inspection_findings"];
  body["arrival"] = "2012-03-04T06:00:00Z";
  body["notes"] = {{"weather", nullptr}, {"teams", 2}};  // extra: opaque, null and all
  const Json signed_json = SignNotification(Draft("inspection_findings", body), us_).value();
  const Notification n = ParseNotification(signed_json, Draft::kSigned, "").value();
  EXPECT_NE(n.SigningBytes().find("\"arrival\":\"2012-03-04T06:00:00Z\""), std::string::npos);
  EXPECT_NE(n.SigningBytes().find("\"notes\":{\"teams\":2,\"weather\":null}"), std::string::npos);
  EXPECT_TRUE(VerifyNotification(n, us_.pub).ok());
  const std::vector<BatchItem> batch = {{signed_json, "f.json"}};
  ASSERT_TRUE(ledger_->Append(batch, testing::TestNow()).ok());
  const Notification stored = ledger_->Entries(0, 1).value().at(0);
  EXPECT_EQ(stored.EntryBytes(), n.EntryBytes());
  EXPECT_EQ(stored.body.at("notes").at("teams"), 2);
  const auto& typed = std::get<InspectionFindingsBody>(stored.typed_body->value);
  EXPECT_EQ(typed.reentry_vehicles.at(0).counted, 4);
  EXPECT_EQ(typed.items_counted.at(0).type, "rs-24");
}

TEST_F(BodyLedgerTest, ANullRefusedOnAppendStoresNothingAndNamesTheItem) {
  // Signed while valid, then changed: refused when parsed, before any key
  // or signature is looked at.
  Json signed_json = SignNotification(Draft("loading", FullBodies()["loading"]), us_).value();
  signed_json["body"]["warheads"] = nullptr;
  const std::vector<BatchItem> batch = {{signed_json, "batch.jsonl: line 1"}};
  auto r = ledger_->Append(batch, testing::TestNow());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "batch.jsonl: line 1: body.warheads: null is not allowed");
  EXPECT_EQ(ledger_->Size().value(), 0u);
}

// A notification built in code is read by its schema on AppendParsed, as
// Append reads what it parses.
TEST_F(BodyLedgerTest, AppendParsedReadsABodyBuiltInCode) {
  Notification n;
  n.party = "US";
  n.serial = 1;
  n.type = NotificationType::kLoading;
  n.occurred = Date::FromYmd(2012, 3, 4);
  n.sent = testing::TestNow();
  n.body = {{"missile", "M-1"}, {"launcher", "S-1"}, {"warheads", nullptr}};
  SignInPlace(&n, us_);
  auto r = ledger_->AppendParsed({n}, testing::TestNow());
  EXPECT_EQ(r.status().message(),
            "notification 1 (US serial 1): body.warheads: null is not allowed");
  EXPECT_EQ(ledger_->Size().value(), 0u);
  n.body["warheads"] = 2;
  SignInPlace(&n, us_);
  ASSERT_TRUE(ledger_->AppendParsed({n}, testing::TestNow()).ok());
  const Notification stored = ledger_->Entries(0, 1).value().at(0);
  EXPECT_EQ(std::get<LoadingBody>(stored.typed_body->value).warheads, 2);
}

}  // namespace
}  // namespace verity::ledger

#include "ledger/notification.h"

#include <gtest/gtest.h>

#include <set>

#include "core/file_io.h"
#include "ledger/test_util.h"

namespace verity::ledger {
namespace {

using testing::MovementDraft;

TEST(NotificationTest, DraftParsesAndRoundTrips) {
  const Json draft = MovementDraft("US", 3);
  auto n = ParseNotification(draft, Draft::kUnsigned, "draft.json");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->type, NotificationType::kMovement);
  EXPECT_EQ(n->serial, 3);
  EXPECT_EQ(n->occurred.ToString(), "2012-03-04");
  EXPECT_EQ(n->ToJson(), draft);
}

TEST(NotificationTest, UnknownTypeIsRejectedWithTheListOfTypes) {
  Json draft = MovementDraft("US", 1);
  draft["type"] = "teleport";
  auto n = ParseNotification(draft, Draft::kUnsigned, "batch.jsonl: line 4");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().message().rfind("batch.jsonl: line 4: type: unknown notification type "
                                       "'teleport' (expected one of: data_exchange, production,",
                                       0),
            0u)
      << n.status().message();
}

TEST(NotificationTest, BodyFieldErrorsNameTheirPath) {
  Json draft = MovementDraft("US", 1);
  draft["body"].erase("to");
  EXPECT_EQ(ParseNotification(draft, Draft::kUnsigned, "").status().message(),
            "body.to: missing (required)");
  draft = MovementDraft("US", 1);
  draft["body"]["speed"] = 3;
  EXPECT_EQ(ParseNotification(draft, Draft::kUnsigned, "").status().message(),
            "body.speed: unknown field for movement (expected one of: uid, from, to, departed)");
}

TEST(NotificationTest, WarheadCountMustBeANonNegativeInteger) {
  Json draft = MovementDraft("US", 1);
  draft["type"] = "warhead_change";
  draft["body"] = {{"missile", "MM3-1"}, {"warheads", -1}};
  EXPECT_EQ(ParseNotification(draft, Draft::kUnsigned, "").status().message(),
            "body.warheads: -1 is out of range (expected 0..1000000)");
}

TEST(NotificationTest, TreatyEventMustBeKnown) {
  Json draft = MovementDraft("RU", 1);
  draft["type"] = "treaty_event";
  draft["body"] = {{"event", "pause"}};
  EXPECT_EQ(ParseNotification(draft, Draft::kUnsigned, "").status().message(),
            "body.event: 'pause' is not a treaty event (expected one of: suspension, resumption, "
            "withdrawal, expiry, countermeasure)");
}

TEST(NotificationTest, SignedFormRequiresSignatureAndDraftForbidsIt) {
  EXPECT_EQ(ParseNotification(MovementDraft("US", 1), Draft::kSigned, "").status().message(),
            "key_id: missing (required string)");
  Json j = MovementDraft("US", 1);
  j["signature"] = "00";
  EXPECT_EQ(ParseNotification(j, Draft::kUnsigned, "")
                .status()
                .message()
                .rfind("signature: unknown field", 0),
            0u);
}

TEST(NotificationTest, BadPartyAndSerialAreRejected) {
  Json j = MovementDraft("us", 1);
  EXPECT_EQ(ParseNotification(j, Draft::kUnsigned, "").status().message(),
            "party: 'us' is not a party name (expected 2 to 8 upper-case letters, e.g. US)");
  j = MovementDraft("US", 0);
  EXPECT_EQ(ParseNotification(j, Draft::kUnsigned, "").status().message(),
            "serial: 0 is out of range (expected 1..9007199254740992)");
}

TEST(NotificationTest, InspectionRecordsAcceptExtraFields) {
  Json j = MovementDraft("US", 1);
  j["type"] = "inspection_findings";
  j["body"] = {{"kind", "type_one"}, {"site", "MINOT"}, {"counted_warheads", 3}};
  EXPECT_TRUE(ParseNotification(j, Draft::kUnsigned, "").ok());
}

// Extra fields may hold anything JSON allows except a decimal: the signed
// encoding (canonical JSON) carries integers only, so a decimal is refused
// when parsed, naming where it is, instead of failing when signed or stored.
TEST(NotificationTest, ADecimalAnywhereInTheBodyIsRejectedWithItsPath) {
  Json j = MovementDraft("US", 1);
  j["type"] = "inspection_findings";
  j["body"] = {{"kind", "type_one"}, {"site", "MINOT"}, {"readings", {{"dose", {1, 2, 1.5}}}}};
  auto n = ParseNotification(j, Draft::kUnsigned, "n.json");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(n.status().message(),
            "n.json: body.readings.dose[2]: 1.5 is not an integer (canonical JSON here holds "
            "integers only)");
  j["body"]["readings"]["dose"][2] = 2;
  EXPECT_TRUE(ParseNotification(j, Draft::kUnsigned, "n.json").ok());
}

TEST(NotificationTest, EntryBytesSplicedFromSigningBytesEqualTheFullEncoding) {
  Json draft = MovementDraft("US", 4);
  draft["type"] = "production";
  // A nested "type" must not confuse the splice.
  draft["body"] = {{"uid", "X-1"}, {"type", "zzz"}, {"facility", "F"}};
  Notification n = ParseNotification(draft, Draft::kUnsigned, "").value();
  n.key_id = "0123456789abcdef";
  n.signed_ = true;
  n.signature.fill(0xab);
  EXPECT_EQ(n.EntryBytesFrom(n.SigningBytes()), n.EntryBytes());
}

TEST(NotificationTest, EveryTypeNameRoundTrips) {
  for (int i = 0; i < kNotificationTypeCount; ++i) {
    const auto t = static_cast<NotificationType>(i);
    EXPECT_EQ(ParseNotificationType(Name(t)), t);
  }
}

}  // namespace
}  // namespace verity::ledger

namespace verity::ledger {
namespace {

// docs/notifications.md gives one example per type; each must parse.
TEST(NotificationDocsTest, EveryDocumentedExampleParsesAndEveryTypeHasOne) {
  auto text = ReadFile(std::string(VERITY_SOURCE_DIR) + "/docs/notifications.md");
  ASSERT_TRUE(text.ok());
  std::set<NotificationType> seen;
  size_t start = 0;
  while (start < text->size()) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    const std::string line = text->substr(start, end - start);
    start = end + 1;
    if (line.rfind("{\"format\":1", 0) != 0) continue;
    auto n = ParseNotification(ParseJson(line, "notifications.md").value(), Draft::kUnsigned, "");
    ASSERT_TRUE(n.ok()) << line << "\n" << n.status().ToString();
    seen.insert(n->type);
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kNotificationTypeCount));
}

}  // namespace
}  // namespace verity::ledger

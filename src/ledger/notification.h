// Notifications: the signed messages a party sends about its forces,
// modelled on Part Four of the New START Protocol (docs/notifications.md).
//
// A notification is an envelope (format version, party, per-party serial,
// type, the date the change occurred, the time it was sent, key id and an
// Ed25519 signature) around a typed body. The signature covers the
// canonical JSON encoding (core/json.h CanonicalJson) of the envelope
// without its "signature" member.
//
// Parsing checks the envelope and reads the body by its type's schema into
// its typed struct (ledger/body.h), once; it does not check the signature
// (see keys.h) nor consistency with the record (see ambiguity.h). Values;
// thread-compatible.
#ifndef VERITY_LEDGER_NOTIFICATION_H_
#define VERITY_LEDGER_NOTIFICATION_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/json.h"
#include "core/status.h"

namespace verity::ledger {

inline constexpr int kNotificationFormat = 1;
inline constexpr size_t kSignatureBytes = 64;
using Signature = std::array<uint8_t, kSignatureBytes>;

enum class NotificationType : uint8_t {
  kDataExchange,
  kProduction,
  kMovement,
  kLoading,
  kUnloading,
  kWarheadChange,
  kConversionStarted,
  kConversionCompleted,
  kElimination,
  kFacilityDeclared,
  kFacilityClosed,
  kNewType,
  kLaunch,
  kBomberExercise,
  kInspectionNotice,
  kInspectionFindings,
  kTreatyEvent,
  // ---- The commission's concerns (ledger/concern_body.h, docs/bcc.md) ----
  kConcernRaised,
  kConcernAnswered,
  kConcernClosed,
  // --- Declarations in escrow (docs/escrow.md) ---
  kEscrowCommitment,
  kEscrowReveal,
  kEscrowRandomnessCommit,
  kEscrowRandomnessReveal,
  kEscrowDesignation,
  kEscrowOpening,
  // --- end of escrow ---
};
inline constexpr int kNotificationTypeCount = 26;

// "data_exchange", "movement", ... (the spelling used in files).
std::string_view Name(NotificationType t);
std::optional<NotificationType> ParseNotificationType(std::string_view s);
std::string NotificationTypeNames();

struct Body;  // ledger/body.h

struct Notification {
  int format = kNotificationFormat;
  std::string party;
  int64_t serial = 0;
  NotificationType type = NotificationType::kDataExchange;
  Date occurred;   // the date the change occurred (or takes effect)
  Timestamp sent;  // the time it was sent (GMT)
  // The body as received: what the signature covers and the log stores.
  // Nothing past the parse reads it; everything reads `typed_body`.
  Json body = Json::object();
  // The body read by its type's schema (ledger/body.h), shared between
  // copies. Set by ParseNotification; ReadBody sets it for a notification
  // built in code. Code that changes `body` afterwards resets it.
  std::shared_ptr<const Body> typed_body;
  std::string key_id;     // empty in a draft
  Signature signature{};  // all zero in a draft
  bool signed_ = false;

  // The JSON form (with key_id and signature when signed).
  Json ToJson() const;
  // The bytes the signature covers: the canonical encoding of ToJson()
  // without "signature" (written member by member, without building
  // ToJson(); encoding_test holds it to that definition).
  // REQUIRES: `body` holds no non-integral number (CanonicalJson).
  std::string SigningBytes() const;
  // The canonical encoding of the whole notification (ToJson()): a log entry.
  std::string EntryBytes() const;
  // The same, from SigningBytes() already computed (saves an encoding).
  // REQUIRES: signed_.
  std::string EntryBytesFrom(std::string_view signing_bytes) const;
};

enum class Draft : uint8_t { kSigned, kUnsigned };

// Parses and schema-checks a notification. With Draft::kUnsigned, key_id and
// signature must be absent. Errors are InvalidArgument "<path>.<field>: ...",
// `path` being a prefix such as "batch.jsonl: line 4" ("" for none).
StatusOr<Notification> ParseNotification(const Json& j, Draft draft, std::string_view path);

// Reads n->body by n->type's schema into n->typed_body (ledger/body.h),
// unless it holds a body of that type already. Errors are InvalidArgument
// "<path>: body.<member>: ..." ("body..." when `path` is empty). For
// notifications built in code; Ledger::AppendParsed calls it on each.
Status ReadBody(Notification* n, std::string_view path);

// Parses entry `index` as stored in the ledger (signed, canonical JSON). A
// stored entry that does not parse is DataLoss "entries[<index>]...".
StatusOr<Notification> ParseStoredEntry(std::string_view entry, uint64_t index);

// Checks that `party` is 2..8 upper-case letters (e.g. "US", "RU").
Status CheckPartyName(std::string_view party, std::string_view path);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_NOTIFICATION_H_

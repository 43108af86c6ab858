// Ambiguities: what a well-formed, correctly signed notification says that
// does not add up with the record. They are stored beside the log with their
// evidence; they never cause a rejection (docs/notifications.md lists the
// kinds).
#ifndef VERITY_LEDGER_AMBIGUITY_H_
#define VERITY_LEDGER_AMBIGUITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/json.h"

namespace verity::ledger {

enum class AmbiguityKind : uint8_t {
  kUnknownUid,
  kNotAtFacility,
  kLauncherOccupied,
  kWarheadsAboveMaximum,
  kSerialGap,
  kLateNotification,
  kDataExchangeDiffers,
  kLimitExceeded,
  kInvalidReference,       // a facility, type or container the record does not know
  kInspectionRule,         // an inspection notice outside the treaty's quotas or sites
  kInspectionDiscrepancy,  // inspection findings that differ from the declared state
  // ---- The treaty's own process (docs/regime.md, docs/bcc.md) ----
  kTreatyNotInForce,            // a treaty duty notified while the treaty is not in force
  kInspectionDuringSuspension,  // an inspection of or by a party whose duty is suspended
  kTreatyEventConflict,         // a treaty event that does not fit the regime it changes
  kConcernUnknown,              // an answer or close of a concern not raised before it
  kConcernDuplicate,            // a concern raised again under an id in use
  kConcernWrongParty,           // an answer or close by a party that may not give it
  kConcernAnswerLate,           // an answer after the commission's deadline
  kConcernAlreadyClosed,        // an answer or close of a closed concern
  kConcernReferenceInvalid,     // a reference to an entry that is not before the concern
  kConcernNotAtSession,         // "unresolved at a session" on a day with no session
  kJointStatementInvalid,       // a settlement without both parties' valid signatures
  // --- Declarations in escrow (docs/escrow.md); evidence.issue names the issue ---
  kEscrowProtocol,            // an escrow step out of order, of the wrong party, or unknown
  kEscrowOpeningInvalid,      // an opened leaf that is not in the committed tree as opened
  kEscrowTotalsDiffer,        // revealed items that disagree with the totals stated
  kEscrowContradictsState,    // an opened item that differs from the replayed state
  kEscrowDesignationInvalid,  // a designation that does not follow from its inputs
  kEscrowLate,                // a reveal or an opening after its deadline, or missing
  // --- end of escrow ---
};
inline constexpr AmbiguityKind kLastAmbiguityKind = AmbiguityKind::kEscrowLate;

// "unknown_uid", "not_at_facility", ...
std::string_view Name(AmbiguityKind k);
// The kind named `s`, if it is one.
std::optional<AmbiguityKind> ParseAmbiguityKind(std::string_view s);

struct Ambiguity {
  uint64_t index = 0;  // the log index of the notification that raised it
  std::string party;
  AmbiguityKind kind = AmbiguityKind::kUnknownUid;
  Date occurred;
  std::string message;
  Json evidence = Json::object();

  Json ToJson() const;
};

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_AMBIGUITY_H_

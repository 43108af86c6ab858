#include "ledger/ambiguity.h"

namespace verity::ledger {

std::string_view Name(AmbiguityKind k) {
  switch (k) {
    case AmbiguityKind::kUnknownUid:
      return "unknown_uid";
    case AmbiguityKind::kNotAtFacility:
      return "not_at_facility";
    case AmbiguityKind::kLauncherOccupied:
      return "launcher_occupied";
    case AmbiguityKind::kWarheadsAboveMaximum:
      return "warheads_above_maximum";
    case AmbiguityKind::kSerialGap:
      return "serial_gap";
    case AmbiguityKind::kLateNotification:
      return "late_notification";
    case AmbiguityKind::kDataExchangeDiffers:
      return "data_exchange_differs";
    case AmbiguityKind::kLimitExceeded:
      return "limit_exceeded";
    case AmbiguityKind::kInvalidReference:
      return "invalid_reference";
    case AmbiguityKind::kInspectionRule:
      return "inspection_rule";
    case AmbiguityKind::kInspectionDiscrepancy:
      return "inspection_discrepancy";
    // ---- The treaty's own process ----
    case AmbiguityKind::kTreatyNotInForce:
      return "treaty_not_in_force";
    case AmbiguityKind::kInspectionDuringSuspension:
      return "inspection_during_suspension";
    case AmbiguityKind::kTreatyEventConflict:
      return "treaty_event_conflict";
    case AmbiguityKind::kConcernUnknown:
      return "concern_unknown";
    case AmbiguityKind::kConcernDuplicate:
      return "concern_duplicate";
    case AmbiguityKind::kConcernWrongParty:
      return "concern_wrong_party";
    case AmbiguityKind::kConcernAnswerLate:
      return "concern_answer_late";
    case AmbiguityKind::kConcernAlreadyClosed:
      return "concern_already_closed";
    case AmbiguityKind::kConcernReferenceInvalid:
      return "concern_reference_invalid";
    case AmbiguityKind::kConcernNotAtSession:
      return "concern_not_at_session";
    case AmbiguityKind::kJointStatementInvalid:
      return "joint_statement_invalid";
    // --- Declarations in escrow ---
    case AmbiguityKind::kEscrowProtocol:
      return "escrow_protocol";
    case AmbiguityKind::kEscrowOpeningInvalid:
      return "escrow_opening_invalid";
    case AmbiguityKind::kEscrowTotalsDiffer:
      return "escrow_totals_differ";
    case AmbiguityKind::kEscrowContradictsState:
      return "escrow_contradicts_state";
    case AmbiguityKind::kEscrowDesignationInvalid:
      return "escrow_designation_invalid";
    case AmbiguityKind::kEscrowLate:
      return "escrow_late";
      // --- end of escrow ---
  }
  return "unknown";
}

std::optional<AmbiguityKind> ParseAmbiguityKind(std::string_view s) {
  for (int k = 0; k <= static_cast<int>(kLastAmbiguityKind); ++k) {
    if (Name(static_cast<AmbiguityKind>(k)) == s) return static_cast<AmbiguityKind>(k);
  }
  return std::nullopt;
}

Json Ambiguity::ToJson() const {
  return {{"index", index},
          {"party", party},
          {"kind", std::string(Name(kind))},
          {"occurred", occurred.ToString()},
          {"message", message},
          {"evidence", evidence}};
}

}  // namespace verity::ledger

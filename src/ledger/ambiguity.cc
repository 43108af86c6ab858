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

Json Ambiguity::ToJson() const {
  return {{"index", index},
          {"party", party},
          {"kind", std::string(Name(kind))},
          {"occurred", occurred.ToString()},
          {"message", message},
          {"evidence", evidence}};
}

}  // namespace verity::ledger

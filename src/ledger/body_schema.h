// The body schema of each notification type: its name, its known members and
// the reader that turns a body into its typed struct (ledger/body.h states
// the rules). Internal to the ledger.
#ifndef VERITY_LEDGER_BODY_SCHEMA_H_
#define VERITY_LEDGER_BODY_SCHEMA_H_

#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "ledger/body.h"
#include "ledger/notification.h"

namespace verity::ledger::internal {

struct BodySchema {
  NotificationType type;
  std::string_view name;
  std::vector<std::string_view> members;  // known members, in the documented order
  bool open;  // extra members allowed (inspection records: kept, not read)
  // Reads the known members. REQUIRES: the body is an object and none of its
  // known members holds a null.
  StatusOr<BodyValue> (*read)(const FieldReader& r);

  bool Knows(std::string_view member) const;
};

const BodySchema& SchemaOf(NotificationType t);
const std::vector<BodySchema>& AllSchemas();

// The readers of body_readers.cc, one per type (in NotificationType order).
StatusOr<BodyValue> ReadDataExchange(const FieldReader& r);
StatusOr<BodyValue> ReadProduction(const FieldReader& r);
StatusOr<BodyValue> ReadMovement(const FieldReader& r);
StatusOr<BodyValue> ReadLoading(const FieldReader& r);
StatusOr<BodyValue> ReadUnloading(const FieldReader& r);
StatusOr<BodyValue> ReadWarheadChange(const FieldReader& r);
StatusOr<BodyValue> ReadConversionStarted(const FieldReader& r);
StatusOr<BodyValue> ReadConversionCompleted(const FieldReader& r);
StatusOr<BodyValue> ReadElimination(const FieldReader& r);
StatusOr<BodyValue> ReadFacilityDeclared(const FieldReader& r);
StatusOr<BodyValue> ReadFacilityClosed(const FieldReader& r);
StatusOr<BodyValue> ReadNewType(const FieldReader& r);
StatusOr<BodyValue> ReadLaunch(const FieldReader& r);
StatusOr<BodyValue> ReadBomberExercise(const FieldReader& r);
StatusOr<BodyValue> ReadInspectionNotice(const FieldReader& r);
StatusOr<BodyValue> ReadInspectionFindings(const FieldReader& r);
StatusOr<BodyValue> ReadTreatyEvent(const FieldReader& r);
// A treaty event's "duties" (body.h TreatyEventBody), in concern_readers.cc.
StatusOr<std::vector<Duty>> ReadDuties(const FieldReader& r, TreatyEvent event);

// ---- The commission's concerns (concern_readers.cc) ----
StatusOr<BodyValue> ReadConcernRaised(const FieldReader& r);
StatusOr<BodyValue> ReadConcernAnswered(const FieldReader& r);
StatusOr<BodyValue> ReadConcernClosed(const FieldReader& r);

// --- escrow (body_readers_escrow.cc) ---
StatusOr<BodyValue> ReadEscrowCommitment(const FieldReader& r);
StatusOr<BodyValue> ReadEscrowReveal(const FieldReader& r);
StatusOr<BodyValue> ReadEscrowRandomnessCommit(const FieldReader& r);
StatusOr<BodyValue> ReadEscrowRandomnessReveal(const FieldReader& r);
StatusOr<BodyValue> ReadEscrowDesignation(const FieldReader& r);
StatusOr<BodyValue> ReadEscrowOpening(const FieldReader& r);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_BODY_SCHEMA_H_

// The typed body of each notification type (docs/notifications.md lists
// them). A body is read once, where a notification is parsed
// (ParseNotification, ReadBody), from the JSON the signature covers; what
// comes after (events, replay, inspections) reads these structs, never the
// JSON.
//
// Reading rules, the same for every type:
//  - the body is an object; a member the type does not know is refused,
//    except in inspection records, whose schema is open (extra members are
//    kept in the signed JSON and ignored here);
//  - `null` is never a value: a known member that is null, or a null
//    anywhere inside one (a data exchange's declaration included), is
//    refused as "<path>: null is not allowed" (leave an optional member out);
//  - strings present are non-empty; counts are integers in 0..1000000;
//    names of kinds, classes, roles and facility types are the file
//    formats' (treaty/facts.h), unknown ones refused;
//  - a data exchange's declaration is read by forces::ParseDeclaration
//    (without "items_csv": a notification carries its items inline); a new
//    type and a declared facility obey the declaration format's rules for a
//    type and a facility (forces::CheckTypeDef, forces::CheckFacility);
//  - no number anywhere is a decimal (canonical JSON holds integers only).
// Every error is InvalidArgument naming the member's path ("body.warheads:
// ..."). Values; thread-compatible.
#ifndef VERITY_LEDGER_BODY_H_
#define VERITY_LEDGER_BODY_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/status.h"
#include "forces/model.h"
#include "ledger/concern_body.h"
#include "ledger/notification.h"

namespace verity::ledger {

inline constexpr int64_t kMaxBodyCount = 1'000'000;  // counts: every sum fits comfortably

struct DataExchangeBody {
  // The declared state, shared: notifications are copied, declarations are large.
  std::shared_ptr<const forces::Declaration> declaration;
};

struct ProductionBody {
  std::string uid, type, facility;
  treaty::Role role = treaty::Role::kOperational;
  std::optional<std::string> submarine;  // SLBM launchers: the submarine's UID
};

struct MovementBody {
  std::string uid, from, to;  // facility ids, or "at_sea"
  std::optional<Date> departed;
};

struct LoadingBody {
  std::string missile, launcher;
  std::optional<int32_t> warheads;
};

struct UnloadingBody {
  std::string missile, launcher;
};

struct WarheadChangeBody {
  std::string missile;
  int32_t warheads = 0;
};

struct ConversionBody {
  std::string uid;
  std::optional<std::string> procedure;
};
struct ConversionStartedBody : ConversionBody {};
struct ConversionCompletedBody : ConversionBody {};

struct EliminationBody {
  std::string uid;
  std::optional<std::string> method;
};

struct FacilityDeclaredBody {
  forces::Facility facility;  // name defaults to the id
};

struct FacilityClosedBody {
  std::string id;
};

struct NewTypeBody {
  forces::TypeDef type;
};

struct LaunchBody {
  std::string missile_type, launch_area, impact_area;
  std::optional<Date> planned;
};

struct BomberExerciseBody {
  Date start, end;
  std::optional<int32_t> bombers;
  std::optional<std::string> description;
};

// The members of inspection records that Verity reads (docs/inspections.md);
// the inspection rules (inspect/inspection.h) decide what a record needs.
struct InspectionNoticeBody {
  std::string kind;  // an inspection quota id of the treaty, e.g. "type_one"
  std::optional<std::string> site, inspected_party;
  std::vector<std::string> designated;
};

struct CountedUid {
  std::string uid;
  int64_t counted = 0;
};

struct CountedType {
  std::string type;
  int64_t count = 0;
};

struct InspectionFindingsBody {
  InspectionNoticeBody notice;
  std::vector<CountedUid> reentry_vehicles;
  std::vector<std::string> uids_seen;
  std::vector<CountedType> items_counted;
};

// What a treaty event does to the regime (ledger/regime.h, docs/regime.md):
// a suspension suspends the party's participation, a countermeasure
// withholds the duties it names, a resumption restores the duties it names
// (all when it names none), a withdrawal ends the treaty after the notice
// period, an expiry records the end of the treaty.
enum class TreatyEvent : uint8_t {
  kSuspension,
  kResumption,
  kWithdrawal,
  kExpiry,
  kCountermeasure,
};
std::string_view Name(TreatyEvent e);
std::optional<TreatyEvent> ParseTreatyEvent(std::string_view s);
std::string TreatyEventNames();

// The duties of a party that a countermeasure withholds or a resumption
// restores.
enum class Duty : uint8_t { kDataExchange, kNotifications, kInspections, kTelemetry };
inline constexpr int kDutyCount = 4;
std::string_view Name(Duty d);
std::optional<Duty> ParseDuty(std::string_view s);
std::string DutyNames();

struct TreatyEventBody {
  TreatyEvent event = TreatyEvent::kSuspension;
  std::optional<std::string> statement;
  // Countermeasure: the duties withheld (at least one). Resumption: the
  // duties restored (none: all). Refused with other events.
  std::vector<Duty> duties;
};

// --- Declarations in escrow (docs/escrow.md) --------------------------------
// The bodies are read here like every other; what they mean (proofs, totals,
// the designation) is checked by the escrow component's ambiguity finder.
// Ids ("escrow", "designation") are 1..64 of [A-Za-z0-9._-]; hashes, salts
// and values are 64 hex digits; leaf indices 0..2^53.

inline constexpr size_t kEscrowHashBytes = 32;
using EscrowBytes = std::array<uint8_t, kEscrowHashBytes>;

struct EscrowTotal {
  std::string category;  // a category id of the commitment's treaty
  int64_t count = 0;
};

// One committed leaf opened: the salt and item that hash to `leaf`, and the
// inclusion proof of `leaf` at `index` in the committed tree.
struct EscrowLeafOpening {
  uint64_t index = 0;
  EscrowBytes salt{};
  Json item;  // an object: the escrow item record (escrow/item.h)
  Hash256 leaf{};
  std::vector<Hash256> proof;
};

struct EscrowCommitmentBody {
  std::string escrow, treaty;
  Date as_of;  // the date the declaration is of
  Hash256 root{};
  int64_t leaves = 0;
  std::vector<EscrowTotal> totals;  // per category, as the party states them now
};

// A stage: every committed item whose `by` (facility, type or category) is
// one of `values`.
struct EscrowStageBody {
  std::string by;
  std::vector<std::string> values;
};

struct EscrowRevealBody {
  std::string escrow, stage;  // `stage`: the stage's id
  EscrowStageBody select;
  std::vector<EscrowLeafOpening> openings;
};

struct EscrowRandomnessCommitBody {
  std::string escrow, designation;
  Hash256 commitment{};
  // The designation's parameters (the inspecting party's commitment gives them).
  std::optional<int64_t> openings;
  std::optional<uint64_t> beacon_round;
  std::optional<Date> reveal_by, open_by;
};

struct EscrowRandomnessRevealBody {
  std::string escrow, designation;
  EscrowBytes value{};
};

// A drand beacon value in drand's JSON (round, randomness, signature,
// previous_signature; the last absent for unchained networks).
struct DrandBeacon {
  uint64_t round = 0;
  Hash256 randomness{};
  std::vector<uint8_t> signature, previous_signature;
};

struct EscrowDesignationBody {
  std::string escrow, designation;
  std::optional<DrandBeacon> beacon;
  Hash256 seed{};
  std::vector<uint64_t> leaves;  // in the order drawn
};

struct EscrowOpeningBody {
  std::string escrow, designation;
  std::vector<EscrowLeafOpening> openings;
};

// Reads a drand beacon value (the members above; a signature of 1 to 512
// bytes in hex). Errors are InvalidArgument naming `path` and the member.
// The beacon file reader of the escrow component uses it too.
StatusOr<DrandBeacon> ParseDrandBeacon(const Json& json, std::string_view path);
Json DrandBeaconToJson(const DrandBeacon& b);
// InvalidArgument "<path>: expected an id ..." unless `id` is an escrow id.
Status CheckEscrowId(std::string_view id, std::string_view path);
// --- end of escrow -----------------------------------------------------------

// One alternative per NotificationType, in its order.
using BodyValue =
    std::variant<DataExchangeBody, ProductionBody, MovementBody, LoadingBody, UnloadingBody,
                 WarheadChangeBody, ConversionStartedBody, ConversionCompletedBody, EliminationBody,
                 FacilityDeclaredBody, FacilityClosedBody, NewTypeBody, LaunchBody,
                 BomberExerciseBody, InspectionNoticeBody, InspectionFindingsBody, TreatyEventBody,
                 // The commission's concerns (ledger/concern_body.h).
                 ConcernRaisedBody, ConcernAnsweredBody, ConcernClosedBody,
                 // --- escrow ---
                 EscrowCommitmentBody, EscrowRevealBody, EscrowRandomnessCommitBody,
                 EscrowRandomnessRevealBody, EscrowDesignationBody, EscrowOpeningBody>;
static_assert(std::variant_size_v<BodyValue> == kNotificationTypeCount);

struct Body {
  BodyValue value;
  NotificationType type() const { return static_cast<NotificationType>(value.index()); }
};

// The body alternative of type `T`, e.g. BodyOf<NotificationType::kLoading>.
template <NotificationType T>
using BodyOf = std::variant_alternative_t<static_cast<size_t>(T), BodyValue>;

// Reads `json` as the body of a notification of type `type` (the rules
// above). `path` names the body in errors ("body").
StatusOr<Body> ParseBody(NotificationType type, const Json& json, std::string_view path);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_BODY_H_

#include "ledger/body_schema.h"

#include <algorithm>

namespace verity::ledger {
namespace internal {
namespace {

std::vector<BodySchema> MakeSchemas() {
  using T = NotificationType;
  return {
      {T::kDataExchange, "data_exchange", {"declaration"}, false, ReadDataExchange},
      {T::kProduction,
       "production",
       {"uid", "type", "facility", "role", "submarine"},
       false,
       ReadProduction},
      {T::kMovement, "movement", {"uid", "from", "to", "departed"}, false, ReadMovement},
      {T::kLoading, "loading", {"missile", "launcher", "warheads"}, false, ReadLoading},
      {T::kUnloading, "unloading", {"missile", "launcher"}, false, ReadUnloading},
      {T::kWarheadChange, "warhead_change", {"missile", "warheads"}, false, ReadWarheadChange},
      {T::kConversionStarted,
       "conversion_started",
       {"uid", "procedure"},
       false,
       ReadConversionStarted},
      {T::kConversionCompleted,
       "conversion_completed",
       {"uid", "procedure"},
       false,
       ReadConversionCompleted},
      {T::kElimination, "elimination", {"uid", "method"}, false, ReadElimination},
      {T::kFacilityDeclared,
       "facility_declared",
       {"id", "facility_type", "name", "location"},
       false,
       ReadFacilityDeclared},
      {T::kFacilityClosed, "facility_closed", {"id"}, false, ReadFacilityClosed},
      {T::kNewType,
       "new_type",
       {"id", "name", "class", "kind", "max_warheads", "capacity"},
       false,
       ReadNewType},
      {T::kLaunch,
       "launch",
       {"missile_type", "launch_area", "impact_area", "planned"},
       false,
       ReadLaunch},
      {T::kBomberExercise,
       "bomber_exercise",
       {"start", "end", "bombers", "description"},
       false,
       ReadBomberExercise},
      {T::kInspectionNotice,
       "inspection_notice",
       {"kind", "site", "inspected_party", "designated"},
       true,
       ReadInspectionNotice},
      {T::kInspectionFindings,
       "inspection_findings",
       {"kind", "site", "inspected_party", "designated", "reentry_vehicles", "uids_seen",
        "items_counted"},
       true,
       ReadInspectionFindings},
      {T::kTreatyEvent, "treaty_event", {"event", "statement", "duties"}, false, ReadTreatyEvent},
      // ---- The commission's concerns (concern_readers.cc) ----
      {T::kConcernRaised,
       "concern_raised",
       {"concern", "addressed_to", "question", "provision", "entries", "ambiguities"},
       false,
       ReadConcernRaised},
      {T::kConcernAnswered,
       "concern_answered",
       {"concern", "answer", "provision"},
       false,
       ReadConcernAnswered},
      {T::kConcernClosed,
       "concern_closed",
       {"concern", "outcome", "note", "joint_statement"},
       false,
       ReadConcernClosed},
      // --- Declarations in escrow (docs/escrow.md) ---
      {T::kEscrowCommitment,
       "escrow_commitment",
       {"escrow", "treaty", "as_of", "root", "leaves", "totals"},
       false,
       ReadEscrowCommitment},
      {T::kEscrowReveal,
       "escrow_reveal",
       {"escrow", "stage", "select", "openings"},
       false,
       ReadEscrowReveal},
      {T::kEscrowRandomnessCommit,
       "escrow_randomness_commit",
       {"escrow", "designation", "commitment", "openings", "beacon_round", "reveal_by", "open_by"},
       false,
       ReadEscrowRandomnessCommit},
      {T::kEscrowRandomnessReveal,
       "escrow_randomness_reveal",
       {"escrow", "designation", "value"},
       false,
       ReadEscrowRandomnessReveal},
      {T::kEscrowDesignation,
       "escrow_designation",
       {"escrow", "designation", "beacon", "seed", "leaves"},
       false,
       ReadEscrowDesignation},
      {T::kEscrowOpening,
       "escrow_opening",
       {"escrow", "designation", "openings"},
       false,
       ReadEscrowOpening},
      // --- end of escrow ---
  };
}

Status NullAt(const std::string& path) { return InvalidArgument(path + ": null is not allowed"); }

struct Frame {
  const Json* node;
  Json::const_iterator at;  // the child being looked at
  size_t index;             // its position
};

std::string PathOf(std::string path, const std::vector<Frame>& frames) {
  for (const Frame& f : frames) {
    path = f.node->is_object() ? JsonPathField(path, f.at.key()) : JsonPathIndex(path, f.index);
  }
  return path;
}

// Refuses a null at `v` or anywhere inside it, naming the first one. An
// explicit stack rather than recursion: how deep a body may nest is the JSON
// reader's to bound, and this walk must not be what fails on a deep one.
Status RejectNull(const Json& v, const std::string& path) {
  if (v.is_null()) return NullAt(path);
  if (!v.is_structured() || v.empty()) return Status::Ok();
  std::vector<Frame> stack{{&v, v.cbegin(), 0}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.at == f.node->cend()) {
      stack.pop_back();
      if (!stack.empty()) ++stack.back().at, ++stack.back().index;
      continue;
    }
    const Json& child = *f.at;
    if (child.is_null()) return NullAt(PathOf(path, stack));
    if (child.is_structured() && !child.empty()) {
      stack.push_back({&child, child.cbegin(), 0});  // `f` is not used after this
      continue;
    }
    ++f.at, ++f.index;
  }
  return Status::Ok();
}

Status RejectUnknownMembers(const BodySchema& s, const Json& body, const FieldReader& r) {
  for (const auto& member : body.items()) {
    if (s.Knows(member.key())) continue;
    std::string list;
    for (const auto& m : s.members) list += (list.empty() ? "" : ", ") + std::string(m);
    return InvalidArgument(r.PathOf(member.key()) + ": unknown field for " + std::string(s.name) +
                           " (expected one of: " + list + ")");
  }
  return Status::Ok();
}

}  // namespace

bool BodySchema::Knows(std::string_view member) const {
  return std::find(members.begin(), members.end(), member) != members.end();
}

const std::vector<BodySchema>& AllSchemas() {
  static const std::vector<BodySchema> kSchemas = MakeSchemas();
  return kSchemas;
}

const BodySchema& SchemaOf(NotificationType t) { return AllSchemas().at(static_cast<size_t>(t)); }

}  // namespace internal

std::string_view Name(TreatyEvent e) {
  switch (e) {
    case TreatyEvent::kSuspension:
      return "suspension";
    case TreatyEvent::kResumption:
      return "resumption";
    case TreatyEvent::kWithdrawal:
      return "withdrawal";
    case TreatyEvent::kExpiry:
      return "expiry";
    case TreatyEvent::kCountermeasure:
      return "countermeasure";
  }
  return "?";
}

namespace {

constexpr TreatyEvent kTreatyEvents[] = {TreatyEvent::kSuspension, TreatyEvent::kResumption,
                                         TreatyEvent::kWithdrawal, TreatyEvent::kExpiry,
                                         TreatyEvent::kCountermeasure};
constexpr Duty kDuties[] = {Duty::kDataExchange, Duty::kNotifications, Duty::kInspections,
                            Duty::kTelemetry};

template <typename E, size_t N>
std::optional<E> ByName(const E (&all)[N], std::string_view s) {
  for (E e : all) {
    if (Name(e) == s) return e;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string NameList(const E (&all)[N]) {
  std::string out;
  for (E e : all) out += (out.empty() ? "" : ", ") + std::string(Name(e));
  return out;
}

}  // namespace

std::optional<TreatyEvent> ParseTreatyEvent(std::string_view s) { return ByName(kTreatyEvents, s); }
std::string TreatyEventNames() { return NameList(kTreatyEvents); }

std::string_view Name(Duty d) {
  switch (d) {
    case Duty::kDataExchange:
      return "data_exchange";
    case Duty::kNotifications:
      return "notifications";
    case Duty::kInspections:
      return "inspections";
    case Duty::kTelemetry:
      return "telemetry";
  }
  return "?";
}

std::optional<Duty> ParseDuty(std::string_view s) { return ByName(kDuties, s); }
std::string DutyNames() { return NameList(kDuties); }

StatusOr<Body> ParseBody(NotificationType type, const Json& json, std::string_view path) {
  const internal::BodySchema& s = internal::SchemaOf(type);
  const std::string where(path);
  if (!json.is_object()) {
    return InvalidArgument(where + ": expected an object, got " + JsonTypeName(json));
  }
  // One rule for null, before any member is read: FieldReader would take a
  // null for an absent member, and an optional member given as null would
  // then pass here while the signed JSON says something else.
  for (const auto& member : json.items()) {
    if (s.Knows(member.key())) {
      VERITY_RETURN_IF_ERROR(
          internal::RejectNull(member.value(), JsonPathField(where, member.key())));
    }
  }
  const FieldReader r(json, where);
  VERITY_ASSIGN_OR_RETURN(BodyValue value, s.read(r));
  if (!s.open) VERITY_RETURN_IF_ERROR(internal::RejectUnknownMembers(s, json, r));
  // The signature covers the canonical encoding, which has no decimals.
  VERITY_RETURN_IF_ERROR(CheckIntegral(json, where));
  return Body{std::move(value)};
}

}  // namespace verity::ledger

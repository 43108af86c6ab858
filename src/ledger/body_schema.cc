#include "ledger/body_schema.h"

#include <algorithm>

namespace verity::ledger::internal {
namespace {

using K = FieldKind;
constexpr bool kReq = true;
constexpr bool kOpt = false;
// Counts (warheads, bombers) are bounded so that every sum fits comfortably.
constexpr int64_t kMaxCount = 1'000'000;

std::vector<BodySchema> MakeSchemas() {
  using T = NotificationType;
  return {
      {T::kDataExchange, "data_exchange", {{"declaration", K::kObject, kReq}}, false},
      {T::kProduction,
       "production",
       {{"uid", K::kString, kReq},
        {"type", K::kString, kReq},
        {"facility", K::kString, kReq},
        {"role", K::kString, kOpt},
        {"submarine", K::kString, kOpt}},
       false},
      {T::kMovement,
       "movement",
       {{"uid", K::kString, kReq},
        {"from", K::kString, kReq},
        {"to", K::kString, kReq},
        {"departed", K::kDate, kOpt}},
       false},
      {T::kLoading,
       "loading",
       {{"missile", K::kString, kReq},
        {"launcher", K::kString, kReq},
        {"warheads", K::kCount, kOpt}},
       false},
      {T::kUnloading,
       "unloading",
       {{"missile", K::kString, kReq}, {"launcher", K::kString, kReq}},
       false},
      {T::kWarheadChange,
       "warhead_change",
       {{"missile", K::kString, kReq}, {"warheads", K::kCount, kReq}},
       false},
      {T::kConversionStarted,
       "conversion_started",
       {{"uid", K::kString, kReq}, {"procedure", K::kString, kOpt}},
       false},
      {T::kConversionCompleted,
       "conversion_completed",
       {{"uid", K::kString, kReq}, {"procedure", K::kString, kOpt}},
       false},
      {T::kElimination,
       "elimination",
       {{"uid", K::kString, kReq}, {"method", K::kString, kOpt}},
       false},
      {T::kFacilityDeclared,
       "facility_declared",
       {{"id", K::kString, kReq},
        {"facility_type", K::kString, kReq},
        {"name", K::kString, kOpt},
        {"location", K::kString, kOpt}},
       false},
      {T::kFacilityClosed, "facility_closed", {{"id", K::kString, kReq}}, false},
      {T::kNewType,
       "new_type",
       {{"id", K::kString, kReq},
        {"name", K::kString, kReq},
        {"class", K::kString, kReq},
        {"kind", K::kString, kReq},
        {"max_warheads", K::kCount, kOpt},
        {"capacity", K::kCount, kOpt}},
       false},
      {T::kLaunch,
       "launch",
       {{"missile_type", K::kString, kReq},
        {"launch_area", K::kString, kReq},
        {"impact_area", K::kString, kReq},
        {"planned", K::kDate, kOpt}},
       false},
      {T::kBomberExercise,
       "bomber_exercise",
       {{"start", K::kDate, kReq},
        {"end", K::kDate, kReq},
        {"bombers", K::kCount, kOpt},
        {"description", K::kString, kOpt}},
       false},
      {T::kInspectionNotice,
       "inspection_notice",
       {{"kind", K::kString, kReq}, {"site", K::kString, kOpt}},
       true},
      {T::kInspectionFindings,
       "inspection_findings",
       {{"kind", K::kString, kReq}, {"site", K::kString, kOpt}},
       true},
      {T::kTreatyEvent,
       "treaty_event",
       {{"event", K::kEvent, kReq}, {"statement", K::kString, kOpt}},
       false},
  };
}

Status CheckField(const FieldReader& r, const BodyField& f) {
  if (!r.Has(f.name)) {
    if (f.required) return InvalidArgument(r.PathOf(f.name) + ": missing (required)");
    return Status::Ok();
  }
  switch (f.kind) {
    case K::kString:
      return r.String(f.name).status();
    case K::kCount:
      return r.Int(f.name, 0, kMaxCount).status();
    case K::kDate:
      return r.DateField(f.name).status();
    case K::kObject: {
      VERITY_ASSIGN_OR_RETURN(const Json* v, r.Member(f.name));
      if (!v->is_object()) {
        return InvalidArgument(r.PathOf(f.name) + ": expected an object, got " + JsonTypeName(*v));
      }
      return Status::Ok();
    }
    case K::kEvent: {
      VERITY_ASSIGN_OR_RETURN(std::string e, r.String(f.name));
      if (e != "suspension" && e != "resumption" && e != "withdrawal") {
        return InvalidArgument(r.PathOf(f.name) + ": '" + e +
                               "' is not a treaty event (expected one of: suspension, "
                               "resumption, withdrawal)");
      }
      return Status::Ok();
    }
  }
  return Internal("unhandled field kind");
}

}  // namespace

const std::vector<BodySchema>& AllSchemas() {
  static const std::vector<BodySchema> kSchemas = MakeSchemas();
  return kSchemas;
}

const BodySchema& SchemaOf(NotificationType t) { return AllSchemas().at(static_cast<size_t>(t)); }

Status CheckBody(NotificationType t, const Json& body, const std::string& path) {
  const BodySchema& s = SchemaOf(t);
  FieldReader r(body, path);
  if (!body.is_object()) {
    return InvalidArgument(path + ": expected an object, got " + JsonTypeName(body));
  }
  for (const BodyField& f : s.fields) VERITY_RETURN_IF_ERROR(CheckField(r, f));
  if (s.open) return Status::Ok();
  for (const auto& member : body.items()) {
    const std::string& k = member.key();
    const bool known = std::any_of(s.fields.begin(), s.fields.end(),
                                   [&](const BodyField& f) { return f.name == k; });
    if (!known) {
      std::string list;
      for (const auto& f : s.fields) list += (list.empty() ? "" : ", ") + std::string(f.name);
      return InvalidArgument(r.PathOf(k) + ": unknown field for " + std::string(s.name) +
                             " (expected one of: " + list + ")");
    }
  }
  return Status::Ok();
}

}  // namespace verity::ledger::internal

// The reader of each notification body (ledger/body.h states the rules).
// Every reader sees an object none of whose known members is null.
#include "forces/declaration_io.h"
#include "ledger/body_schema.h"

namespace verity::ledger::internal {
namespace {

constexpr char kAtSea[] = "at_sea";

Status Missing(const FieldReader& r, std::string_view key) {
  return InvalidArgument(r.PathOf(key) + ": missing (required)");
}

StatusOr<std::string> Str(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return Missing(r, key);
  return r.String(key);
}

StatusOr<std::optional<std::string>> OptStr(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return std::optional<std::string>();
  VERITY_ASSIGN_OR_RETURN(std::string s, r.String(key));
  return std::optional<std::string>(std::move(s));
}

StatusOr<int32_t> Count(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return Missing(r, key);
  VERITY_ASSIGN_OR_RETURN(int64_t n, r.Int(key, 0, kMaxBodyCount));
  return static_cast<int32_t>(n);
}

StatusOr<std::optional<int32_t>> OptCount(const FieldReader& r, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(auto n, r.OptInt(key, 0, kMaxBodyCount));
  if (!n) return std::optional<int32_t>();
  return std::optional<int32_t>(static_cast<int32_t>(*n));
}

StatusOr<Date> Day(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return Missing(r, key);
  return r.DateField(key);
}

// A name from one of the file formats' closed lists (treaty/facts.h).
template <typename E>
StatusOr<E> OneOf(const FieldReader& r, std::string_view key,
                  std::optional<E> (*parse)(std::string_view), std::string_view what,
                  const std::string& names) {
  VERITY_ASSIGN_OR_RETURN(std::string s, Str(r, key));
  if (auto v = parse(s)) return *v;
  return InvalidArgument(r.PathOf(key) + ": '" + s + "' is not a " + std::string(what) +
                         " (expected one of: " + names + ")");
}

// An optional array of non-empty strings (UIDs) at `key`.
StatusOr<std::vector<std::string>> Uids(const FieldReader& r, std::string_view key) {
  std::vector<std::string> out;
  VERITY_ASSIGN_OR_RETURN(const Json* arr, r.OptArray(key));
  for (size_t k = 0; arr != nullptr && k < arr->size(); ++k) {
    const Json& v = arr->at(k);
    const std::string path = JsonPathIndex(r.PathOf(key), k);
    if (!v.is_string())
      return InvalidArgument(path + ": expected a UID string, got " + JsonTypeName(v));
    if (v.get_ref<const std::string&>().empty()) {
      return InvalidArgument(path + ": expected a non-empty string");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

// An optional array of objects {<name>: string, <number>: count} at `key`.
template <typename Counted>
StatusOr<std::vector<Counted>> CountedList(const FieldReader& r, std::string_view key,
                                           std::string_view name, std::string_view number) {
  std::vector<Counted> out;
  VERITY_ASSIGN_OR_RETURN(const Json* arr, r.OptArray(key));
  for (size_t k = 0; arr != nullptr && k < arr->size(); ++k) {
    const FieldReader e(arr->at(k), JsonPathIndex(r.PathOf(key), k));
    VERITY_RETURN_IF_ERROR(e.RejectUnknown({name, number}));
    VERITY_ASSIGN_OR_RETURN(std::string id, Str(e, name));
    VERITY_ASSIGN_OR_RETURN(int32_t n, Count(e, number));
    out.push_back({std::move(id), n});
  }
  return out;
}

StatusOr<InspectionNoticeBody> Notice(const FieldReader& r) {
  InspectionNoticeBody b;
  VERITY_ASSIGN_OR_RETURN(b.kind, Str(r, "kind"));
  VERITY_ASSIGN_OR_RETURN(b.site, OptStr(r, "site"));
  VERITY_ASSIGN_OR_RETURN(b.inspected_party, OptStr(r, "inspected_party"));
  VERITY_ASSIGN_OR_RETURN(b.designated, Uids(r, "designated"));
  return b;
}

template <typename Conversion>
StatusOr<BodyValue> ReadConversion(const FieldReader& r) {
  Conversion b;
  VERITY_ASSIGN_OR_RETURN(b.uid, Str(r, "uid"));
  VERITY_ASSIGN_OR_RETURN(b.procedure, OptStr(r, "procedure"));
  return BodyValue(std::move(b));
}

}  // namespace

StatusOr<BodyValue> ReadDataExchange(const FieldReader& r) {
  if (!r.Has("declaration")) return Missing(r, "declaration");
  VERITY_ASSIGN_OR_RETURN(const Json* doc, r.Member("declaration"));
  const std::string path = r.PathOf("declaration");
  if (!doc->is_object()) {
    return InvalidArgument(path + ": expected an object, got " + JsonTypeName(*doc));
  }
  // A notification is the whole record: the items cannot live in a file
  // beside whoever reads it.
  if (doc->contains("items_csv")) {
    return InvalidArgument(JsonPathField(path, "items_csv") +
                           ": not allowed in a notification (a data exchange lists its items "
                           "inline)");
  }
  VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::ParseDeclaration(*doc, path));
  return BodyValue(DataExchangeBody{std::make_shared<const forces::Declaration>(std::move(d))});
}

StatusOr<BodyValue> ReadProduction(const FieldReader& r) {
  ProductionBody b;
  VERITY_ASSIGN_OR_RETURN(b.uid, Str(r, "uid"));
  VERITY_ASSIGN_OR_RETURN(b.type, Str(r, "type"));
  VERITY_ASSIGN_OR_RETURN(b.facility, Str(r, "facility"));
  if (r.Has("role")) {
    VERITY_ASSIGN_OR_RETURN(b.role,
                            OneOf(r, "role", treaty::ParseRole, "role", treaty::RoleNames()));
  }
  VERITY_ASSIGN_OR_RETURN(b.submarine, OptStr(r, "submarine"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadMovement(const FieldReader& r) {
  MovementBody b;
  VERITY_ASSIGN_OR_RETURN(b.uid, Str(r, "uid"));
  VERITY_ASSIGN_OR_RETURN(b.from, Str(r, "from"));
  VERITY_ASSIGN_OR_RETURN(b.to, Str(r, "to"));
  VERITY_ASSIGN_OR_RETURN(b.departed, r.OptDate("departed"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadLoading(const FieldReader& r) {
  LoadingBody b;
  VERITY_ASSIGN_OR_RETURN(b.missile, Str(r, "missile"));
  VERITY_ASSIGN_OR_RETURN(b.launcher, Str(r, "launcher"));
  VERITY_ASSIGN_OR_RETURN(b.warheads, OptCount(r, "warheads"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadUnloading(const FieldReader& r) {
  UnloadingBody b;
  VERITY_ASSIGN_OR_RETURN(b.missile, Str(r, "missile"));
  VERITY_ASSIGN_OR_RETURN(b.launcher, Str(r, "launcher"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadWarheadChange(const FieldReader& r) {
  WarheadChangeBody b;
  VERITY_ASSIGN_OR_RETURN(b.missile, Str(r, "missile"));
  VERITY_ASSIGN_OR_RETURN(b.warheads, Count(r, "warheads"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadConversionStarted(const FieldReader& r) {
  return ReadConversion<ConversionStartedBody>(r);
}

StatusOr<BodyValue> ReadConversionCompleted(const FieldReader& r) {
  return ReadConversion<ConversionCompletedBody>(r);
}

StatusOr<BodyValue> ReadElimination(const FieldReader& r) {
  EliminationBody b;
  VERITY_ASSIGN_OR_RETURN(b.uid, Str(r, "uid"));
  VERITY_ASSIGN_OR_RETURN(b.method, OptStr(r, "method"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadFacilityDeclared(const FieldReader& r) {
  forces::Facility f;
  VERITY_ASSIGN_OR_RETURN(f.id, Str(r, "id"));
  VERITY_ASSIGN_OR_RETURN(f.type, OneOf(r, "facility_type", treaty::ParseFacilityType,
                                        "facility type", treaty::FacilityTypeNames()));
  VERITY_ASSIGN_OR_RETURN(auto name, OptStr(r, "name"));
  VERITY_ASSIGN_OR_RETURN(auto location, OptStr(r, "location"));
  f.name = name.value_or(f.id);
  f.location = location.value_or("");
  // As in a declaration's facility list (the replayed state is one).
  if (f.id == kAtSea) return InvalidArgument(r.PathOf("id") + ": 'at_sea' is reserved");
  if (f.type == treaty::FacilityType::kAtSea) {
    return InvalidArgument(r.PathOf("facility_type") + ": 'at_sea' is not a facility");
  }
  return BodyValue(FacilityDeclaredBody{std::move(f)});
}

StatusOr<BodyValue> ReadFacilityClosed(const FieldReader& r) {
  FacilityClosedBody b;
  VERITY_ASSIGN_OR_RETURN(b.id, Str(r, "id"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadNewType(const FieldReader& r) {
  forces::TypeDef t;
  VERITY_ASSIGN_OR_RETURN(t.id, Str(r, "id"));
  VERITY_ASSIGN_OR_RETURN(t.name, Str(r, "name"));
  VERITY_ASSIGN_OR_RETURN(t.system_class, OneOf(r, "class", treaty::ParseSystemClass,
                                                "system class", treaty::SystemClassNames()));
  VERITY_ASSIGN_OR_RETURN(
      t.kind, OneOf(r, "kind", treaty::ParseItemKind, "item kind", treaty::ItemKindNames()));
  VERITY_ASSIGN_OR_RETURN(auto max_warheads, OptCount(r, "max_warheads"));
  VERITY_ASSIGN_OR_RETURN(auto capacity, OptCount(r, "capacity"));
  t.max_warheads = max_warheads.value_or(0);
  t.capacity = capacity.value_or(0);
  // The replayed state is a declaration: a type it holds obeys its rules.
  VERITY_RETURN_IF_ERROR(forces::CheckTypeDef(t, r.path()));
  return BodyValue(NewTypeBody{std::move(t)});
}

StatusOr<BodyValue> ReadLaunch(const FieldReader& r) {
  LaunchBody b;
  VERITY_ASSIGN_OR_RETURN(b.missile_type, Str(r, "missile_type"));
  VERITY_ASSIGN_OR_RETURN(b.launch_area, Str(r, "launch_area"));
  VERITY_ASSIGN_OR_RETURN(b.impact_area, Str(r, "impact_area"));
  VERITY_ASSIGN_OR_RETURN(b.planned, r.OptDate("planned"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadBomberExercise(const FieldReader& r) {
  BomberExerciseBody b;
  VERITY_ASSIGN_OR_RETURN(b.start, Day(r, "start"));
  VERITY_ASSIGN_OR_RETURN(b.end, Day(r, "end"));
  VERITY_ASSIGN_OR_RETURN(b.bombers, OptCount(r, "bombers"));
  VERITY_ASSIGN_OR_RETURN(b.description, OptStr(r, "description"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadInspectionNotice(const FieldReader& r) {
  VERITY_ASSIGN_OR_RETURN(InspectionNoticeBody b, Notice(r));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadInspectionFindings(const FieldReader& r) {
  InspectionFindingsBody b;
  VERITY_ASSIGN_OR_RETURN(b.notice, Notice(r));
  VERITY_ASSIGN_OR_RETURN(b.reentry_vehicles,
                          CountedList<CountedUid>(r, "reentry_vehicles", "uid", "counted"));
  VERITY_ASSIGN_OR_RETURN(b.uids_seen, Uids(r, "uids_seen"));
  VERITY_ASSIGN_OR_RETURN(b.items_counted,
                          CountedList<CountedType>(r, "items_counted", "type", "count"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadTreatyEvent(const FieldReader& r) {
  TreatyEventBody b;
  VERITY_ASSIGN_OR_RETURN(b.event,
                          OneOf(r, "event", ParseTreatyEvent, "treaty event", TreatyEventNames()));
  VERITY_ASSIGN_OR_RETURN(b.statement, OptStr(r, "statement"));
  VERITY_ASSIGN_OR_RETURN(b.duties, ReadDuties(r, b.event));
  return BodyValue(std::move(b));
}

}  // namespace verity::ledger::internal

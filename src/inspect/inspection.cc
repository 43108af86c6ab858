#include "inspect/inspection.h"

namespace verity::inspect {
namespace {

constexpr int64_t kMaxCount = 1'000'000;

// An optional array of UID strings at `key`.
Status ReadUids(const FieldReader& r, std::string_view key, std::vector<std::string>* out) {
  VERITY_ASSIGN_OR_RETURN(const Json* arr, r.OptArray(key));
  for (size_t k = 0; arr != nullptr && k < arr->size(); ++k) {
    if (!arr->at(k).is_string()) {
      return InvalidArgument(JsonPathIndex(r.PathOf(key), k) + ": expected a UID string");
    }
    out->push_back(arr->at(k).get<std::string>());
  }
  return Status::Ok();
}

Status ReadCommon(const FieldReader& r, Inspection* i) {
  VERITY_ASSIGN_OR_RETURN(i->kind, r.String("kind"));
  VERITY_ASSIGN_OR_RETURN(i->site, r.String("site"));
  VERITY_ASSIGN_OR_RETURN(i->inspected_party, r.String("inspected_party"));
  if (i->inspected_party == i->inspecting_party) {
    return InvalidArgument(r.PathOf("inspected_party") + ": a party cannot inspect itself");
  }
  return ReadUids(r, "designated", &i->designated);
}

Status ReadCounted(const FieldReader& r, Findings* f) {
  VERITY_ASSIGN_OR_RETURN(const Json* rvs, r.OptArray("reentry_vehicles"));
  for (size_t k = 0; rvs != nullptr && k < rvs->size(); ++k) {
    FieldReader e(rvs->at(k), JsonPathIndex(r.PathOf("reentry_vehicles"), k));
    VERITY_RETURN_IF_ERROR(e.RejectUnknown({"uid", "counted"}));
    CountedItem c;
    VERITY_ASSIGN_OR_RETURN(c.uid, e.String("uid"));
    VERITY_ASSIGN_OR_RETURN(c.counted, e.Int("counted", 0, kMaxCount));
    f->reentry_vehicles.push_back(std::move(c));
  }
  VERITY_ASSIGN_OR_RETURN(const Json* types, r.OptArray("items_counted"));
  for (size_t k = 0; types != nullptr && k < types->size(); ++k) {
    FieldReader e(types->at(k), JsonPathIndex(r.PathOf("items_counted"), k));
    VERITY_RETURN_IF_ERROR(e.RejectUnknown({"type", "count"}));
    TypeCount t;
    VERITY_ASSIGN_OR_RETURN(t.type, e.String("type"));
    VERITY_ASSIGN_OR_RETURN(t.count, e.Int("count", 0, kMaxCount));
    f->items_counted.push_back(std::move(t));
  }
  return ReadUids(r, "uids_seen", &f->uids_seen);
}

}  // namespace

StatusOr<Inspection> ParseNotice(const Json& body, const std::string& party, Date date,
                                 uint64_t index) {
  FieldReader r(body, "body");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"kind", "site", "inspected_party", "designated"}));
  Inspection i;
  i.inspecting_party = party;
  i.date = date;
  i.ledger_index = index;
  VERITY_RETURN_IF_ERROR(ReadCommon(r, &i));
  return i;
}

StatusOr<Findings> ParseFindings(const Json& body, const std::string& party, Date date,
                                 uint64_t index) {
  FieldReader r(body, "body");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"kind", "site", "inspected_party", "designated",
                                          "reentry_vehicles", "uids_seen", "items_counted"}));
  Findings f;
  f.inspection.inspecting_party = party;
  f.inspection.date = date;
  f.inspection.ledger_index = index;
  VERITY_RETURN_IF_ERROR(ReadCommon(r, &f.inspection));
  VERITY_RETURN_IF_ERROR(ReadCounted(r, &f));
  return f;
}

Json NoticeBody(const Inspection& i) {
  Json j = {{"kind", i.kind}, {"site", i.site}, {"inspected_party", i.inspected_party}};
  if (!i.designated.empty()) j["designated"] = i.designated;
  return j;
}

Json FindingsBody(const Findings& f) {
  Json j = NoticeBody(f.inspection);
  if (!f.reentry_vehicles.empty()) {
    j["reentry_vehicles"] = Json::array();
    for (const auto& c : f.reentry_vehicles)
      j["reentry_vehicles"].push_back({{"uid", c.uid}, {"counted", c.counted}});
  }
  if (!f.items_counted.empty()) {
    j["items_counted"] = Json::array();
    for (const auto& t : f.items_counted)
      j["items_counted"].push_back({{"type", t.type}, {"count", t.count}});
  }
  if (!f.uids_seen.empty()) j["uids_seen"] = f.uids_seen;
  return j;
}

}  // namespace verity::inspect

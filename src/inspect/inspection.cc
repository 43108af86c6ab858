#include "inspect/inspection.h"

namespace verity::inspect {
namespace {

Status Missing(std::string_view member) {
  return InvalidArgument("body." + std::string(member) + ": missing (required)");
}

Status ReadCommon(const ledger::InspectionNoticeBody& b, Inspection* i) {
  i->kind = b.kind;
  if (!b.site) return Missing("site");
  i->site = *b.site;
  if (!b.inspected_party) return Missing("inspected_party");
  i->inspected_party = *b.inspected_party;
  if (i->inspected_party == i->inspecting_party) {
    return InvalidArgument("body.inspected_party: a party cannot inspect itself");
  }
  i->designated = b.designated;
  return Status::Ok();
}

}  // namespace

StatusOr<Inspection> ReadNotice(const ledger::InspectionNoticeBody& body, const std::string& party,
                                Date date, uint64_t index) {
  Inspection i;
  i.inspecting_party = party;
  i.date = date;
  i.ledger_index = index;
  VERITY_RETURN_IF_ERROR(ReadCommon(body, &i));
  return i;
}

StatusOr<Findings> ReadFindings(const ledger::InspectionFindingsBody& body,
                                const std::string& party, Date date, uint64_t index) {
  Findings f;
  VERITY_ASSIGN_OR_RETURN(f.inspection, ReadNotice(body.notice, party, date, index));
  f.reentry_vehicles = body.reentry_vehicles;
  f.uids_seen = body.uids_seen;
  f.items_counted = body.items_counted;
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

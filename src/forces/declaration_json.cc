// The itemized JSON form of a declaration (see declaration_io.h).
#include "forces/declaration_io.h"

namespace verity::forces {
namespace {

Json FacilityJson(const Facility& f) {
  Json j = {{"id", f.id}, {"type", treaty::Name(f.type)}, {"name", f.name}};
  if (!f.location.empty()) j["location"] = f.location;
  if (!f.source.empty()) j["source"] = f.source;
  return j;
}

Json TypeJson(const TypeDef& t) {
  Json j = {{"id", t.id},
            {"name", t.name},
            {"class", treaty::Name(t.system_class)},
            {"kind", treaty::Name(t.kind)}};
  if (t.max_warheads > 0) j["max_warheads"] = t.max_warheads;
  if (t.capacity > 0) j["capacity"] = t.capacity;
  if (!t.source.empty()) j["source"] = t.source;
  return j;
}

Json ItemJson(const Declaration& d, const Item& it) {
  Json j = {{"uid", it.uid}, {"type", d.types[static_cast<size_t>(it.type)].id}};
  const bool hosted = (it.kind == ItemKind::kMissile && it.container != kNoIndex) ||
                      (it.kind == ItemKind::kSlbmLauncher && it.submarine != kNoIndex);
  if (!hosted) {
    j["facility"] = it.facility == kNoIndex ? std::string("at_sea")
                                            : d.facilities[static_cast<size_t>(it.facility)].id;
  }
  if (it.kind == ItemKind::kMissile) {
    if (it.container != kNoIndex) j["launcher"] = d.items[static_cast<size_t>(it.container)].uid;
    j["warheads"] = it.warheads;
  }
  if (it.kind == ItemKind::kSlbmLauncher && it.submarine != kNoIndex) {
    j["submarine"] = d.items[static_cast<size_t>(it.submarine)].uid;
  }
  if (it.kind != ItemKind::kMissile) j["role"] = treaty::Name(it.role);
  if (it.kind == ItemKind::kHeavyBomber) j["armament"] = treaty::Name(it.armament);
  if (it.conversion != Conversion::kNone) j["conversion"] = treaty::Name(it.conversion);
  if (it.eliminated) j["eliminated"] = true;
  if (it.source != 0) j["source"] = d.sources[static_cast<size_t>(it.source)];
  return j;
}

}  // namespace

Json DeclarationToJson(const Declaration& d) {
  Json j = {{"format", "verity-declaration/1"}, {"party", d.party}, {"as_of", d.as_of.ToString()}};
  if (!d.source.empty()) j["source"] = d.source;
  j["facilities"] = Json::array();
  for (const auto& f : d.facilities) j["facilities"].push_back(FacilityJson(f));
  j["types"] = Json::array();
  for (const auto& t : d.types) j["types"].push_back(TypeJson(t));
  // Launchers and submarines first, so a reader sees hosts before contents.
  j["items"] = Json::array();
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& it : d.items) {
      const bool contained = it.kind == ItemKind::kMissile;
      if ((pass == 0) != contained) j["items"].push_back(ItemJson(d, it));
    }
  }
  return j;
}

}  // namespace verity::forces

// The itemized JSON form of a declaration (see declaration_io.h).
#include "forces/declaration_io.h"
#include "forces/ranged.h"

namespace verity::forces {
namespace {

Json FacilityJson(const Facility& f) {
  Json j = {{"id", f.id}, {"type", treaty::Name(f.type)}, {"name", f.name}};
  if (!f.location.empty()) j["location"] = f.location;
  if (!f.source.empty()) j["source"] = f.source;
  return j;
}

const std::string& SourceAt(const Declaration& d, int32_t s) {
  return d.sources[static_cast<size_t>(s)];
}

Json TypeJson(const Declaration& d, const TypeDef& t, const TypeRange* r) {
  Json j = {{"id", t.id},
            {"name", t.name},
            {"class", treaty::Name(t.system_class)},
            {"kind", treaty::Name(t.kind)}};
  if (t.max_warheads > 0) j["max_warheads"] = t.max_warheads;
  if (t.capacity > 0) j["capacity"] = t.capacity;
  if (r != nullptr) {
    j["max_warheads"] = RangedIntJson({t.max_warheads, r->max_warheads_low, r->max_warheads_high,
                                       SourceAt(d, r->max_warheads_source)});
    j["capacity"] = RangedIntJson(
        {t.capacity, r->capacity_low, r->capacity_high, SourceAt(d, r->capacity_source)});
  }
  if (!t.source.empty()) j["source"] = t.source;
  return j;
}

Json ItemJson(const Declaration& d, const Item& it, const ItemRange* r) {
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
  if (r == nullptr) return j;
  if (it.kind == ItemKind::kMissile) {
    j["warheads"] = RangedIntJson(
        {it.warheads, r->warheads_low, r->warheads_high, SourceAt(d, r->warheads_source)});
  }
  const RangedInt count{1, r->copies_low, r->copies_high, SourceAt(d, r->count_source)};
  if (count.Annotated()) j["count"] = RangedIntJson(count);
  return j;
}

}  // namespace

Json DeclarationToJson(const Declaration& d) {
  Json j = {{"format", "verity-declaration/1"}, {"party", d.party}, {"as_of", d.as_of.ToString()}};
  if (!d.source.empty()) j["source"] = d.source;
  j["facilities"] = Json::array();
  for (const auto& f : d.facilities) j["facilities"].push_back(FacilityJson(f));
  j["types"] = Json::array();
  std::vector<const TypeRange*> type_range(d.types.size(), nullptr);
  for (const auto& r : d.type_ranges) type_range[static_cast<size_t>(r.type)] = &r;
  for (size_t t = 0; t < d.types.size(); ++t)
    j["types"].push_back(TypeJson(d, d.types[t], type_range[t]));
  std::unordered_map<int32_t, const ItemRange*> item_range;
  for (const auto& r : d.item_ranges) item_range.emplace(r.item, &r);
  // Launchers and submarines first, so a reader sees hosts before contents.
  j["items"] = Json::array();
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < d.items.size(); ++i) {
      const Item& it = d.items[i];
      const bool contained = it.kind == ItemKind::kMissile;
      const auto r = item_range.find(static_cast<int32_t>(i));
      if ((pass == 0) != contained) {
        j["items"].push_back(ItemJson(d, it, r == item_range.end() ? nullptr : r->second));
      }
    }
  }
  return j;
}

}  // namespace verity::forces

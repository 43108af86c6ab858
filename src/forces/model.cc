#include "forces/model.h"

namespace verity::forces {
namespace {

template <typename T, typename Key>
void IndexBy(const std::vector<T>& v, Key key, std::unordered_map<std::string, int32_t>* out) {
  out->clear();
  out->reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) out->emplace(key(v[i]), static_cast<int32_t>(i));
}

int32_t Lookup(const std::unordered_map<std::string, int32_t>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? kNoIndex : it->second;
}

}  // namespace

void Declaration::BuildIndex() {
  IndexBy(
      facilities, [](const Facility& f) -> const std::string& { return f.id; }, &facility_index);
  IndexBy(
      types, [](const TypeDef& t) -> const std::string& { return t.id; }, &type_index);
  IndexBy(
      items, [](const Item& it) -> const std::string& { return it.uid; }, &item_index);
  IndexBy(
      sources, [](const std::string& s) -> const std::string& { return s; }, &source_index);
}

int32_t Declaration::FindFacility(const std::string& id) const {
  return Lookup(facility_index, id);
}
int32_t Declaration::FindType(const std::string& id) const { return Lookup(type_index, id); }
int32_t Declaration::FindItem(const std::string& uid) const { return Lookup(item_index, uid); }

int32_t Declaration::InternSource(const std::string& s) {
  if (s.empty()) return 0;
  auto [it, inserted] = source_index.emplace(s, static_cast<int32_t>(sources.size()));
  if (inserted) sources.push_back(s);
  return it->second;
}

bool Declaration::HasRanges() const {
  for (const ItemRange& r : item_ranges) {
    if (r.warheads_low != r.warheads_high || r.copies_low != r.copies_high) return true;
  }
  for (const TypeRange& r : type_ranges) {
    if (r.max_warheads_low != r.max_warheads_high || r.capacity_low != r.capacity_high) return true;
  }
  return false;
}

FacilityType WhereIs(const Declaration& d, const Item& item) {
  if (item.facility == kNoIndex) return FacilityType::kAtSea;
  return d.facilities[static_cast<size_t>(item.facility)].type;
}

}  // namespace verity::forces

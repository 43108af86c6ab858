#include "escrow/item.h"

#include <set>

namespace verity::escrow {
namespace {

using forces::Declaration;
using forces::Item;
using forces::ItemKind;
using forces::kNoIndex;

Json Record(const Declaration& d, const Item& it, uint64_t categories,
            const treaty::Treaty& treaty) {
  const forces::TypeDef& type = d.types[static_cast<size_t>(it.type)];
  Json j = {{"uid", it.uid},
            {"type", type.id},
            {"class", treaty::Name(type.system_class)},
            {"kind", treaty::Name(it.kind)}};
  if (it.facility == kNoIndex) {
    j["facility"] = "at_sea";
    j["facility_type"] = "at_sea";
  } else {
    const forces::Facility& f = d.facilities[static_cast<size_t>(it.facility)];
    j["facility"] = f.id;
    j["facility_type"] = treaty::Name(f.type);
  }
  if (it.kind == ItemKind::kMissile) {
    j["warheads"] = it.warheads;
    if (it.container != kNoIndex) j["launcher"] = d.items[static_cast<size_t>(it.container)].uid;
  } else {
    j["role"] = treaty::Name(it.role);
  }
  if (it.kind == ItemKind::kSlbmLauncher && it.submarine != kNoIndex) {
    j["submarine"] = d.items[static_cast<size_t>(it.submarine)].uid;
  }
  if (it.kind == ItemKind::kHeavyBomber) j["armament"] = treaty::Name(it.armament);
  if (it.conversion != forces::Conversion::kNone) j["conversion"] = treaty::Name(it.conversion);
  if (it.eliminated) j["eliminated"] = true;
  Json cats = Json::array();
  for (size_t c = 0; c < treaty.categories.size(); ++c) {
    if (categories & (uint64_t{1} << c)) cats.push_back(treaty.categories[c].id);
  }
  j["categories"] = std::move(cats);
  return j;
}

}  // namespace

std::vector<Json> ItemRecords(const Declaration& d, const forces::Counter& counter) {
  const std::vector<uint8_t> loaded = forces::Loaded(d);
  forces::ClassCache cache;
  std::vector<Json> out;
  out.reserve(d.items.size());
  for (size_t i = 0; i < d.items.size(); ++i) {
    out.push_back(Record(d, d.items[i], counter.Classify(d, i, loaded, &cache), counter.treaty()));
  }
  return out;
}

StatusOr<std::string> RecordUid(const Json& record, std::string_view path) {
  const auto it = record.find("uid");
  if (it == record.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    return InvalidArgument(JsonPathField(path, "uid") + ": an escrow item needs a uid string");
  }
  return it->get<std::string>();
}

StatusOr<std::vector<std::string>> RecordCategories(const Json& record, std::string_view path) {
  const auto it = record.find("categories");
  const std::string where = JsonPathField(path, "categories");
  if (it == record.end() || !it->is_array()) {
    return InvalidArgument(where + ": an escrow item needs an array of category ids");
  }
  std::vector<std::string> out;
  for (const Json& c : *it) {
    if (!c.is_string()) return InvalidArgument(where + ": expected category id strings");
    out.push_back(c.get<std::string>());
  }
  return out;
}

std::vector<std::string> SelectorValues(const Json& record, std::string_view by) {
  if (by == "category") {
    auto cats = RecordCategories(record, "");
    return cats.ok() ? *cats : std::vector<std::string>{};
  }
  const auto it = record.find(std::string(by));
  if (it == record.end() || !it->is_string()) return {};
  return {it->get<std::string>()};
}

Json RecordDifferences(const Json& opened, const Json& state) {
  std::set<std::string> keys;
  for (const auto& m : opened.items()) keys.insert(m.key());
  for (const auto& m : state.items()) keys.insert(m.key());
  Json out = Json::object();
  for (const std::string& k : keys) {
    const Json a = opened.contains(k) ? opened.at(k) : Json();
    const Json b = state.contains(k) ? state.at(k) : Json();
    if (a != b) out[k] = {{"opened", a}, {"state", b}};
  }
  return out;
}

}  // namespace verity::escrow

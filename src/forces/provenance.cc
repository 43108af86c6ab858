#include "forces/provenance.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/table.h"

namespace verity::forces {
namespace {

constexpr std::string_view kKinds[] = {"item", "type", "facility", "warheads", "count", "capacity"};
constexpr std::string_view kUnsourced = "(no source given)";
// What an item at sea rests on in place of a facility's source.
const std::string kAtSea = "(at sea: no facility)";

size_t KindRank(std::string_view kind) {
  return static_cast<size_t>(std::find(std::begin(kKinds), std::end(kKinds), kind) - std::begin(kKinds));
}

bool WeighsCapacity(const treaty::Limit& limit) {
  return std::any_of(limit.terms.begin(), limit.terms.end(),
                     [](const treaty::Term& t) { return t.weight == treaty::Weight::kCapacity; });
}

class ShareTable {
 public:
  void Add(std::string_view kind, const std::string& source, int64_t amount) {
    SourceShare& s = shares_[{std::string(kind), source}];
    s.amount += amount;
    ++s.items;
  }
  std::vector<SourceShare> Sorted() {
    std::vector<SourceShare> out;
    for (auto& [key, s] : shares_) {
      s.kind = key.first;
      s.source = key.second;
      out.push_back(s);
    }
    std::stable_sort(out.begin(), out.end(), [](const SourceShare& a, const SourceShare& b) {
      const size_t ka = KindRank(a.kind), kb = KindRank(b.kind);
      return ka != kb ? ka < kb : a.amount > b.amount;
    });
    return out;
  }

 private:
  std::map<std::pair<std::string, std::string>, SourceShare> shares_;
};

}  // namespace

std::vector<std::vector<SourceShare>> LimitSources(const Counter& counter, const Declaration& d) {
  std::unordered_map<int32_t, const ItemRange*> ranges;
  for (const ItemRange& r : d.item_ranges) ranges.emplace(r.item, &r);
  std::vector<const TypeRange*> type_ranges(d.types.size(), nullptr);
  for (const TypeRange& r : d.type_ranges) type_ranges[static_cast<size_t>(r.type)] = &r;
  auto src = [&](int32_t s) -> const std::string& { return d.sources[static_cast<size_t>(s)]; };

  std::vector<std::vector<SourceShare>> out;
  const auto& limits = counter.treaty().limits;
  for (size_t l = 0; l < limits.size(); ++l) {
    ShareTable table;
    const bool capacity = WeighsCapacity(limits[l]);
    for (const Contribution& c : counter.Explain(d, static_cast<int>(l))) {
      const Item& it = d.items[static_cast<size_t>(c.item)];
      table.Add("item", src(it.source), c.amount);
      table.Add("type", d.types[static_cast<size_t>(it.type)].source, c.amount);
      table.Add("facility", it.facility == kNoIndex ? kAtSea : d.facilities[static_cast<size_t>(it.facility)].source,
                c.amount);
      if (auto r = ranges.find(c.item); r != ranges.end()) {
        if (r->second->warheads_source) table.Add("warheads", src(r->second->warheads_source), c.amount);
        if (r->second->count_source) table.Add("count", src(r->second->count_source), c.amount);
      }
      const TypeRange* tr = type_ranges[static_cast<size_t>(it.type)];
      if (capacity && tr != nullptr && tr->capacity_source) table.Add("capacity", src(tr->capacity_source), c.amount);
    }
    out.push_back(table.Sorted());
  }
  return out;
}

Json SourcesJson(const Counter& counter, const Declaration& d,
                 const std::vector<std::vector<SourceShare>>& shares) {
  Json limits = Json::array();
  const Counts counts = counter.Count(d);
  for (size_t l = 0; l < shares.size(); ++l) {
    Json list = Json::array();
    for (const SourceShare& s : shares[l]) {
      list.push_back({{"kind", s.kind}, {"source", s.source}, {"amount", s.amount}, {"items", s.items}});
    }
    limits.push_back({{"id", counter.treaty().limits[l].id},
                      {"count", counts.limits[l].count},
                      {"sources", list}});
  }
  return {{"party", d.party}, {"as_of", d.as_of.ToString()}, {"limits", limits}};
}

std::string SourcesText(const Counter& counter, const Declaration& d,
                        const std::vector<std::vector<SourceShare>>& shares) {
  std::string out = "What each total rests on (" + d.party + " as of " + d.as_of.ToString() +
                    "; an item counts under its own, its type's and its facility's source)\n";
  for (size_t l = 0; l < shares.size(); ++l) {
    TextTable t({"kind", "amount", "items", "source"});
    for (const SourceShare& s : shares[l]) {
      t.AddRow({s.kind, std::to_string(s.amount), std::to_string(s.items),
                s.source.empty() ? std::string(kUnsourced) : s.source});
    }
    out += "\n" + counter.treaty().limits[l].id + ": " + counter.treaty().limits[l].name + "\n" + t.ToText();
  }
  return out;
}

}  // namespace verity::forces

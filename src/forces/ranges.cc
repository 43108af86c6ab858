#include "forces/ranges.h"

#include "core/table.h"

namespace verity::forces {

Variant MakeVariant(const Declaration& d, Bound bound) {
  const bool low = bound == Bound::kLow;
  Variant v;
  Declaration& out = v.declaration;
  out.party = d.party;
  out.as_of = d.as_of;
  out.source = d.source;
  out.facilities = d.facilities;
  out.types = d.types;
  out.items = d.items;
  out.sources = d.sources;
  out.item_ranges = d.item_ranges;
  out.type_ranges = d.type_ranges;
  out.facility_index = d.facility_index;
  out.type_index = d.type_index;
  out.source_index = d.source_index;
  v.copies.assign(d.items.size(), 1);
  for (const TypeRange& r : d.type_ranges) {
    TypeDef& t = out.types[static_cast<size_t>(r.type)];
    t.max_warheads = low ? r.max_warheads_low : r.max_warheads_high;
    t.capacity = low ? r.capacity_low : r.capacity_high;
  }
  for (const ItemRange& r : d.item_ranges) {
    out.items[static_cast<size_t>(r.item)].warheads = low ? r.warheads_low : r.warheads_high;
    v.copies[static_cast<size_t>(r.item)] = low ? r.copies_low : r.copies_high;
  }
  return v;
}

Counts CountVariant(const Counter& counter, const Variant& v) {
  const Declaration& d = v.declaration;
  Counts c = counter.Count(d);
  const std::vector<uint8_t> loaded = Loaded(d);
  const size_t at_sea = d.facilities.size();
  for (const ItemRange& r : d.item_ranges) {
    const size_t i = static_cast<size_t>(r.item);
    const int64_t extra = int64_t{v.copies[i]} - 1;
    if (extra == 0) continue;
    const uint64_t mask = counter.Classify(d, i, loaded);
    for (uint64_t m = mask; m; m &= m - 1) c.categories[static_cast<size_t>(__builtin_ctzll(m))] += extra;
    const Item& it = d.items[i];
    const size_t fac = it.facility == kNoIndex ? at_sea : static_cast<size_t>(it.facility);
    for (size_t l = 0; l < c.limits.size(); ++l) {
      const int64_t a = extra * counter.Amount(d, it, mask, static_cast<int>(l));
      c.limits[l].count += a;
      c.limits[l].by_type[static_cast<size_t>(it.type)] += a;
      c.limits[l].by_facility[fac] += a;
    }
  }
  return c;
}

std::optional<RangeCounts> CountRanges(const Counter& counter, const Declaration& d) {
  if (!d.HasRanges()) return std::nullopt;
  return RangeCounts{CountVariant(counter, MakeVariant(d, Bound::kLow)),
                     CountVariant(counter, MakeVariant(d, Bound::kHigh))};
}

namespace {

std::string_view StatusName(const Report& r, size_t l, int64_t n) {
  return treaty::Name(r.treaty->StatusOn(r.as_of, r.treaty->limits[l], n));
}

}  // namespace

void AddRangesJson(const Report& r, const RangeCounts& ranges, Json* report_json) {
  Json& limits = report_json->at("limits");
  for (size_t l = 0; l < limits.size() && l < ranges.low.limits.size(); ++l) {
    const int64_t lo = ranges.low.limits[l].count, hi = ranges.high.limits[l].count;
    limits[l]["count_low"] = lo;
    limits[l]["count_high"] = hi;
    limits[l]["status_low"] = StatusName(r, l, lo);
    limits[l]["status_high"] = StatusName(r, l, hi);
  }
  if (!report_json->contains("categories")) return;
  Json& cats = report_json->at("categories");
  for (size_t c = 0; c < cats.size() && c < ranges.low.categories.size(); ++c) {
    cats[c]["count_low"] = ranges.low.categories[c];
    cats[c]["count_high"] = ranges.high.categories[c];
  }
}

std::string RangesText(const Report& r, const RangeCounts& ranges) {
  TextTable t({"limit", "low", "count", "high", "status (low..high)"});
  for (size_t l = 0; l < r.treaty->limits.size(); ++l) {
    const int64_t lo = ranges.low.limits[l].count, hi = ranges.high.limits[l].count;
    const std::string_view s_lo = StatusName(r, l, lo), s_hi = StatusName(r, l, hi);
    t.AddRow({r.treaty->limits[l].id, std::to_string(lo), std::to_string(r.counts.limits[l].count),
              std::to_string(hi), s_lo == s_hi ? std::string(s_lo) : std::string(s_lo) + ".." + std::string(s_hi)});
  }
  return "Ranges (counts under the declaration's low and high values)\n" + t.ToText();
}

}  // namespace verity::forces

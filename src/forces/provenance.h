// What each limit's total rests on: the sources of the items, types,
// facilities and ranged numbers behind it, and how much of the total each
// carries (`verity report --sources`; docs/ranges-and-provenance.md).
//
// Every counted item rests on several sources at once (its own, its
// type's, its facility's, and those of its ranged numbers), so the shares
// of different kinds overlap; within one kind they add up to the total
// (items without a source of that kind are listed under "" as unsourced;
// items at sea under "(at sea: no facility)" as their facility source).
//
// Thread safety: pure functions over their arguments.
#ifndef VERITY_FORCES_PROVENANCE_H_
#define VERITY_FORCES_PROVENANCE_H_

#include <string>
#include <vector>

#include "core/json.h"
#include "forces/counter.h"

namespace verity::forces {

struct SourceShare {
  std::string kind;    // "item", "type", "facility", "warheads", "count", "capacity"
  std::string source;  // "" = no source given
  int64_t amount = 0;  // the part of the limit's total carried by items resting on it
  int64_t items = 0;   // how many counted items rest on it
};

// Per limit (indexed like Treaty::limits), its shares: by kind in the order
// above, largest amount first.
std::vector<std::vector<SourceShare>> LimitSources(const Counter& counter, const Declaration& d);

// {"limits": [{"id", "count", "sources": [{kind, source, amount, items}]}]}
Json SourcesJson(const Counter& counter, const Declaration& d,
                 const std::vector<std::vector<SourceShare>>& shares);
std::string SourcesText(const Counter& counter, const Declaration& d,
                        const std::vector<std::vector<SourceShare>>& shares);

}  // namespace verity::forces

#endif  // VERITY_FORCES_PROVENANCE_H_

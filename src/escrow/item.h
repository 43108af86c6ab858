// The escrow item record: what one leaf of a commitment holds (docs/escrow.md).
//
// One record per item of a declaration after `count` expansion: the item's
// facts with its type's and facility's, so that an opened leaf can be read
// on its own, and the treaty categories the counting engine puts it in.
// Provenance strings are left out (they are not facts about the item).
//   {"uid","type","class","kind","facility","facility_type","role",
//    "warheads","launcher","submarine","armament","conversion","eliminated",
//    "categories":[...]}
// Members that do not apply to the item's kind are absent. The same function
// makes the records of a commitment and those of the replayed state an
// opening is compared with, so "differs" means a fact differs.
// Pure functions; thread-safe.
#ifndef VERITY_ESCROW_ITEM_H_
#define VERITY_ESCROW_ITEM_H_

#include <string>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "forces/counter.h"
#include "forces/model.h"

namespace verity::escrow {

// The record of every item of `d`, in item order, categories by `counter`.
std::vector<Json> ItemRecords(const forces::Declaration& d, const forces::Counter& counter);

// The uid of a record; InvalidArgument "<path>.uid: ..." if it has none.
StatusOr<std::string> RecordUid(const Json& record, std::string_view path);

// The category ids a record states; InvalidArgument names `path` unless
// "categories" is an array of strings.
StatusOr<std::vector<std::string>> RecordCategories(const Json& record, std::string_view path);

// The value a stage selector `by` ("facility", "type" or "category") reads
// from a record: its facility, its type, or its categories.
std::vector<std::string> SelectorValues(const Json& record, std::string_view by);

// The members where `a` and `b` differ, as {"member": {"opened": ..,
// "state": ..}} (an absent member is null).
Json RecordDifferences(const Json& opened, const Json& state);

}  // namespace verity::escrow

#endif  // VERITY_ESCROW_ITEM_H_

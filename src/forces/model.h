// The declared-force model: facilities, types and items with unique
// identifiers, stated as physical facts (docs/declaration-format.md).
//
// Treaty categories ("deployed ICBM") are never stored; the counter derives
// them from these facts with a treaty's rules (forces/counter.h).
//
// A Declaration is a plain value. Items refer to their type, facility and
// container by index; BuildIndex() must be called after items change and
// before lookups by id. Not thread-safe for concurrent modification; const
// access from many threads is safe.
#ifndef VERITY_FORCES_MODEL_H_
#define VERITY_FORCES_MODEL_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "treaty/facts.h"

namespace verity::forces {

using treaty::Armament;
using treaty::Conversion;
using treaty::FacilityType;
using treaty::ItemKind;
using treaty::Role;
using treaty::SystemClass;

inline constexpr int32_t kNoIndex = -1;

struct Facility {
  std::string id;
  FacilityType type = FacilityType::kIcbmBase;
  std::string name;
  std::string location;
  std::string source;
};

// A type of missile, launcher, bomber or submarine ("Minuteman III").
struct TypeDef {
  std::string id;
  std::string name;
  SystemClass system_class = SystemClass::kIcbm;
  ItemKind kind = ItemKind::kMissile;
  int32_t max_warheads = 0;  // missiles: the most reentry vehicles it can carry
  int32_t capacity = 0;      // heavy bombers: nuclear armament capacity
  std::string source;
};

// One item with a unique identifier. Which fields matter depends on kind:
//  - missile: container (a launcher) and warheads emplaced;
//  - launchers: role, conversion; SLBM launchers: submarine;
//  - heavy bomber: role, armament, conversion;
//  - all: facility (kNoIndex = at sea, only for submarines), eliminated.
// An SLBM launcher is where its submarine is; a contained missile is where
// its launcher is (its own facility is set to match on load).
struct Item {
  std::string uid;
  int32_t type = kNoIndex;             // index into Declaration::types
  int32_t facility = kNoIndex;         // index into Declaration::facilities; kNoIndex = at sea
  int32_t container = kNoIndex;        // missile: index of the launcher item holding it
  int32_t submarine = kNoIndex;        // SLBM launcher: index of its submarine item
  int32_t warheads = 0;                // missile: reentry vehicles emplaced
  int32_t source = 0;                  // index into Declaration::sources; 0 = none
  ItemKind kind = ItemKind::kMissile;  // copied from the type
  Role role = Role::kOperational;
  Conversion conversion = Conversion::kNone;
  Armament armament = Armament::kNuclear;
  bool eliminated = false;
};

// The low and high values and number-level sources of one item's ranged
// numbers (docs/ranges-and-provenance.md). Only items with a ranged or
// sourced `warheads` or `count` have one.
struct ItemRange {
  int32_t item = kNoIndex;  // index into Declaration::items
  int32_t warheads_low = 0, warheads_high = 0;
  int32_t copies_low = 1, copies_high = 1;  // items it stands for under low/high values
  int32_t warheads_source = 0;              // index into Declaration::sources
  int32_t count_source = 0;
};

// The same for a type's `max_warheads` and `capacity`.
struct TypeRange {
  int32_t type = kNoIndex;  // index into Declaration::types
  int32_t max_warheads_low = 0, max_warheads_high = 0;
  int32_t capacity_low = 0, capacity_high = 0;
  int32_t max_warheads_source = 0, capacity_source = 0;
};

struct Declaration {
  std::string party;  // "US", "RU", ...
  Date as_of;
  std::string source;
  std::vector<Facility> facilities;
  std::vector<TypeDef> types;
  std::vector<Item> items;
  // Provenance strings, referred to by Item::source. sources[0] is "".
  std::vector<std::string> sources{""};
  // Ranged numbers; empty when every number is a plain integer.
  std::vector<ItemRange> item_ranges;
  std::vector<TypeRange> type_ranges;
  // Whether any number has low != high (a source alone is not a range).
  bool HasRanges() const;

  // Rebuilds the id -> index maps below. REQUIRES: ids are unique.
  void BuildIndex();
  int32_t FindFacility(const std::string& id) const;
  int32_t FindType(const std::string& id) const;
  int32_t FindItem(const std::string& uid) const;

  // Interns a provenance string; returns its index (0 for "").
  int32_t InternSource(const std::string& s);

  std::unordered_map<std::string, int32_t> facility_index;
  std::unordered_map<std::string, int32_t> type_index;
  std::unordered_map<std::string, int32_t> item_index;
  std::unordered_map<std::string, int32_t> source_index;
};

// The facility type where item `i` is: its own facility's, or kAtSea.
FacilityType WhereIs(const Declaration& d, const Item& item);

}  // namespace verity::forces

#endif  // VERITY_FORCES_MODEL_H_

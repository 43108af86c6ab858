// Internal: an item as read from JSON or CSV, before references are
// resolved. Shared by the JSON and CSV readers and the resolver.
#ifndef VERITY_FORCES_RAW_ITEM_H_
#define VERITY_FORCES_RAW_ITEM_H_

#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "forces/ranged.h"

namespace verity::forces {
struct Declaration;
}

namespace verity::forces::internal {

struct RawItem {
  std::string where;  // "items[3]" or "items.csv: line 4"; field errors append ".field"
  std::string uid;
  std::string type;
  std::optional<std::string> facility;
  std::optional<std::string> role;
  std::optional<std::string> conversion;
  std::optional<std::string> armament;
  std::optional<std::string> launcher;
  std::optional<std::string> submarine;
  std::optional<int64_t> warheads;
  bool eliminated = false;
  std::string source;
  int64_t count = 1;  // > 1: a group; uid is the prefix of generated UIDs
  // A launcher may declare the missile it holds inline.
  bool has_missile = false;
  std::string missile_type;
  std::optional<std::string> missile_uid;
  std::optional<int64_t> missile_warheads;
  // Numbers written in object form (forces/ranged.h); empty when plain.
  std::optional<RangedInt> warheads_range, count_range, missile_warheads_range;
};

// "where" + ".field", or "where: field" for CSV locations.
std::string FieldPath(const RawItem& r, std::string_view field);

// Reads one JSON item object at `path` (e.g. "items[3]").
StatusOr<RawItem> ReadJsonItem(const Json& obj, const std::string& path);

// Reads the CSV item list in `text`; `source` names the file in errors.
// More than `max_rows` rows (the header counted) is an error.
StatusOr<std::vector<RawItem>> ReadCsvItems(std::string_view text, const std::string& source,
                                            size_t max_rows);

// Expands groups, resolves types, facilities, launchers and submarines, and
// appends the items to `d` (whose facilities and types are already set and
// indexed). Errors name the item's location and field.
Status ResolveItems(const std::vector<RawItem>& raw, forces::Declaration* d);

}  // namespace verity::forces::internal

#endif  // VERITY_FORCES_RAW_ITEM_H_

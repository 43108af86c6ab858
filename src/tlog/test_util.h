// Helpers shared by the tlog tests: deterministic keys and an in-memory
// tile store.
#ifndef VERITY_TLOG_TEST_UTIL_H_
#define VERITY_TLOG_TEST_UTIL_H_

#include <map>
#include <string>
#include <vector>

#include "tlog/keys.h"
#include "tlog/tile_builder.h"
#include "tlog/tiles.h"

namespace verity::tlog::testing {

// The key of a seed whose bytes are all `fill`.
inline Signer TestKey(std::string_view name, SignatureType type, uint8_t fill) {
  Seed seed;
  seed.fill(fill);
  return std::move(Signer::FromSeed(name, type, seed)).value();
}

// Tiles by path, counting reads.
class MemoryTileReader : public TileReader {
 public:
  StatusOr<std::string> Read(std::string_view path) override {
    ++reads;
    auto it = files.find(std::string(path));
    if (it == files.end()) return NotFound(std::string(path) + ": no such tile");
    return it->second;
  }
  void Write(const std::vector<TileData>& tiles) {
    for (const TileData& t : tiles) files[TilePath(t.id)] = t.bytes;
  }
  std::map<std::string, std::string> files;
  int reads = 0;
};

// "entry-0", "entry-1", ...
inline std::string TestEntry(uint64_t i) { return "entry-" + std::to_string(i); }

}  // namespace verity::tlog::testing

#endif  // VERITY_TLOG_TEST_UTIL_H_

// Tiled logs (C2SP tlog-tiles.md): tile coordinates and paths, entry
// bundles, and the interface through which tiles are read.
//
//   tile/<L>/<N>[.p/<W>]        256 hashes (8,192 bytes) at level L, or W < 256
//   tile/entries/<N>[.p/<W>]    the entries of level-0 tile N, each with a
//                               big-endian uint16 length
//
// <N> is written in 3-digit path segments, all but the last prefixed with
// 'x' (1234067 -> x001/x234/067). Tile n at level l holds, for i in 0..255,
// MTH(D[(n*256 + i) * 256^l : (n*256 + i + 1) * 256^l]); a tree of size s
// has at level l the partial tile of width floor(s / 256^l) mod 256 (when
// not zero). Paths are parsed strictly (the canonical form only), so a
// path is also safe to join to a directory.
//
// Thread safety: values and pure functions; TileReader implementations say.
#ifndef VERITY_TLOG_TILES_H_
#define VERITY_TLOG_TILES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/limits.h"

namespace verity::tlog {

inline constexpr int kEntriesLevel = -1;  // the level of entry bundles
inline constexpr int kMaxTileLevel = 63;

struct TileId {
  int level = 0;  // 0..63, or kEntriesLevel
  uint64_t index = 0;
  size_t width = kTileWidth;  // 1..256; 256 is a full tile

  bool full() const { return width == kTileWidth; }
  bool operator==(const TileId&) const = default;
};

// The path of a tile, relative to the log's prefix ("tile/0/x001/234.p/7").
// REQUIRES: level in [-1, 63], width in [1, 256].
std::string TilePath(const TileId& id);
// InvalidArgument "tile path ...: ..." unless `path` is a canonical tile path.
StatusOr<TileId> ParseTilePath(std::string_view path);

// The partial tile of `level` (or kEntriesLevel) in a tree of `size`, if
// the width floor(size / 256^level) mod 256 is not zero.
std::optional<TileId> PartialTile(int level, uint64_t size);
// The tiles and bundles a log publishes when it grows from `old_size` to
// `new_size`: every full tile completed since, and each partial tile of
// `new_size` that the tree of `old_size` did not have.
std::vector<TileId> NewTiles(uint64_t old_size, uint64_t new_size);

// Entry bundles. InvalidArgument if an entry is above 65,535 bytes.
StatusOr<std::string> EncodeEntryBundle(const std::vector<std::string>& entries);
// Exactly `count` entries and nothing after them; InvalidArgument "entry
// bundle: ..." otherwise.
StatusOr<std::vector<std::string>> ParseEntryBundle(std::string_view bytes, size_t count);
// A hash tile of exactly `width` hashes; InvalidArgument otherwise.
StatusOr<std::vector<Hash256>> ParseHashTile(std::string_view bytes, size_t width);
std::string EncodeHashTile(const std::vector<Hash256>& hashes);

// Reads a log's resources by path relative to its prefix ("checkpoint",
// "tile/..."). NotFound when the resource does not exist; other errors as
// the storage has them. A reader is never trusted: what it returns is
// checked against a signed checkpoint by the callers.
class TileReader {
 public:
  virtual ~TileReader() = default;
  virtual StatusOr<std::string> Read(std::string_view path) = 0;
};

// Reads from a directory laid out as the paths say (a mirror, an export).
// Refuses any path that is not "checkpoint" or a canonical tile path, and
// files above kMaxEntryBundleBytes. Thread-safe.
class DirectoryTileReader : public TileReader {
 public:
  explicit DirectoryTileReader(std::string root) : root_(std::move(root)) {}
  StatusOr<std::string> Read(std::string_view path) override;

 private:
  std::string root_;
};

}  // namespace verity::tlog

#endif  // VERITY_TLOG_TILES_H_

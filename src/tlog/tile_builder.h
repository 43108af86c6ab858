// Writing a tiled log (tlog-tiles.md): the hash tiles and entry bundles of
// a growing tree, computed from its entries. A builder keeps only the
// right edge (at most 255 hashes per level and 255 entries), so exporting
// a log of any size takes bounded memory: append, take the completed
// tiles, repeat.
//
// Thread safety: a TileBuilder is a value used by one thread at a time.
#ifndef VERITY_TLOG_TILE_BUILDER_H_
#define VERITY_TLOG_TILE_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/tiles.h"

namespace verity::tlog {

struct TileData {
  TileId id;
  std::string bytes;
};

// The root of a tree from its partial tiles: partial[l] holds the hashes of
// the partial tile at level l (empty where the width is 0).
Hash256 RootOfPartialTiles(const std::vector<std::vector<Hash256>>& partial);

class TileBuilder {
 public:
  // A builder for the empty tree.
  TileBuilder() = default;
  // A builder that continues a tree of `size` leaves with `root`: reads its
  // partial hash tiles and its partial entry bundle through `existing` and
  // checks them (DataLoss "tiles: ..." when they do not give `root` or the
  // bundle does not hash to the level-0 tile; the reader's errors pass
  // through with the path).
  static StatusOr<TileBuilder> Resume(TileReader& existing, uint64_t size, const Hash256& root);

  // Appends an entry; InvalidArgument (and nothing changes) if it is above
  // 65,535 bytes or the tree is full.
  Status Append(std::string_view entry);

  // The full tiles and bundles completed since the last call, in order of
  // completion; the builder forgets them.
  std::vector<TileData> TakeFull();
  // The partial tiles and the partial bundle of the current size.
  std::vector<TileData> Partial() const;

  uint64_t size() const { return size_; }
  Hash256 Root() const;

 private:
  void Complete(size_t level);

  uint64_t size_ = 0;
  std::vector<std::vector<Hash256>> rows_;  // rows_[l]: the partial tile at level l
  std::vector<std::string> bundle_;         // the partial entry bundle
  std::vector<TileData> done_;
};

}  // namespace verity::tlog

#endif  // VERITY_TLOG_TILE_BUILDER_H_

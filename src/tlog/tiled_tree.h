// Reading a tiled log (tlog-tiles.md): the tree of a checkpoint's size
// seen through its tiles. Every hash handed out is authenticated against
// the checkpoint's root first: the partial tiles of the size give the root
// (checked when the tree is opened), and a full tile is accepted only when
// its hash is the one at its place in the authenticated tile above it. So
// a reader (a mirror, a CDN) can serve anything: what does not fit the
// root is DataLoss naming the tile.
//
// Proofs come from tiles as tlog-tiles says: each hash of an RFC 9162
// inclusion or consistency proof is the hash of a subtree, computed from
// the few tiles that cover it.
//
// Thread safety: a TiledTree is used by one thread at a time (it caches
// tiles). It does not own the reader, which must outlive it.
#ifndef VERITY_TLOG_TILED_TREE_H_
#define VERITY_TLOG_TILED_TREE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/tiles.h"

namespace verity::tlog {

// The root of the tree of `size` computed from its partial tiles, without
// authentication (compare it with a signed checkpoint's root).
StatusOr<Hash256> RootFromTiles(TileReader& reader, uint64_t size);

class TiledTree {
 public:
  // DataLoss if the tiles do not give `root`; the reader's errors (NotFound
  // for a missing tile) pass through with the path.
  static StatusOr<TiledTree> Open(TileReader& reader, uint64_t size, const Hash256& root);

  uint64_t size() const { return size_; }
  const Hash256& root() const { return root_; }

  // InvalidArgument for an index at or above the size.
  StatusOr<Hash256> LeafHash(uint64_t index);
  // The entry from its bundle, checked against the leaf hash.
  StatusOr<std::string> Entry(uint64_t index);
  // RFC 9162 PATH(index, D[size]).
  StatusOr<std::vector<Hash256>> InclusionProof(uint64_t index);
  // RFC 9162 PROOF(old_size, D[size]); empty for 0 and for size itself.
  StatusOr<std::vector<Hash256>> ConsistencyProof(uint64_t old_size);
  // MTH(D[lo:hi]) for a range an RFC 9162 proof visits (see RangeHasher).
  StatusOr<Hash256> RangeHash(uint64_t lo, uint64_t hi);

 private:
  TiledTree(TileReader* reader, uint64_t size, const Hash256& root)
      : reader_(reader), size_(size), root_(root) {}
  // The hash of the perfect subtree of 2^height leaves numbered `n`.
  StatusOr<Hash256> Node(unsigned height, uint64_t n);
  // The authenticated hashes of tile `n` at `level` of this tree.
  StatusOr<const std::vector<Hash256>*> Tile(int level, uint64_t n);

  TileReader* reader_;
  uint64_t size_;
  Hash256 root_;
  std::vector<std::vector<Hash256>> partial_;                      // the partial tile of each level
  std::map<std::pair<int, uint64_t>, std::vector<Hash256>> full_;  // authenticated cache
  uint64_t bundle_index_ = UINT64_MAX;                             // the last entry bundle read
  std::vector<std::string> bundle_;
};

// Checks a whole tiled tree of `size` and `root` from its entries: every
// entry bundle is read, every full tile at every level and the partial
// tiles of the size must equal the ones recomputed from the entries, and
// the recomputed root must be `root`. `on_entry` (may be empty) sees each
// entry in order and may refuse it; its error is returned with the index.
using EntryCheck = std::function<Status(uint64_t index, std::string_view entry)>;
Status VerifyTiledTree(TileReader& reader, uint64_t size, const Hash256& root,
                       const EntryCheck& on_entry);

}  // namespace verity::tlog

#endif  // VERITY_TLOG_TILED_TREE_H_

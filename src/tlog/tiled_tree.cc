#include "tlog/tiled_tree.h"

#include <bit>

#include "tlog/merkle.h"
#include "tlog/tile_builder.h"

namespace verity::tlog {
namespace {

// Beyond this many cached full tiles (32 MiB) the cache starts again.
constexpr size_t kMaxCachedTiles = 4096;

StatusOr<std::vector<Hash256>> ReadHashTile(TileReader& reader, const TileId& id) {
  const std::string path = TilePath(id);
  auto bytes = reader.Read(path);
  if (!bytes.ok()) return bytes.status().WithContext(path);
  auto hashes = ParseHashTile(*bytes, id.width);
  if (!hashes.ok()) return DataLoss(path + ": " + hashes.status().message());
  return hashes;
}

StatusOr<std::vector<std::vector<Hash256>>> ReadPartialTiles(TileReader& reader, uint64_t size) {
  std::vector<std::vector<Hash256>> partial;
  for (int level = 0; level < 8 && (size >> (8 * level)) > 0; ++level) {
    partial.emplace_back();
    if (const auto id = PartialTile(level, size)) {
      VERITY_ASSIGN_OR_RETURN(partial.back(), ReadHashTile(reader, *id));
    }
  }
  return partial;
}

Status TileMismatch(const TileId& id) {
  return DataLoss(TilePath(id) + ": differs from the tile recomputed from the entries");
}

}  // namespace

StatusOr<Hash256> RootFromTiles(TileReader& reader, uint64_t size) {
  VERITY_ASSIGN_OR_RETURN(auto partial, ReadPartialTiles(reader, size));
  return RootOfPartialTiles(partial);
}

StatusOr<TiledTree> TiledTree::Open(TileReader& reader, uint64_t size, const Hash256& root) {
  TiledTree t(&reader, size, root);
  VERITY_ASSIGN_OR_RETURN(t.partial_, ReadPartialTiles(reader, size));
  if (RootOfPartialTiles(t.partial_) != root) {
    return DataLoss("tiles: the partial tiles of the tree of " + std::to_string(size) +
                    " leaves do not give the checkpoint's root");
  }
  return t;
}

StatusOr<const std::vector<Hash256>*> TiledTree::Tile(int level, uint64_t n) {
  const uint64_t row = size_ >> (8 * level);
  if (n == row / kTileWidth && row % kTileWidth != 0) return &partial_[level];
  if (n >= row / kTileWidth) return Internal("tiles: tile beyond the tree");
  const auto key = std::make_pair(level, n);
  if (auto it = full_.find(key); it != full_.end()) return &it->second;
  const TileId id{level, n};
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> hashes, ReadHashTile(*reader_, id));
  // A full tile is the subtree whose hash sits at its place one level up.
  VERITY_ASSIGN_OR_RETURN(Hash256 expected, Node(8 * (level + 1), n));
  if (RootOf(hashes) != expected) {
    return DataLoss(TilePath(id) + ": does not match the tree of the checkpoint");
  }
  if (full_.size() >= kMaxCachedTiles) full_.clear();
  return &full_.emplace(key, std::move(hashes)).first->second;
}

StatusOr<Hash256> TiledTree::Node(unsigned height, uint64_t n) {
  const int level = static_cast<int>(height / 8);
  const unsigned within = height % 8;
  const uint64_t first = n << within;  // its first hash in the level's row
  VERITY_ASSIGN_OR_RETURN(const std::vector<Hash256>* tile, Tile(level, first / kTileWidth));
  const size_t offset = first % kTileWidth, count = size_t{1} << within;
  if (offset + count > tile->size()) return Internal("tiles: subtree beyond the tree");
  return RootOf(std::span<const Hash256>(*tile).subspan(offset, count));
}

StatusOr<Hash256> TiledTree::RangeHash(uint64_t lo, uint64_t hi) {
  if (lo >= hi || hi > size_) return InvalidArgument("tiles: range outside the tree");
  // The range's perfect subtrees, left to right, each the largest that is
  // aligned at its start and fits.
  std::vector<Hash256> parts;
  while (lo < hi) {
    unsigned h = lo == 0 ? 63 : static_cast<unsigned>(std::countr_zero(lo));
    while ((uint64_t{1} << h) > hi - lo) --h;
    VERITY_ASSIGN_OR_RETURN(Hash256 part, Node(h, lo >> h));
    parts.push_back(part);
    lo += uint64_t{1} << h;
  }
  Hash256 r = parts.back();
  for (size_t i = parts.size() - 1; i-- > 0;) r = NodeHash(parts[i], r);
  return r;
}

StatusOr<Hash256> TiledTree::LeafHash(uint64_t index) {
  if (index >= size_) {
    return InvalidArgument("tiles: leaf " + std::to_string(index) + " is not below the size " +
                           std::to_string(size_));
  }
  return Node(0, index);
}

StatusOr<std::string> TiledTree::Entry(uint64_t index) {
  VERITY_ASSIGN_OR_RETURN(Hash256 leaf, LeafHash(index));
  const uint64_t n = index / kTileWidth;
  if (n != bundle_index_) {
    const bool full = n < size_ / kTileWidth;
    const TileId id{kEntriesLevel, n, full ? kTileWidth : size_ % kTileWidth};
    const std::string path = TilePath(id);
    auto bytes = reader_->Read(path);
    if (!bytes.ok()) return bytes.status().WithContext(path);
    auto entries = ParseEntryBundle(*bytes, id.width);
    if (!entries.ok()) return DataLoss(path + ": " + entries.status().message());
    bundle_ = std::move(entries).value();
    bundle_index_ = n;
  }
  const std::string& entry = bundle_[index % kTileWidth];
  if (tlog::LeafHash(entry) != leaf) {
    return DataLoss("tiles: entry " + std::to_string(index) + " does not hash to its leaf");
  }
  return entry;
}

StatusOr<std::vector<Hash256>> TiledTree::InclusionProof(uint64_t index) {
  if (index >= size_) return InvalidArgument("tiles: index not below the tree size");
  return InclusionProofOf(index, size_,
                          [this](uint64_t lo, uint64_t hi) { return RangeHash(lo, hi); });
}

StatusOr<std::vector<Hash256>> TiledTree::ConsistencyProof(uint64_t old_size) {
  if (old_size > size_) return InvalidArgument("tiles: the old size is above the tree size");
  if (old_size == 0 || old_size == size_) return std::vector<Hash256>{};
  return ConsistencyProofOf(old_size, size_,
                            [this](uint64_t lo, uint64_t hi) { return RangeHash(lo, hi); });
}

Status VerifyTiledTree(TileReader& reader, uint64_t size, const Hash256& root,
                       const EntryCheck& on_entry) {
  TileBuilder builder;
  for (uint64_t n = 0; n * kTileWidth < size; ++n) {
    const uint64_t left = size - n * kTileWidth;
    const TileId id{kEntriesLevel, n, left < kTileWidth ? left : kTileWidth};
    const std::string path = TilePath(id);
    auto bytes = reader.Read(path);
    if (!bytes.ok()) return bytes.status().WithContext(path);
    auto entries = ParseEntryBundle(*bytes, id.width);
    if (!entries.ok()) return DataLoss(path + ": " + entries.status().message());
    for (size_t i = 0; i < entries->size(); ++i) {
      const uint64_t index = n * kTileWidth + i;
      if (on_entry)
        VERITY_RETURN_IF_ERROR(
            on_entry(index, (*entries)[i]).WithContext("entry " + std::to_string(index)));
      VERITY_RETURN_IF_ERROR(builder.Append((*entries)[i]));
    }
    for (const TileData& t : builder.TakeFull()) {
      if (t.id.level == kEntriesLevel) continue;  // the bundle just read
      auto stored = reader.Read(TilePath(t.id));
      if (!stored.ok()) return stored.status().WithContext(TilePath(t.id));
      if (*stored != t.bytes) return TileMismatch(t.id);
    }
  }
  for (const TileData& t : builder.Partial()) {
    if (t.id.level == kEntriesLevel) continue;  // read above
    auto stored = reader.Read(TilePath(t.id));
    if (!stored.ok()) return stored.status().WithContext(TilePath(t.id));
    if (*stored != t.bytes) return TileMismatch(t.id);
  }
  if (builder.Root() != root) {
    return DataLoss("tiles: the root recomputed from the entries differs from the checkpoint's");
  }
  return Status::Ok();
}

}  // namespace verity::tlog

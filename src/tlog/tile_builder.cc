#include "tlog/tile_builder.h"

#include <bit>

#include "tlog/merkle.h"

namespace verity::tlog {

Hash256 RootOfPartialTiles(const std::vector<std::vector<Hash256>>& partial) {
  // The tree's maximal perfect subtrees, left to right: the higher levels
  // hold the larger ones; within a level, the width's bits from the top.
  std::vector<Hash256> subtrees;
  for (size_t l = partial.size(); l-- > 0;) {
    const std::vector<Hash256>& row = partial[l];
    size_t pos = 0;
    for (size_t chunk = std::bit_floor(row.size()); chunk > 0; chunk >>= 1) {
      if ((row.size() & chunk) == 0) continue;
      subtrees.push_back(RootOf(std::span<const Hash256>(row).subspan(pos, chunk)));
      pos += chunk;
    }
  }
  if (subtrees.empty()) return EmptyTreeHash();
  Hash256 r = subtrees.back();
  for (size_t i = subtrees.size() - 1; i-- > 0;) r = NodeHash(subtrees[i], r);
  return r;
}

StatusOr<TileBuilder> TileBuilder::Resume(TileReader& existing, uint64_t size,
                                          const Hash256& root) {
  TileBuilder b;
  b.size_ = size;
  for (int level = 0; level < 8 && (size >> (8 * level)) > 0; ++level) {
    b.rows_.emplace_back();
    const auto id = PartialTile(level, size);
    if (!id) continue;
    const std::string path = TilePath(*id);
    VERITY_ASSIGN_OR_RETURN(std::string bytes, existing.Read(path));
    auto hashes = ParseHashTile(bytes, id->width);
    if (!hashes.ok()) return hashes.status().WithContext(path);
    b.rows_.back() = std::move(hashes).value();
  }
  if (RootOfPartialTiles(b.rows_) != root) {
    return DataLoss("tiles: the partial tiles of the tree of " + std::to_string(size) +
                    " leaves do not give its root");
  }
  if (const auto id = PartialTile(kEntriesLevel, size)) {
    const std::string path = TilePath(*id);
    VERITY_ASSIGN_OR_RETURN(std::string bytes, existing.Read(path));
    auto entries = ParseEntryBundle(bytes, id->width);
    if (!entries.ok()) return entries.status().WithContext(path);
    for (size_t i = 0; i < entries->size(); ++i) {
      if (LeafHash((*entries)[i]) != b.rows_[0][i]) {
        return DataLoss("tiles: entry " + std::to_string(i) + " of " + path +
                        " does not hash to its level-0 tile");
      }
    }
    b.bundle_ = std::move(entries).value();
  }
  return b;
}

Status TileBuilder::Append(std::string_view entry) {
  if (entry.size() > kMaxEntryBytes) {
    return InvalidArgument("tiles: an entry of " + std::to_string(entry.size()) +
                           " bytes is above the 65,535 an entry bundle can hold");
  }
  if (size_ == kMaxTreeSize) return InvalidArgument("tiles: the tree is full");
  if (rows_.empty()) rows_.emplace_back();
  rows_[0].push_back(LeafHash(entry));
  bundle_.emplace_back(entry);
  ++size_;
  if (bundle_.size() == kTileWidth) {
    done_.push_back(TileData{TileId{kEntriesLevel, (size_ >> 8) - 1}, *EncodeEntryBundle(bundle_)});
    bundle_.clear();
  }
  for (size_t l = 0; l < rows_.size() && rows_[l].size() == kTileWidth; ++l) Complete(l);
  return Status::Ok();
}

// Level `l` filled a tile: publish it and carry its hash one level up.
void TileBuilder::Complete(size_t l) {
  const Hash256 up = RootOf(rows_[l]);
  done_.push_back(TileData{TileId{static_cast<int>(l), (size_ >> (8 * (l + 1))) - 1},
                           EncodeHashTile(rows_[l])});
  rows_[l].clear();
  if (l + 1 == rows_.size()) rows_.emplace_back();
  rows_[l + 1].push_back(up);
}

std::vector<TileData> TileBuilder::TakeFull() {
  std::vector<TileData> out;
  out.swap(done_);
  return out;
}

std::vector<TileData> TileBuilder::Partial() const {
  std::vector<TileData> out;
  for (size_t l = 0; l < rows_.size(); ++l) {
    if (const auto id = PartialTile(static_cast<int>(l), size_)) {
      out.push_back(TileData{*id, EncodeHashTile(rows_[l])});
    }
  }
  if (const auto id = PartialTile(kEntriesLevel, size_)) {
    out.push_back(TileData{*id, *EncodeEntryBundle(bundle_)});
  }
  return out;
}

Hash256 TileBuilder::Root() const { return RootOfPartialTiles(rows_); }

}  // namespace verity::tlog

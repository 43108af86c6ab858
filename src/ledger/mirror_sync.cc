#include "ledger/mirror_sync.h"

#include <filesystem>
#include <map>

#include "ledger/leaf.h"
#include "ledger/tile_export.h"
#include "tlog/merkle.h"
#include "tlog/tiled_tree.h"

namespace verity::ledger {
namespace {

// Keeps the hash tiles it reads (small, and read again by the checks);
// entry bundles and everything else pass through.
class HashTileCache : public tlog::TileReader {
 public:
  explicit HashTileCache(MirrorSource& source) : source_(source) {}
  StatusOr<std::string> Read(std::string_view path) override {
    const std::string key(path);
    if (auto it = tiles_.find(key); it != tiles_.end()) return it->second;
    VERITY_ASSIGN_OR_RETURN(std::string bytes, source_.Read(path));
    if (key.starts_with("tile/") && !key.starts_with("tile/entries/")) tiles_[key] = bytes;
    return bytes;
  }

 private:
  MirrorSource& source_;
  std::map<std::string, std::string> tiles_;
};

struct Tree {
  uint64_t size = 0;
  Hash256 root = tlog::EmptyTreeHash();
  std::string origin;
  std::string note;
};

StatusOr<Tree> Checked(MirrorSource& source, const tlog::Policy& policy, std::string_view what) {
  VERITY_ASSIGN_OR_RETURN(std::string note, source.Read("checkpoint"));
  auto v = tlog::CheckCheckpoint(policy, note);
  if (!v.ok()) return v.status().WithContext(std::string(what) + " checkpoint");
  return Tree{v->checkpoint.size, v->checkpoint.root, v->checkpoint.origin, std::move(note)};
}

Status Unfit(const std::string& path, std::string_view why) {
  return DataLoss(path + ": " + std::string(why) + " (not kept)");
}

class Syncer {
 public:
  Syncer(MirrorSource& remote, HashTileCache& cache, std::string dir, tlog::TiledTree& tree)
      : remote_(remote), cache_(cache), dir_(std::move(dir)), tree_(tree) {}

  // Checks and writes one new tile or bundle.
  Status Copy(const tlog::TileId& t) {
    const std::string path = tlog::TilePath(t);
    VERITY_ASSIGN_OR_RETURN(std::string bytes, cache_.Read(path));
    if (t.level == tlog::kEntriesLevel) {
      VERITY_RETURN_IF_ERROR(CheckBundle(t, path, bytes));
    } else {
      VERITY_RETURN_IF_ERROR(CheckHashTile(t, path, bytes));
    }
    ++files_;
    return WriteTreeFile(dir_, path, bytes);
  }
  size_t files() const { return files_; }

 private:
  Status CheckHashTile(const tlog::TileId& t, const std::string& path, const std::string& bytes) {
    auto hashes = tlog::ParseHashTile(bytes, t.width);
    if (!hashes.ok()) return hashes.status().WithContext(path);
    const uint64_t span = uint64_t{1} << (8 * t.level);
    for (size_t i = 0; i < t.width; ++i) {
      const uint64_t lo = (t.index * tlog::kTileWidth + i) * span;
      VERITY_ASSIGN_OR_RETURN(Hash256 want, tree_.RangeHash(lo, lo + span));
      if ((*hashes)[i] != want) return Unfit(path, "does not fit the checkpoint's root");
    }
    return Status::Ok();
  }
  Status CheckBundle(const tlog::TileId& t, const std::string& path, const std::string& bytes) {
    auto items = tlog::ParseEntryBundle(bytes, t.width);
    if (!items.ok()) return items.status().WithContext(path);
    for (size_t i = 0; i < items->size(); ++i) {
      const uint64_t index = t.index * tlog::kTileWidth + i;
      VERITY_ASSIGN_OR_RETURN(Hash256 leaf, tree_.LeafHash(index));
      if (tlog::LeafHash((*items)[i]) != leaf) {
        return Unfit(path, "entry " + std::to_string(index) + " does not fit its level-0 tile");
      }
      if (IsLeafRecord((*items)[i])) VERITY_RETURN_IF_ERROR(CopyEntry(index, (*items)[i]));
    }
    return Status::Ok();
  }
  Status CopyEntry(uint64_t index, std::string_view record) {
    const std::string path = RecordedEntryPath(index);
    VERITY_ASSIGN_OR_RETURN(std::string entry, remote_.Read(path));
    if (Status s = CheckRecord(record, entry); !s.ok()) return Unfit(path, s.message());
    ++files_;
    return WriteTreeFile(dir_, path, entry);
  }

  MirrorSource& remote_;
  HashTileCache& cache_;
  std::string dir_;
  tlog::TiledTree& tree_;
  size_t files_ = 0;
};

// The local tree, or the empty one; its origin must be the remote's.
StatusOr<Tree> LocalTree(const std::string& dir, const tlog::Policy& policy, const Tree& remote) {
  DirectoryMirror local(dir);
  auto t = Checked(local, policy, "local");
  if (t.status().code() == StatusCode::kNotFound) return Tree{};
  if (!t.ok()) return t.status();
  if (t->origin != remote.origin) {
    return FailedPrecondition(dir + " mirrors " + t->origin + ", not " + remote.origin);
  }
  if (t->size > remote.size) {
    return FailedPrecondition("the remote tree (" + std::to_string(remote.size) +
                              " entries) is smaller than the local one (" +
                              std::to_string(t->size) + ")");
  }
  return t;
}

}  // namespace

StatusOr<MirrorSync> SyncMirror(MirrorSource& remote, const std::string& dir,
                                const tlog::Policy& policy) {
  VERITY_ASSIGN_OR_RETURN(const Tree to, Checked(remote, policy, "remote"));
  VERITY_ASSIGN_OR_RETURN(const Tree from, LocalTree(dir, policy, to));
  HashTileCache cache(remote);
  VERITY_ASSIGN_OR_RETURN(tlog::TiledTree tree, tlog::TiledTree::Open(cache, to.size, to.root));
  Syncer sync(remote, cache, dir, tree);
  if (from.size > 0) {
    VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> proof, tree.ConsistencyProof(from.size));
    if (!tlog::VerifyConsistency(from.size, to.size, from.root, to.root, proof).ok()) {
      return DataLoss("the remote tree of size " + std::to_string(to.size) +
                      " does not extend the local tree of size " + std::to_string(from.size) +
                      " (a fork: nothing kept)");
    }
  }
  for (const tlog::TileId& t : tlog::NewTiles(from.size, to.size)) {
    VERITY_RETURN_IF_ERROR(sync.Copy(t));
  }
  VERITY_ASSIGN_OR_RETURN(std::string keys, remote.Read(kPartyKeysPath));
  VERITY_RETURN_IF_ERROR(ParsePartyKeys(keys, kPartyKeysPath).status());
  VERITY_RETURN_IF_ERROR(WriteTreeFile(dir, kPartyKeysPath, keys));
  VERITY_RETURN_IF_ERROR(WriteTreeFile(dir, "checkpoint", to.note));
  RemoveReplacedPartials(dir, from.size, to.size);
  return MirrorSync{from.size, to.size, sync.files()};
}

}  // namespace verity::ledger

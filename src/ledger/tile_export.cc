#include "ledger/tile_export.h"

#include <filesystem>

#include "core/file_io.h"
#include "ledger/checkpoint_note.h"
#include "ledger/leaf.h"
#include "tlog/checkpoint.h"
#include "tlog/merkle.h"
#include "tlog/tile_builder.h"
#include "tlog/tiles.h"

namespace verity::ledger {
namespace {

namespace fs = std::filesystem;

struct Tree {
  uint64_t size = 0;
  Hash256 root = tlog::EmptyTreeHash();
};

// The tree the folder's checkpoint names, checked to be a tree this ledger
// signed (none exported yet: the empty tree).
StatusOr<Tree> ExportedTree(const Ledger& l, tlog::TileReader& reader, const std::string& out) {
  auto text = reader.Read("checkpoint");
  if (text.status().code() == StatusCode::kNotFound) return Tree{};
  if (!text.ok()) return text.status();
  tlog::VerifierSet known;
  VERITY_RETURN_IF_ERROR(known.Add(LogNoteVerifier(l)));
  auto cp = tlog::OpenCheckpoint(*text, known);
  if (!cp.ok()) {
    return FailedPrecondition(out + "/checkpoint: not a checkpoint of this log (" +
                              std::string(cp.status().message()) + ")");
  }
  const Tree t{cp->checkpoint.size, cp->checkpoint.root};
  VERITY_ASSIGN_OR_RETURN(std::optional<TreeHead> head, l.TreeHeadOfSize(t.size));
  if (!head || head->root != t.root) {
    return FailedPrecondition(out + "/checkpoint: the tree of size " + std::to_string(t.size) +
                              " exported there is not one this ledger signed");
  }
  return t;
}

}  // namespace

Status WriteTreeFile(const std::string& out, const std::string& path, const std::string& bytes) {
  const fs::path file = fs::path(out) / path;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return Unavailable(file.parent_path().string() + ": cannot create: " + ec.message());
  return WriteFileAtomic(file.string(), bytes);
}

void RemoveReplacedPartials(const std::string& out, uint64_t old_size, uint64_t size) {
  for (int level = tlog::kEntriesLevel; level <= tlog::kMaxTileLevel; ++level) {
    const auto old_tile = tlog::PartialTile(level, old_size);
    if (!old_tile || old_tile == tlog::PartialTile(level, size)) continue;
    const fs::path file = fs::path(out) / tlog::TilePath(*old_tile);
    std::error_code ec;
    fs::remove(file, ec);
    if (fs::is_empty(file.parent_path(), ec)) fs::remove(file.parent_path(), ec);
  }
}

namespace {

Status TooLargeForFormat1(uint64_t index, size_t bytes) {
  return FailedPrecondition(
      "entry " + std::to_string(index) + " is " + std::to_string(bytes) +
      " bytes, above the 65,535 an entry bundle holds, and this ledger's leaves are of format 1 "
      "(the entry itself): export the ledger ('verity ledger export'), import it into a new "
      "ledger ('verity ledger import', leaf format 2) and export that ledger's tiles");
}

Json PartyKeys(const Ledger& l) {
  Json keys = Json::array();
  for (const PublicKey& k : l.PartyKeys()) keys.push_back(PublicKeyToJson(k));
  return keys;
}

class Exporter {
 public:
  Exporter(const Ledger& l, std::string out) : l_(l), out_(std::move(out)) {}

  StatusOr<TileExport> Run() {
    VERITY_ASSIGN_OR_RETURN(TreeHead head, l_.LatestTreeHead());
    tlog::DirectoryTileReader reader(out_);
    VERITY_ASSIGN_OR_RETURN(const Tree from, ExportedTree(l_, reader, out_));
    result_ = {from.size, head.size, 0};
    VERITY_ASSIGN_OR_RETURN(std::string note, PublishedCheckpoint(l_));
    if (from.size == head.size) {
      auto old = reader.Read("checkpoint");
      if (old.ok() && *old == note) return result_;  // up to date: nothing written
    }
    if (from.size > 0) {
      VERITY_ASSIGN_OR_RETURN(builder_, tlog::TileBuilder::Resume(reader, from.size, from.root));
    }
    VERITY_RETURN_IF_ERROR(
        l_.ForEachRowFrom(from.size, head.size, [this](const StoredRow& r) { return Entry(r); }));
    VERITY_RETURN_IF_ERROR(WriteFull());
    if (builder_.size() != head.size || builder_.Root() != head.root) {
      return DataLoss("the entries do not give the root of the newest signed head (size " +
                      std::to_string(head.size) + "): run 'verity ledger verify'");
    }
    for (const tlog::TileData& t : builder_.Partial()) VERITY_RETURN_IF_ERROR(Write(t));
    VERITY_RETURN_IF_ERROR(WriteTreeFile(out_, kPartyKeysPath, PartyKeys(l_).dump(1) + "\n"));
    VERITY_RETURN_IF_ERROR(WriteTreeFile(out_, "checkpoint", note));
    RemoveReplacedPartials(out_, from.size, head.size);
    return result_;
  }

 private:
  Status Entry(const StoredRow& r) {
    const auto index = static_cast<uint64_t>(r.index);
    if (r.entry.size() > kMaxInlineEntryBytes && l_.leaf_format() == LeafFormat::kEntry) {
      return TooLargeForFormat1(index, r.entry.size());
    }
    if (IsRecorded(r.entry, l_.leaf_format())) {
      VERITY_RETURN_IF_ERROR(WriteTreeFile(out_, RecordedEntryPath(index), r.entry));
      ++result_.files;
    }
    VERITY_RETURN_IF_ERROR(builder_.Append(LeafData(r.entry, l_.leaf_format())));
    return builder_.size() % tlog::kTileWidth == 0 ? WriteFull() : Status::Ok();
  }
  Status WriteFull() {
    for (const tlog::TileData& t : builder_.TakeFull()) VERITY_RETURN_IF_ERROR(Write(t));
    return Status::Ok();
  }
  Status Write(const tlog::TileData& t) {
    ++result_.files;
    return WriteTreeFile(out_, tlog::TilePath(t.id), t.bytes);
  }

  const Ledger& l_;
  std::string out_;
  tlog::TileBuilder builder_;
  TileExport result_;
};

}  // namespace

std::string RecordedEntryPath(uint64_t index) {
  // The digits of tile paths: "tile/entries/" + N.
  const std::string tile = tlog::TilePath(tlog::TileId{tlog::kEntriesLevel, index});
  return kRecordedEntriesDir + tile.substr(std::string_view("tile/entries/").size());
}

StatusOr<TileExport> ExportTiles(const Ledger& ledger, const std::string& out) {
  StatusOr<TileExport> result = TileExport{};
  VERITY_RETURN_IF_ERROR(ledger.InSnapshot([&]() -> Status {
    result = Exporter(ledger, out).Run();
    return result.status();
  }));
  return result;
}

}  // namespace verity::ledger

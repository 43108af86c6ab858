// The ledger as a C2SP tlog-tiles tree (docs/ledger-format.md, "Tiles"):
//
//   checkpoint                       the published checkpoint (PublishedCheckpoint)
//   tile/<L>/<N>[.p/<W>]             hash tiles
//   tile/entries/<N>[.p/<W>]         entry bundles: each leaf's data (leaf.h)
//   verity/entries/<N>               the entry of leaf N when its leaf is a record
//   verity/party-keys                the registered party keys (JSON), not signed by the log
//
// ExportTiles is incremental: it resumes from the tree the folder's
// checkpoint names (after checking that checkpoint is this log's and a
// prefix of it), writes only the tiles completed since and the partial
// tiles of the new size (removing the partial tiles a full one replaces),
// and writes the checkpoint last, atomically: a reader that sees a
// checkpoint finds every tile it needs.
//
// Thread safety: one export of a folder at a time (the caller's lock).
#ifndef VERITY_LEDGER_TILE_EXPORT_H_
#define VERITY_LEDGER_TILE_EXPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ledger/store.h"

namespace verity::ledger {

inline constexpr char kRecordedEntriesDir[] = "verity/entries/";
inline constexpr char kPartyKeysPath[] = "verity/party-keys";

// "verity/entries/x001/234/567" for index 1234567 (tile-path digits).
std::string RecordedEntryPath(uint64_t index);

// Writes `bytes` to `out`/`path` atomically, creating folders.
Status WriteTreeFile(const std::string& out, const std::string& path, const std::string& bytes);
// Once the checkpoint of `size` is in `out`: removes the partial tiles of
// `old_size` it does not need (full now, or wider).
void RemoveReplacedPartials(const std::string& out, uint64_t old_size, uint64_t size);

struct TileExport {
  uint64_t from_size = 0;  // the size the folder had
  uint64_t size = 0;       // the size it has now
  size_t files = 0;        // tiles, bundles and entries written
};

// Brings `out` (created if needed) up to the ledger's newest head.
// NotFound if the ledger is empty; FailedPrecondition if `out` holds
// another log's checkpoint, a tree this ledger does not extend, or the
// ledger is of leaf format 1 and holds an entry above 65,535 bytes (the
// message says to export and re-import the ledger); DataLoss if the
// folder's partial tiles do not give its checkpoint's root; Unavailable if
// a file cannot be written.
StatusOr<TileExport> ExportTiles(const Ledger& ledger, const std::string& out);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_TILE_EXPORT_H_

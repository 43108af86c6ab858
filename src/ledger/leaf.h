// What a ledger entry is as a leaf of the Merkle tree (docs/ledger-format.md,
// "Leaves"; docs/tlog.md, "Large entries"). One function computes every leaf
// hash: appending, verify, proofs, tiles and the mirror check call LeafHashOf.
//
// Leaf format 1 (ledgers created before tiles): leaf = SHA-256(0x00 || entry).
// Leaf format 2 (every new ledger): an entry of at most 65,535 bytes (what a
// tlog-tiles entry bundle can hold) is its own leaf, as in format 1; a larger
// entry's leaf is its fixed 41-byte record
//
//   record = 0x01 || uint64be(length of entry) || SHA-256(entry)
//   leaf   = SHA-256(0x00 || record)
//
// and the record is what the entry bundle holds; the entry is served beside
// the tiles. An entry is canonical JSON, which starts with '{', so a record
// (0x01 first) is never an entry.
//
// Thread safety: pure functions.
#ifndef VERITY_LEDGER_LEAF_H_
#define VERITY_LEDGER_LEAF_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/hash.h"
#include "core/status.h"

namespace verity::ledger {

enum class LeafFormat : int {
  kEntry = 1,   // the entry, whatever its size (not exportable as tiles above 65,535 bytes)
  kRecord = 2,  // the entry up to 65,535 bytes, its record above
};

inline constexpr LeafFormat kCurrentLeafFormat = LeafFormat::kRecord;
inline constexpr size_t kMaxInlineEntryBytes = 65535;
inline constexpr size_t kLeafRecordBytes = 41;
inline constexpr uint8_t kLeafRecordTag = 0x01;

// InvalidArgument unless `text` is "1" or "2" (meta 'leaf_format').
StatusOr<LeafFormat> ParseLeafFormat(std::string_view text);

// True if format `f` makes `entry` a record rather than its own leaf.
bool IsRecorded(std::string_view entry, LeafFormat f);
// The record of an entry (any size).
std::string LeafRecord(std::string_view entry);
// The leaf data of `entry`: the entry itself, or its record.
std::string LeafData(std::string_view entry, LeafFormat f);
// SHA-256(0x00 || LeafData(entry, f)), without copying the entry.
Hash256 LeafHashOf(std::string_view entry, LeafFormat f);

// True if an entry bundle's item is a record (41 bytes, tag 0x01).
bool IsLeafRecord(std::string_view item);
// DataLoss "... is not the entry of its record ..." unless `entry` is the
// entry `record` commits to (its length and SHA-256).
Status CheckRecord(std::string_view record, std::string_view entry);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_LEAF_H_

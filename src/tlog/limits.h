// The named maximums of every reader in tlog, in one place (docs/tlog.md,
// "Limits"). Each is checked before the work it bounds, and a refusal names
// the limit. Inputs are hostile: a note, a policy, a tile or a request body
// may come from anyone.
#ifndef VERITY_TLOG_LIMITS_H_
#define VERITY_TLOG_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace verity::tlog {

// Signed notes (signed-note.md asks verifiers to accept at least 16
// signatures, and post-quantum ones reach nearly 5 kB: 16 x 5 kB fits).
inline constexpr size_t kMaxNoteBytes = 128 * 1024;
inline constexpr size_t kMaxNoteSignatures = 64;
// Key names (signed-note.md sets none; a URL-like name is short).
inline constexpr size_t kMaxKeyNameBytes = 256;

// Tree sizes and indexes fit a signed 64-bit integer (as in Go's tlog and
// every deployed log); 2^63 leaves is beyond any log's reach.
inline constexpr uint64_t kMaxTreeSize = (uint64_t{1} << 63) - 1;
// An inclusion or consistency proof in a tree below 2^63 leaves has at most
// 63 hashes; tlog-witness forbids clients more than 63 proof lines.
inline constexpr size_t kMaxProofHashes = 63;

// Cosignature timestamps (tlog-cosignature.md: MUST NOT exceed 2^63 - 1).
inline constexpr uint64_t kMaxTimestamp = (uint64_t{1} << 63) - 1;

// Policies (tlog-policy.md recommends supporting at least 32 of each).
inline constexpr size_t kMaxPolicyBytes = 64 * 1024;
inline constexpr size_t kMaxPolicyLogs = 64;
inline constexpr size_t kMaxPolicyWitnesses = 64;
inline constexpr size_t kMaxPolicyGroups = 64;
inline constexpr size_t kMaxPolicyUrlBytes = 2048;

// Tiles (tlog-tiles.md): 256 hashes of 32 bytes; an entry bundle holds at
// most 256 entries of at most 65,535 bytes, each with a 2-byte length.
inline constexpr size_t kTileWidth = 256;
inline constexpr size_t kMaxTileBytes = kTileWidth * 32;
inline constexpr size_t kMaxEntryBytes = 65535;
inline constexpr size_t kMaxEntryBundleBytes = kTileWidth * (2 + kMaxEntryBytes);
// A tile path: "tile/entries/" and seven 4-character segments (2^63 needs
// 19 digits) and ".p/255".
inline constexpr size_t kMaxTilePathBytes = 64;

// Witness requests (tlog-witness.md): an old size line, at most 63 proof
// lines of 45 bytes, a blank line and a checkpoint note.
inline constexpr size_t kMaxAddCheckpointBytes = 32 + kMaxProofHashes * 45 + 1 + kMaxNoteBytes;

// Proof files (tlog-proof.md sets none): the extra data and the whole file.
inline constexpr size_t kMaxProofExtraBytes = 16 * 1024;
inline constexpr size_t kMaxProofFileBytes = 32 * 1024 + kMaxProofHashes * 45 + kMaxNoteBytes;

}  // namespace verity::tlog

#endif  // VERITY_TLOG_LIMITS_H_

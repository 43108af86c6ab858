// The stored form of a replay checkpoint (table `checkpoints`): a party's
// declared state, encoded so that an "as of" query can load it in well under
// a millisecond.
//
// Layout (docs/ledger-format.md, "Checkpoints"): the magic "VCK1", the
// declaration without its items as declaration JSON (facilities and types
// are few), the provenance strings, then every item as its uid and its
// fields as variable-length integers. A declaration with per-item ranges is
// stored as plain declaration JSON instead; DecodeCheckpoint reads both.
//
// Checkpoints are a cache outside the Merkle tree: a stored value that does
// not decode is DataLoss, and the caller replays without it.
//
// Thread safety: pure functions.
#ifndef VERITY_LEDGER_CHECKPOINT_CODEC_H_
#define VERITY_LEDGER_CHECKPOINT_CODEC_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "forces/model.h"

namespace verity::ledger {

// Takes the state by value: the items are moved out, not copied.
std::string EncodeCheckpoint(forces::Declaration state);

// The declaration EncodeCheckpoint was given (indexes built). DataLoss
// naming `what` if `bytes` is truncated, out of range or not a checkpoint.
StatusOr<forces::Declaration> DecodeCheckpoint(std::string_view bytes, const std::string& what);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_CHECKPOINT_CODEC_H_

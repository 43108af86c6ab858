// The log's checkpoints as C2SP signed notes (docs/ledger-format.md,
// "Checkpoint notes"): every stored tree head of `size` entries and root
// `root` is also the checkpoint (tlog-checkpoint.md)
//
//   <origin>\n<size>\n<base64 root>\n
//
// signed by the log key as a signed note (signed-note.md): key name = the
// origin, Ed25519 (type 0x01), key ID = SHA-256(origin || 0x0A || 0x01 ||
// public key)[:4]. The signature is stored (checkpoint_notes), so reading
// and verifying a note needs no secret key; `ledger verify` checks every one.
//
// Witnesses' cosignature lines are stored beside the checkpoint they sign,
// one per witness key (name and key ID). The ledger checks only their
// syntax: they are not authorities, and whoever reads the published
// checkpoint verifies them against its own policy (tlog/policy.h).
//
// Thread safety: as the Ledger's (one thread at a time).
#ifndef VERITY_LEDGER_CHECKPOINT_NOTE_H_
#define VERITY_LEDGER_CHECKPOINT_NOTE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "ledger/keys.h"
#include "ledger/store.h"
#include "tlog/keys.h"

namespace verity::ledger {

// The origin of a ledger created without --origin and of a ledger upgraded
// from schema version 1 or 2: this prefix and the log key's ID
// ("verity.invalid/ledger/0123456789abcdef"). The .invalid name (RFC 6761)
// says that it locates nothing; a deployment names its own origin.
inline constexpr char kDefaultOriginPrefix[] = "verity.invalid/ledger/";
inline constexpr size_t kMaxOriginBytes = 255;

std::string DefaultOrigin(const PublicKey& log_key);
// InvalidArgument "origin: ..." unless `origin` can be both a checkpoint's
// first line and a note key name: 1 to kMaxOriginBytes bytes of UTF-8,
// no space, no '+', no control character.
Status CheckOrigin(std::string_view origin);

// The checkpoint text (without signatures).
std::string CheckpointText(std::string_view origin, uint64_t size, const Hash256& root);
// The log's note verifier: name = origin, Ed25519 (type 0x01).
tlog::Verifier LogNoteVerifier(const Ledger& ledger);

// The checkpoint note of the stored tree head of `size` entries, with the
// log's stored signature. NotFound if no head of that size was signed;
// DataLoss if its stored note signature is missing or malformed.
StatusOr<std::string> CheckpointNote(const Ledger& ledger, uint64_t size);

// Stores witnesses' signature lines ("— <name> <base64>", with or without
// the final newline) for the stored checkpoint of `size`. A line replaces
// the stored line of the same key (name and key ID), so a witness has one
// line per checkpoint. Nothing is stored on any error: InvalidArgument
// "cosignature N: ..." for a malformed line or a line of the log's own key,
// or when the checkpoint would have more than tlog::kMaxNoteSignatures - 1
// cosignatures; NotFound if no head of `size` was signed; FailedPrecondition
// for a read-only ledger.
Status AddCosignatures(Ledger& ledger, uint64_t size,
                       const std::vector<std::string>& signature_lines);

// The newest checkpoint note with every stored cosignature line appended
// after the log's signature (in order of key name and ID). NotFound if the
// ledger is empty.
StatusOr<std::string> PublishedCheckpoint(const Ledger& ledger);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_CHECKPOINT_NOTE_H_

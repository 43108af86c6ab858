// Ed25519 checkpoint cosignatures, cosignature/v1 (C2SP
// tlog-cosignature.md, signature type 0x04). The signature line's bytes
// after the key ID are a timestamped_signature: an 8-byte big-endian POSIX
// timestamp and the Ed25519 signature of
//
//   cosignature/v1\n
//   time <timestamp>\n
//   <the whole checkpoint note text, extension lines included>
//
// Verification goes through Verifier::Verify (tlog/keys.h) with a type 0x04
// key; OpenNote therefore verifies cosignatures and log signatures alike.
// ML-DSA-44 cosignatures (type 0x06) are not supported.
//
// Thread safety: pure functions.
#ifndef VERITY_TLOG_COSIGNATURE_H_
#define VERITY_TLOG_COSIGNATURE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "tlog/keys.h"
#include "tlog/note.h"

namespace verity::tlog {

inline constexpr std::string_view kCosignatureHeader = "cosignature/v1";

// The signed message for a checkpoint note text and a timestamp.
std::string CosignatureMessage(std::string_view checkpoint_text, uint64_t timestamp);

// The timestamp of a timestamped_signature. REQUIRES: signature.size() >= 8.
uint64_t CosignatureTimestamp(std::string_view signature);

// The cosignature line's content for `checkpoint_text` at `timestamp`.
// InvalidArgument if the signer is not a cosignature/v1 key (type 0x04), the
// timestamp is 0 (tlog-witness: a witness never omits it) or above
// 2^63 - 1, or the text cannot be a note text.
StatusOr<NoteSignature> Cosign(const Signer& cosigner, std::string_view checkpoint_text,
                               uint64_t timestamp);

}  // namespace verity::tlog

#endif  // VERITY_TLOG_COSIGNATURE_H_

// The witness protocol (C2SP tlog-witness.md, add-checkpoint) without HTTP
// or storage: the witness's decision as a function of its state and the
// request body, and the client's side (building a request, reading the
// answer). A witness server parses nothing itself: it passes the body to
// AddCheckpoint inside one transaction that reads the state of the origin
// (through the lookup) and stores WitnessResponse::update before it sends
// the response, so that checking the old size and storing the new
// checkpoint are atomic, as the specification requires.
//
// The statuses, in the order the specification checks them:
//   400  malformed body
//   404  no log key for the checkpoint's origin
//   403  no valid signature by the origin's log key, or a bad one
//   400  the old size above the checkpoint's size
//   409  the old size is not the size this witness last cosigned
//        (body "<size>\n", Content-Type text/x.tlog.size)
//   422  a size-0 checkpoint without the empty root, a proof with old
//        size 0, a consistency proof that does not verify, or the same
//        size with another root
//   200  the cosignature lines
//
// Thread safety: pure functions; `lookup` is called once, from the calling
// thread.
#ifndef VERITY_TLOG_WITNESS_H_
#define VERITY_TLOG_WITNESS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/keys.h"
#include "tlog/note.h"

namespace verity::tlog {

inline constexpr std::string_view kTlogSizeContentType = "text/x.tlog.size";
inline constexpr std::string_view kTextContentType = "text/plain; charset=utf-8";

// What a witness keeps per origin: the latest checkpoint it cosigned.
struct WitnessedLog {
  uint64_t size = 0;
  Hash256 root{};
  // The note served at <monitoring prefix>/<origin hash>/checkpoint: the
  // checkpoint text, the log signatures the witness verified and its own
  // cosignatures.
  std::string checkpoint;
};

struct AddCheckpointRequest {
  uint64_t old_size = 0;
  std::vector<Hash256> proof;  // at most 63
  std::string checkpoint;      // the signed note
};

// InvalidArgument if the proof has more than 63 hashes.
StatusOr<std::string> FormatAddCheckpointRequest(const AddCheckpointRequest& request);
// InvalidArgument "add-checkpoint: ..." (a 400) for a malformed body; the
// checkpoint note is not parsed here.
StatusOr<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body);

struct WitnessConfig {
  std::vector<Signer> keys;  // cosignature/v1 keys (type 0x04); at least one
  VerifierSet logs;          // Ed25519 log keys, each named as its origin
};

struct WitnessResponse {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string origin;  // empty when the body did not parse
  // With 200 only: the state to store for `origin` before responding.
  std::optional<WitnessedLog> update;
  // True when the origin's log validly signed a checkpoint the witness
  // refused as inconsistent (422): the request is evidence to keep.
  bool evidence = false;
};

// Called with the checkpoint's origin; the state stored for it, if any.
using WitnessStateLookup = std::function<std::optional<WitnessedLog>(std::string_view origin)>;

// REQUIRES: `timestamp` (POSIX seconds) >= 1; with 0, or keys of the
// wrong type, the answer is a 500 and nothing to store.
WitnessResponse AddCheckpoint(const WitnessConfig& config, std::string_view body,
                              const WitnessStateLookup& lookup, uint64_t timestamp);

// The origin hash of the monitoring path: lower-case hex SHA-256.
std::string OriginHash(std::string_view origin);

// The client's reading of a witness's answer to a request for
// `checkpoint_text`.
struct WitnessReply {
  bool conflict = false;  // 409: resend with old size `witness_size`
  uint64_t witness_size = 0;
  std::vector<NoteSignature> cosignatures;  // 200: verified by `witness`
};

// 200: the lines by `witness` that verify (others ignored; PermissionDenied
// if one of its lines does not verify or none is there). 409: the size, if
// the content type is text/x.tlog.size and the body "<size>\n"
// (InvalidArgument otherwise). Other statuses are errors naming the status
// and the body's first line: 400 InvalidArgument, 403 PermissionDenied, 404
// FailedPrecondition, 422 DataLoss (the witness holds a checkpoint this one
// is inconsistent with), anything else Unavailable (worth a retry).
StatusOr<WitnessReply> ParseAddCheckpointResponse(int status, std::string_view content_type,
                                                  std::string_view body,
                                                  std::string_view checkpoint_text,
                                                  const Verifier& witness);

// The note with `signatures` appended, except those whose key (name and
// key ID) already signed it.
StatusOr<std::string> AddSignatures(std::string_view note,
                                    const std::vector<NoteSignature>& signatures);

}  // namespace verity::tlog

#endif  // VERITY_TLOG_WITNESS_H_

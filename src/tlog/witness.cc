#include "tlog/witness.h"

#include <algorithm>

#include "tlog/checkpoint.h"
#include "tlog/cosignature.h"
#include "tlog/encoding.h"
#include "tlog/merkle.h"

namespace verity::tlog {
namespace {

WitnessResponse Answer(int status, std::string why, std::string origin = {}) {
  WitnessResponse r;
  r.status = status;
  r.content_type = std::string(kTextContentType);
  r.body = std::move(why) + "\n";
  r.origin = std::move(origin);
  return r;
}

// The parsed, signature-checked request, or the answer that refuses it.
struct Checked {
  AddCheckpointRequest request;
  Checkpoint checkpoint;
  VerifiedNote note;
};

std::optional<WitnessResponse> CheckRequest(const WitnessConfig& config, std::string_view body,
                                            Checked* out) {
  auto request = ParseAddCheckpointRequest(body);
  if (!request.ok()) return Answer(400, request.status().message());
  out->request = std::move(request).value();
  auto note = ParseNote(out->request.checkpoint);
  if (!note.ok()) return Answer(400, "add-checkpoint: " + note.status().message());
  auto checkpoint = ParseCheckpoint(note->text);
  if (!checkpoint.ok()) return Answer(400, "add-checkpoint: " + checkpoint.status().message());
  out->checkpoint = std::move(checkpoint).value();
  const std::string& origin = out->checkpoint.origin;
  VerifierSet trusted;  // the log keys of this origin only
  for (const Verifier& v : config.logs.all()) {
    if (v.name() == origin) (void)trusted.Add(v);
  }
  if (trusted.empty()) return Answer(404, "add-checkpoint: unknown log origin " + origin, origin);
  auto verified = OpenNote(out->request.checkpoint, trusted);
  if (!verified.ok()) return Answer(403, "add-checkpoint: " + verified.status().message(), origin);
  out->note = std::move(verified).value();
  if (out->request.old_size > out->checkpoint.size) {
    return Answer(400, "add-checkpoint: the old size is above the checkpoint's size", origin);
  }
  return std::nullopt;
}

// The checks against the witness's state; 0 when they pass.
std::optional<WitnessResponse> CheckConsistency(const Checked& c,
                                                const std::optional<WitnessedLog>& state) {
  const std::string& origin = c.checkpoint.origin;
  const uint64_t stored = state ? state->size : 0;
  if (c.request.old_size != stored) {
    WitnessResponse r = Answer(409, "", origin);
    r.content_type = std::string(kTlogSizeContentType);
    r.body = std::to_string(stored) + "\n";
    return r;
  }
  auto refuse = [&](std::string why) {
    WitnessResponse r = Answer(422, "add-checkpoint: " + why, origin);
    r.evidence = true;
    return r;
  };
  if (c.checkpoint.size == 0 && c.checkpoint.root != EmptyTreeHash()) {
    return refuse("a checkpoint of size 0 must have the root of the empty tree");
  }
  if (stored == 0) {
    if (!c.request.proof.empty()) return refuse("a proof from old size 0 must be empty");
    return std::nullopt;
  }
  const Status s =
      VerifyConsistency(stored, c.checkpoint.size, state->root, c.checkpoint.root, c.request.proof);
  if (!s.ok()) return refuse(s.message());
  return std::nullopt;
}

}  // namespace

StatusOr<std::string> FormatAddCheckpointRequest(const AddCheckpointRequest& request) {
  if (request.proof.size() > kMaxProofHashes) {
    return InvalidArgument("add-checkpoint: more than 63 proof lines");
  }
  std::string out = "old " + std::to_string(request.old_size) + "\n";
  for (const Hash256& h : request.proof) out += Base64Encode(h) + "\n";
  return out + "\n" + request.checkpoint;
}

StatusOr<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body) {
  if (body.size() > kMaxAddCheckpointBytes) {
    return InvalidArgument("add-checkpoint: the body is longer than " +
                           std::to_string(kMaxAddCheckpointBytes) + " bytes");
  }
  AddCheckpointRequest r;
  size_t nl = body.find('\n');
  if (nl == std::string_view::npos || !body.starts_with("old ")) {
    return InvalidArgument("add-checkpoint: the first line is not 'old <size>'");
  }
  VERITY_ASSIGN_OR_RETURN(r.old_size, ParseDecimal(body.substr(4, nl - 4), "add-checkpoint: old"));
  body.remove_prefix(nl + 1);
  while (true) {
    nl = body.find('\n');
    if (nl == std::string_view::npos) {
      return InvalidArgument("add-checkpoint: no blank line before the checkpoint");
    }
    if (nl == 0) break;
    if (r.proof.size() == kMaxProofHashes) {
      return InvalidArgument("add-checkpoint: more than 63 proof lines");
    }
    VERITY_ASSIGN_OR_RETURN(
        Hash256 h, DecodeHash(body.substr(0, nl),
                              "add-checkpoint: proof line " + std::to_string(r.proof.size() + 1)));
    r.proof.push_back(h);
    body.remove_prefix(nl + 1);
  }
  body.remove_prefix(1);
  if (body.empty()) return InvalidArgument("add-checkpoint: no checkpoint");
  r.checkpoint = std::string(body);
  return r;
}

WitnessResponse AddCheckpoint(const WitnessConfig& config, std::string_view body,
                              const WitnessStateLookup& lookup, uint64_t timestamp) {
  Checked c;
  if (auto refusal = CheckRequest(config, body, &c)) return *refusal;
  if (auto refusal = CheckConsistency(c, lookup(c.checkpoint.origin))) return *refusal;
  WitnessResponse r = Answer(200, "", c.checkpoint.origin);
  r.body.clear();
  WitnessedLog next{c.checkpoint.size, c.checkpoint.root, c.note.note.text + "\n"};
  for (const NoteSignature& s : c.note.note.signatures) {
    if (c.note.verified.end() !=
        std::find_if(c.note.verified.begin(), c.note.verified.end(), [&](const Verifier& v) {
          return v.name() == s.name && v.key_id() == s.key_id;
        })) {
      next.checkpoint += s.Line();
    }
  }
  if (config.keys.empty()) return Answer(500, "witness: no cosigning key", r.origin);
  for (const Signer& key : config.keys) {
    auto cosig = Cosign(key, c.note.note.text, timestamp);
    if (!cosig.ok()) return Answer(500, "witness: " + cosig.status().message(), r.origin);
    r.body += cosig->Line();
  }
  next.checkpoint += r.body;
  r.update = std::move(next);
  return r;
}

std::string OriginHash(std::string_view origin) { return ToHex(Sha256(origin)); }

}  // namespace verity::tlog

// The client's side of tlog-witness add-checkpoint (declared in witness.h).
#include <algorithm>

#include "tlog/encoding.h"
#include "tlog/witness.h"

namespace verity::tlog {
namespace {

// The first line of a body, printable ASCII only and bounded, for errors.
std::string FirstLine(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 200)) {
    if (c == '\n') break;
    out.push_back(c >= 0x20 && c < 0x7F ? c : '?');
  }
  return out;
}

Status Refused(int status, std::string_view body) {
  std::string m = "witness answered " + std::to_string(status);
  if (const std::string line = FirstLine(body); !line.empty()) m += ": " + line;
  switch (status) {
    case 400:
      return InvalidArgument(m);
    case 403:
      return PermissionDenied(m);
    case 404:
      return FailedPrecondition(m);
    case 422:
      return DataLoss(m);
    default:
      return Unavailable(m);
  }
}

StatusOr<WitnessReply> Cosigned(std::string_view body, std::string_view text,
                                const Verifier& witness) {
  auto lines = ParseSignatureLines(body);
  if (!lines.ok()) return InvalidArgument("witness response: " + lines.status().message());
  WitnessReply reply;
  for (NoteSignature& s : *lines) {
    if (s.name != witness.name() || s.key_id != witness.key_id()) continue;  // not its key
    if (!witness.Verify(text, s.signature)) {
      return PermissionDenied("witness response: the cosignature of " + witness.name() +
                              " does not verify");
    }
    reply.cosignatures.push_back(std::move(s));
  }
  if (reply.cosignatures.empty()) {
    return PermissionDenied("witness response: no cosignature by " + witness.name());
  }
  return reply;
}

}  // namespace

StatusOr<WitnessReply> ParseAddCheckpointResponse(int status, std::string_view content_type,
                                                  std::string_view body,
                                                  std::string_view checkpoint_text,
                                                  const Verifier& witness) {
  if (status == 200) return Cosigned(body, checkpoint_text, witness);
  if (status != 409) return Refused(status, body);
  const std::string_view type = content_type.substr(0, content_type.find(';'));
  if (type != kTlogSizeContentType) {
    return InvalidArgument("witness response: a 409 without Content-Type text/x.tlog.size");
  }
  if (body.empty() || body.back() != '\n') {
    return InvalidArgument("witness response: the size does not end in a newline");
  }
  WitnessReply reply;
  reply.conflict = true;
  VERITY_ASSIGN_OR_RETURN(reply.witness_size,
                          ParseDecimal(body.substr(0, body.size() - 1), "witness response: size"));
  return reply;
}

StatusOr<std::string> AddSignatures(std::string_view note,
                                    const std::vector<NoteSignature>& signatures) {
  VERITY_ASSIGN_OR_RETURN(Note n, ParseNote(note));
  for (const NoteSignature& s : signatures) {
    const bool present = std::any_of(n.signatures.begin(), n.signatures.end(), [&](const auto& o) {
      return o.name == s.name && o.key_id == s.key_id;
    });
    if (!present) n.signatures.push_back(s);
  }
  if (n.signatures.size() > kMaxNoteSignatures) {
    return InvalidArgument("note: more than " + std::to_string(kMaxNoteSignatures) + " signatures");
  }
  return FormatNote(n);
}

}  // namespace verity::tlog

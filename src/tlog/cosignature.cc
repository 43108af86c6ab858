#include "tlog/cosignature.h"

namespace verity::tlog {

std::string CosignatureMessage(std::string_view checkpoint_text, uint64_t timestamp) {
  std::string m(kCosignatureHeader);
  m += "\ntime " + std::to_string(timestamp) + "\n";
  m += checkpoint_text;
  return m;
}

uint64_t CosignatureTimestamp(std::string_view signature) {
  uint64_t t = 0;
  for (int i = 0; i < 8; ++i) t = t << 8 | static_cast<unsigned char>(signature[i]);
  return t;
}

StatusOr<NoteSignature> Cosign(const Signer& cosigner, std::string_view checkpoint_text,
                               uint64_t timestamp) {
  if (cosigner.type() != SignatureType::kCosignatureV1) {
    return InvalidArgument("cosignature: " + cosigner.name() +
                           " is not a cosignature/v1 key (type 0x04)");
  }
  if (timestamp == 0 || timestamp > kMaxTimestamp) {
    return InvalidArgument("cosignature: the timestamp must be between 1 and 2^63 - 1");
  }
  VERITY_RETURN_IF_ERROR(CheckNoteText(checkpoint_text));
  std::string sig(8, '\0');
  for (int i = 0; i < 8; ++i) sig[i] = static_cast<char>(timestamp >> (56 - 8 * i));
  sig += cosigner.SignRaw(CosignatureMessage(checkpoint_text, timestamp));
  return NoteSignature{cosigner.name(), cosigner.key_id(), std::move(sig)};
}

}  // namespace verity::tlog

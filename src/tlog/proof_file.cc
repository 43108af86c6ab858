#include "tlog/proof_file.h"

#include "tlog/encoding.h"
#include "tlog/merkle.h"

namespace verity::tlog {
namespace {

Status BadProofFile(std::string why) { return InvalidArgument("tlog-proof: " + why); }

// Takes the next line (without its newline) off `rest`.
bool NextLine(std::string_view* rest, std::string_view* line) {
  const size_t nl = rest->find('\n');
  if (nl == std::string_view::npos) return false;
  *line = rest->substr(0, nl);
  rest->remove_prefix(nl + 1);
  return true;
}

}  // namespace

StatusOr<std::string> FormatProofFile(const ProofFile& proof) {
  std::string out(kProofFileHeader);
  out += "\n";
  if (proof.extra) {
    if (proof.extra->empty()) return BadProofFile("empty extra data (omit the line instead)");
    if (proof.extra->size() > kMaxProofExtraBytes) return BadProofFile("extra data too long");
    out += "extra " + Base64Encode(*proof.extra) + "\n";
  }
  if (proof.inclusion.size() > kMaxProofHashes) return BadProofFile("more than 63 proof hashes");
  out += "index " + std::to_string(proof.index) + "\n";
  for (const Hash256& h : proof.inclusion) out += Base64Encode(h) + "\n";
  out += "\n" + proof.checkpoint;
  return out;
}

StatusOr<ProofFile> ParseProofFile(std::string_view text) {
  if (text.size() > kMaxProofFileBytes) {
    return BadProofFile("longer than " + std::to_string(kMaxProofFileBytes) + " bytes");
  }
  std::string_view rest = text, line;
  if (!NextLine(&rest, &line) || line != kProofFileHeader) {
    return BadProofFile("the first line is not " + std::string(kProofFileHeader));
  }
  ProofFile p;
  if (!NextLine(&rest, &line)) return BadProofFile("no index line");
  if (line.starts_with("extra ")) {
    VERITY_ASSIGN_OR_RETURN(std::string extra, Base64Decode(line.substr(6), "tlog-proof: extra"));
    if (extra.empty()) return BadProofFile("empty extra data");
    p.extra = std::move(extra);
    if (!NextLine(&rest, &line)) return BadProofFile("no index line");
  }
  if (!line.starts_with("index ")) return BadProofFile("expected 'index <n>'");
  VERITY_ASSIGN_OR_RETURN(p.index, ParseDecimal(line.substr(6), "tlog-proof: index"));
  while (true) {
    if (!NextLine(&rest, &line)) return BadProofFile("no blank line before the checkpoint");
    if (line.empty()) break;
    if (p.inclusion.size() == kMaxProofHashes) return BadProofFile("more than 63 proof hashes");
    VERITY_ASSIGN_OR_RETURN(
        Hash256 h,
        DecodeHash(line, "tlog-proof: proof line " + std::to_string(p.inclusion.size() + 1)));
    p.inclusion.push_back(h);
  }
  if (rest.empty()) return BadProofFile("no checkpoint");
  p.checkpoint = std::string(rest);
  return p;
}

StatusOr<PolicyVerdict> CheckProofFile(const ProofFile& proof, const Hash256& leaf_hash,
                                       const Policy& policy) {
  VERITY_ASSIGN_OR_RETURN(PolicyVerdict v, CheckCheckpoint(policy, proof.checkpoint));
  VERITY_RETURN_IF_ERROR(
      VerifyInclusion(proof.index, v.checkpoint.size, leaf_hash, proof.inclusion, v.checkpoint.root)
          .WithContext("tlog-proof: entry " + std::to_string(proof.index)));
  return v;
}

}  // namespace verity::tlog

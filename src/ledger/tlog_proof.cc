#include "ledger/tlog_proof.h"

#include "ledger/checkpoint_note.h"
#include "ledger/leaf.h"
#include "ledger/proofs.h"
#include "tlog/proof_file.h"

namespace verity::ledger {

StatusOr<std::string> MakeTlogProof(const Ledger& ledger, uint64_t index,
                                    std::optional<uint64_t> size) {
  tlog::ProofFile file;
  VERITY_RETURN_IF_ERROR(ledger.InSnapshot([&]() -> Status {
    VERITY_ASSIGN_OR_RETURN(Json proof, MakeInclusionProof(ledger, index, size));
    file.index = index;
    for (const Json& h : proof.at("proof")) {
      VERITY_ASSIGN_OR_RETURN(Hash256 hash, HashFromHex(h.get<std::string>()));
      file.inclusion.push_back(hash);
    }
    VERITY_ASSIGN_OR_RETURN(file.checkpoint,
                            CosignedCheckpointNote(ledger, proof.at("tree_size").get<uint64_t>()));
    return Status::Ok();
  }));
  return tlog::FormatProofFile(file);
}

StatusOr<std::string> CheckTlogProof(std::string_view text, const Json& entry,
                                     const tlog::Policy& policy) {
  VERITY_ASSIGN_OR_RETURN(tlog::ProofFile file, tlog::ParseProofFile(text));
  VERITY_ASSIGN_OR_RETURN(std::string canonical, CanonicalJson(entry));
  // Both leaf formats commit to the entry; they differ only above 65,535
  // bytes, where a ledger of format 2 (every new one) uses the record.
  StatusOr<tlog::PolicyVerdict> verdict =
      tlog::CheckProofFile(file, LeafHashOf(canonical, LeafFormat::kRecord), policy);
  if (!verdict.ok() && verdict.status().code() == StatusCode::kDataLoss &&
      IsRecorded(canonical, LeafFormat::kRecord)) {
    verdict = tlog::CheckProofFile(file, LeafHashOf(canonical, LeafFormat::kEntry), policy);
  }
  if (!verdict.ok()) return verdict.status();
  std::string out = "entry " + std::to_string(file.index) + " is in the tree of size " +
                    std::to_string(verdict->checkpoint.size) + " of " + verdict->checkpoint.origin;
  if (!verdict->cosigned.empty()) {
    out += ", cosigned by";
    for (const auto& c : verdict->cosigned) out += " " + c.witness;
  }
  return out;
}

}  // namespace verity::ledger

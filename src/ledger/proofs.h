// Proof documents: inclusion and consistency proofs of a stored ledger as
// self-contained JSON that anyone can check offline (docs/ledger-format.md).
//
//   inclusion:   {"kind":"inclusion","index":I,"tree_size":N,"entry":{...},
//                 "leaf_hash":hex,"proof":[hex...],"tree_head":{...},"log_key":{...}}
//   consistency: {"kind":"consistency","from":M,"to":N,"root_from":hex,
//                 "root_to":hex,"proof":[hex...],"tree_head_to":{...},"log_key":{...}}
// Proofs are made against signed tree heads, so their sizes must be sizes
// at which the log signed a head.
#ifndef VERITY_LEDGER_PROOFS_H_
#define VERITY_LEDGER_PROOFS_H_

#include <cstdint>
#include <optional>

#include "core/json.h"
#include "core/status.h"
#include "ledger/store.h"
#include "ledger/tree_head.h"

namespace verity::ledger {

// Proof that entry `index` is in the tree of the signed head of `size`
// (default: the newest). InvalidArgument if the index is out of range or no
// head has that size.
StatusOr<Json> MakeInclusionProof(const Ledger& ledger, uint64_t index,
                                  std::optional<uint64_t> size = std::nullopt);
// Proof that the tree of size `from` is a prefix of the signed tree of size
// `to` (default: the newest head).
StatusOr<Json> MakeConsistencyProof(const Ledger& ledger, uint64_t from,
                                    std::optional<uint64_t> to = std::nullopt);

// The inclusion proof of the next leaf to be appended, in the tree whose
// last leaf it will be: RFC 9162 PATH(m, D[m + 1]) for the current size m is
// the roots of the perfect subtrees of the current tree, right to left (the
// stored frontier, reversed). Read it before appending one entry; `size`
// receives m. Costs no hashing, whatever the size of the log.
StatusOr<std::vector<Hash256>> PathForNextLeaf(const Ledger& ledger, uint64_t* size);

// The stored leaf hash of entry `index`. NotFound if there is no such entry.
StatusOr<Hash256> StoredLeafHash(const Ledger& ledger, uint64_t index);

// Checks a proof document: every field it holds, each against the others
// and the signed head against the document's log key. With `saved` (a tree
// head kept by the checker), the proof must also be about that head: an
// inclusion proof against it, or a consistency proof from it.
// InvalidArgument naming the field for a malformed or self-contradictory
// document (an unknown field, `tree_size`/`to` not the head's size, `index`
// not below the size, `from` above `to`, hashes given for a proof from size
// 0); DataLoss naming the field when a hash does not hold (`leaf_hash` not
// the entry's, `root_to` not the head's, `root_from` of size 0 not the empty
// tree's, the path or proof not giving the roots); OK with a one-line
// description.
StatusOr<std::string> CheckProof(const Json& proof, const TreeHead* saved);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_PROOFS_H_

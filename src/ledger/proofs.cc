#include "ledger/proofs.h"

#include <algorithm>

#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

constexpr int64_t kMaxSize = int64_t{1} << 53;

// One indexed lookup, whatever the number of signed heads.
StatusOr<TreeHead> HeadOfSize(const Ledger& ledger, std::optional<uint64_t> size) {
  VERITY_ASSIGN_OR_RETURN(TreeHead latest, ledger.LatestTreeHead());
  if (!size || *size == latest.size) return latest;
  VERITY_ASSIGN_OR_RETURN(std::optional<TreeHead> head, ledger.TreeHeadOfSize(*size));
  if (head) return *head;
  return InvalidArgument("no signed tree head has size " + std::to_string(*size) +
                         " (heads are signed after each appended batch; newest size " +
                         std::to_string(latest.size) + ")");
}

Json HexList(const std::vector<Hash256>& hs) {
  Json j = Json::array();
  for (const Hash256& h : hs) j.push_back(ToHex(h));
  return j;
}

StatusOr<std::vector<Hash256>> ReadHexList(const FieldReader& r, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(const Json* list, r.OptArray(key));
  if (list == nullptr) return InvalidArgument(r.PathOf(key) + ": missing (required array)");
  std::vector<Hash256> out;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& v = list->at(i);
    auto h = v.is_string() ? HashFromHex(v.get<std::string>()) : InvalidArgument("");
    if (!h.ok())
      return InvalidArgument(JsonPathIndex(r.PathOf(key), i) + ": expected 64 hex digits");
    out.push_back(*h);
  }
  return out;
}

StatusOr<Hash256> ReadHash(const FieldReader& r, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(std::string s, r.String(key));
  auto h = HashFromHex(s);
  if (!h.ok()) return InvalidArgument(r.PathOf(key) + ": expected 64 hex digits");
  return *h;
}

// Reads and checks the signed head named `key` with the document's log key.
StatusOr<TreeHead> ReadSignedHead(const FieldReader& r, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(const Json* lk, r.Member("log_key"));
  VERITY_ASSIGN_OR_RETURN(PublicKey log_key, ParsePublicKey(*lk, r.PathOf("log_key")));
  VERITY_ASSIGN_OR_RETURN(const Json* thj, r.Member(key));
  VERITY_ASSIGN_OR_RETURN(TreeHead th, ParseTreeHead(*thj, r.PathOf(key)));
  VERITY_RETURN_IF_ERROR(VerifyTreeHead(th, log_key));
  return th;
}

// Every field of an inclusion proof is checked: the head against the log
// key, `tree_size` against the head, `index` against the size, `leaf_hash`
// against the entry, then the path against the root.
StatusOr<std::string> CheckInclusion(const FieldReader& r, const TreeHead* saved) {
  VERITY_RETURN_IF_ERROR(r.RejectUnknown(
      {"kind", "index", "tree_size", "entry", "leaf_hash", "proof", "tree_head", "log_key"}));
  VERITY_ASSIGN_OR_RETURN(int64_t index, r.Int("index", 0, kMaxSize));
  VERITY_ASSIGN_OR_RETURN(int64_t tree_size, r.Int("tree_size", 0, kMaxSize));
  VERITY_ASSIGN_OR_RETURN(TreeHead th, ReadSignedHead(r, "tree_head"));
  if (static_cast<uint64_t>(tree_size) != th.size) {
    return InvalidArgument(r.PathOf("tree_size") + ": " + std::to_string(tree_size) + " but " +
                           r.PathOf("tree_head") + ".size is " + std::to_string(th.size));
  }
  if (index >= tree_size) {
    return InvalidArgument(r.PathOf("index") + ": " + std::to_string(index) +
                           " is not below the tree size " + std::to_string(tree_size));
  }
  VERITY_ASSIGN_OR_RETURN(const Json* entry, r.Member("entry"));
  VERITY_ASSIGN_OR_RETURN(std::string canonical, CanonicalJson(*entry));
  const Hash256 leaf = tlog::LeafHash(canonical);
  VERITY_ASSIGN_OR_RETURN(Hash256 leaf_hash, ReadHash(r, "leaf_hash"));
  if (leaf_hash != leaf) {
    return DataLoss(r.PathOf("leaf_hash") + ": " + ToHex(leaf_hash) + " is not the hash of " +
                    r.PathOf("entry") + " (" + ToHex(leaf) + ")");
  }
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> path, ReadHexList(r, "proof"));
  if (saved && (saved->size != th.size || saved->root != th.root)) {
    return DataLoss("the proof is for the tree of size " + std::to_string(th.size) +
                    ", not the saved tree head of size " + std::to_string(saved->size) +
                    " (ask for one with 'verity ledger prove --size " +
                    std::to_string(saved->size) + "')");
  }
  VERITY_RETURN_IF_ERROR(tlog::VerifyInclusion(index, th.size, leaf, path, th.root));
  return "entry " + std::to_string(index) + " is in the tree of size " + std::to_string(th.size) +
         " with root " + ToHex(th.root);
}

// `from`, `root_from` and `proof` for the size-0 case: there is nothing to
// prove, so the proof must be empty and the root the empty tree's.
Status CheckFromEmpty(const FieldReader& r, const Hash256& root_from,
                      std::span<const Hash256> path) {
  if (!path.empty()) {
    return InvalidArgument(r.PathOf("proof") + ": a consistency proof from size 0 must be empty (" +
                           std::to_string(path.size()) + " hashes given)");
  }
  if (root_from != tlog::EmptyTreeHash()) {
    return DataLoss(r.PathOf("root_from") + ": " + ToHex(root_from) +
                    " is not the root of the empty tree (" + ToHex(tlog::EmptyTreeHash()) + ")");
  }
  return Status::Ok();
}

// Every field of a consistency proof is checked: the head against the log
// key, `to` and `root_to` against the head, `from` against `to`, then the
// proof (empty from size 0) against both roots.
StatusOr<std::string> CheckConsistency(const FieldReader& r, const TreeHead* saved) {
  VERITY_RETURN_IF_ERROR(r.RejectUnknown(
      {"kind", "from", "to", "root_from", "root_to", "proof", "tree_head_to", "log_key"}));
  VERITY_ASSIGN_OR_RETURN(int64_t from, r.Int("from", 0, kMaxSize));
  VERITY_ASSIGN_OR_RETURN(int64_t to_size, r.Int("to", 0, kMaxSize));
  VERITY_ASSIGN_OR_RETURN(TreeHead to, ReadSignedHead(r, "tree_head_to"));
  if (static_cast<uint64_t>(to_size) != to.size) {
    return InvalidArgument(r.PathOf("to") + ": " + std::to_string(to_size) + " but " +
                           r.PathOf("tree_head_to") + ".size is " + std::to_string(to.size));
  }
  if (from > to_size) {
    return InvalidArgument(r.PathOf("from") + ": " + std::to_string(from) + " exceeds " +
                           r.PathOf("to") + " (" + std::to_string(to_size) + ")");
  }
  VERITY_ASSIGN_OR_RETURN(Hash256 root_to, ReadHash(r, "root_to"));
  if (root_to != to.root) {
    return DataLoss(r.PathOf("root_to") + ": " + ToHex(root_to) + " is not the root of " +
                    r.PathOf("tree_head_to") + " (" + ToHex(to.root) + ")");
  }
  VERITY_ASSIGN_OR_RETURN(Hash256 root_from, ReadHash(r, "root_from"));
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> path, ReadHexList(r, "proof"));
  if (from == 0) VERITY_RETURN_IF_ERROR(CheckFromEmpty(r, root_from, path));
  if (saved) {
    if (saved->size != static_cast<uint64_t>(from) || saved->root != root_from) {
      return DataLoss("the saved tree head (size " + std::to_string(saved->size) + ", root " +
                      ToHex(saved->root) + ") is not the proof's starting tree (size " +
                      std::to_string(from) + ", root " + ToHex(root_from) + ")");
    }
  }
  VERITY_RETURN_IF_ERROR(tlog::VerifyConsistency(from, to.size, root_from, to.root, path));
  return "the tree of size " + std::to_string(from) + " is a prefix of the signed tree of size " +
         std::to_string(to.size) + " with root " + ToHex(to.root);
}

}  // namespace

StatusOr<std::vector<Hash256>> PathForNextLeaf(const Ledger& ledger, uint64_t* size) {
  VERITY_ASSIGN_OR_RETURN(const tlog::CompactTree tree, ledger.StoredTree());
  *size = tree.size();
  return std::vector<Hash256>(tree.frontier().rbegin(), tree.frontier().rend());
}

StatusOr<Hash256> StoredLeafHash(const Ledger& ledger, uint64_t index) {
  return ledger.LeafHashAt(index);
}

StatusOr<Json> MakeInclusionProof(const Ledger& ledger, uint64_t index,
                                  std::optional<uint64_t> size) {
  VERITY_ASSIGN_OR_RETURN(TreeHead th, HeadOfSize(ledger, size));
  if (index >= th.size) {
    return InvalidArgument("--index: " + std::to_string(index) + " is not below the tree size " +
                           std::to_string(th.size));
  }
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> leaves, ledger.LeafHashes());
  if (leaves.size() < th.size) return DataLoss("the ledger holds fewer rows than its tree head");
  leaves.resize(th.size);
  VERITY_ASSIGN_OR_RETURN(std::vector<Notification> entry, ledger.Entries(index, index + 1));
  return Json{{"kind", "inclusion"},
              {"index", index},
              {"tree_size", th.size},
              {"entry", entry.at(0).ToJson()},
              {"leaf_hash", ToHex(leaves[index])},
              {"proof", HexList(tlog::InclusionProof(leaves, index))},
              {"tree_head", th.ToJson()},
              {"log_key", PublicKeyToJson(ledger.log_key())}};
}

StatusOr<Json> MakeConsistencyProof(const Ledger& ledger, uint64_t from,
                                    std::optional<uint64_t> to) {
  VERITY_ASSIGN_OR_RETURN(TreeHead th, HeadOfSize(ledger, to));
  if (from > th.size) {
    return InvalidArgument("--from: " + std::to_string(from) + " exceeds the tree size " +
                           std::to_string(th.size));
  }
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> leaves, ledger.LeafHashes());
  if (leaves.size() < th.size) return DataLoss("the ledger holds fewer rows than its tree head");
  leaves.resize(th.size);
  const auto prefix = std::span<const Hash256>(leaves).subspan(0, from);
  const std::vector<Hash256> proof = (from == 0 || from == th.size)
                                         ? std::vector<Hash256>{}
                                         : tlog::ConsistencyProof(leaves, from);
  return Json{{"kind", "consistency"},
              {"from", from},
              {"to", th.size},
              {"root_from", ToHex(tlog::RootOf(prefix))},
              {"root_to", ToHex(th.root)},
              {"proof", HexList(proof)},
              {"tree_head_to", th.ToJson()},
              {"log_key", PublicKeyToJson(ledger.log_key())}};
}

StatusOr<std::string> CheckProof(const Json& proof, const TreeHead* saved) {
  FieldReader r(proof, "proof");
  VERITY_ASSIGN_OR_RETURN(std::string kind, r.String("kind"));
  if (kind == "inclusion") return CheckInclusion(r, saved);
  if (kind == "consistency") return CheckConsistency(r, saved);
  return InvalidArgument("proof.kind: '" + kind + "' (expected inclusion or consistency)");
}

}  // namespace verity::ledger

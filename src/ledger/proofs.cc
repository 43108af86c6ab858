#include "ledger/proofs.h"

#include <algorithm>

#include "ledger/sqlite.h"
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

StatusOr<std::string> CheckInclusion(const FieldReader& r, const TreeHead* saved) {
  VERITY_ASSIGN_OR_RETURN(int64_t index, r.Int("index", 0, kMaxSize));
  VERITY_ASSIGN_OR_RETURN(TreeHead th, ReadSignedHead(r, "tree_head"));
  VERITY_ASSIGN_OR_RETURN(const Json* entry, r.Member("entry"));
  VERITY_ASSIGN_OR_RETURN(std::string canonical, CanonicalJson(*entry));
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> path, ReadHexList(r, "proof"));
  const Hash256 leaf = tlog::LeafHash(canonical);
  const Hash256 root = saved ? saved->root : th.root;
  if (saved && (saved->size != th.size || saved->root != th.root)) {
    return DataLoss("the proof is for the tree of size " + std::to_string(th.size) +
                    ", not the saved tree head of size " + std::to_string(saved->size) +
                    " (ask for one with 'verity ledger prove --size " +
                    std::to_string(saved->size) + "')");
  }
  VERITY_RETURN_IF_ERROR(tlog::VerifyInclusion(index, th.size, leaf, path, root));
  return "entry " + std::to_string(index) + " is in the tree of size " + std::to_string(th.size) +
         " with root " + ToHex(root);
}

StatusOr<std::string> CheckConsistency(const FieldReader& r, const TreeHead* saved) {
  VERITY_ASSIGN_OR_RETURN(int64_t from, r.Int("from", 0, kMaxSize));
  VERITY_ASSIGN_OR_RETURN(TreeHead to, ReadSignedHead(r, "tree_head_to"));
  VERITY_ASSIGN_OR_RETURN(Hash256 root_from, ReadHash(r, "root_from"));
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> path, ReadHexList(r, "proof"));
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
  VERITY_ASSIGN_OR_RETURN(auto st,
                          ledger.db()->Prepare("SELECT leaf_hash FROM entries WHERE idx = ?"));
  st.Bind(1, static_cast<int64_t>(std::min<uint64_t>(index, INT64_MAX)));
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return NotFound("no entry " + std::to_string(index));
  auto h = HashFromHex(st.TextView(0));
  if (!h.ok()) return DataLoss("entries[" + std::to_string(index) + "]: bad leaf hash");
  return *h;
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

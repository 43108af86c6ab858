#include "ledger/ambiguity_seal.h"

#include <map>
#include <set>

#include "core/json.h"
#include "ledger/seals.h"

namespace verity::ledger::internal {
namespace {

constexpr char kRowColumns[] =
    "SELECT id, idx, party, kind, occurred, message, evidence FROM ambiguities";

Hash256 RowDigest(const Stmt& st) {
  return AmbiguityDigest({st.Int(0), st.Int(1), st.TextView(2), st.TextView(3), st.TextView(4),
                          st.TextView(5), st.TextView(6)});
}

struct Claim {
  uint64_t size = 0;
  std::string digest;
  bool seen = false;
};

// Checks one seal row; records what it claims in `claims`.
void CheckSeal(const Stmt& st, const PublicKey& key, const std::map<uint64_t, Hash256>& roots,
               std::map<int64_t, Claim>* claims, std::vector<RowProblem>* out) {
  const auto size = static_cast<uint64_t>(st.Int(0));
  const std::string row = "size=" + std::to_string(size);
  const std::string_view rows = st.TextView(1);
  const auto root = roots.find(size);
  auto sig = FromHex(st.TextView(2));
  bool holds = false;
  if (root != roots.end() && sig.ok() && sig->size() == kSignatureBytes) {
    Signature s;
    std::copy(sig->begin(), sig->end(), s.begin());
    holds =
        VerifyBytes(key, DigestBytes(AmbiguitySealDigest(key.key_id, size, root->second, rows)), s);
  }
  if (root == roots.end()) {
    out->push_back({"ambiguity_seals", row, "no signed tree head has this size"});
  } else if (!holds) {
    out->push_back({"ambiguity_seals", row, "the signature does not verify with the log key"});
  }
  auto j = ParseJson(rows, "ambiguity_seals.rows");
  if (!j.ok() || !j->is_array()) {
    out->push_back({"ambiguity_seals", row, "rows is not a list of [id, digest]"});
    return;
  }
  for (const Json& pair : *j) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer() ||
        !pair[1].is_string()) {
      out->push_back({"ambiguity_seals", row, "rows is not a list of [id, digest]"});
      return;
    }
    (*claims)[pair[0].get<int64_t>()] = {size, pair[1].get<std::string>(), false};
  }
}

}  // namespace

Status SealAmbiguityRows(Db* db, const SecretKey& log_key, uint64_t size, const Hash256& root,
                         std::span<const int64_t> ids) {
  VERITY_ASSIGN_OR_RETURN(auto row, db->Prepare(std::string(kRowColumns) + " WHERE id = ?"));
  Json list = Json::array();
  for (const int64_t id : ids) {
    row.Bind(1, id);
    VERITY_ASSIGN_OR_RETURN(bool has, row.Step());
    if (!has) return Internal("ambiguity " + std::to_string(id) + " vanished before its seal");
    list.push_back(Json::array({id, ToHex(RowDigest(row))}));
    row.Reset();
  }
  const std::string rows = list.dump();
  const Hash256 d = AmbiguitySealDigest(log_key.pub.key_id, size, root, rows);
  const Signature sig = SignBytes(log_key, DigestBytes(d));
  VERITY_ASSIGN_OR_RETURN(auto ins, db->Prepare("INSERT OR REPLACE INTO ambiguity_seals(size, "
                                                "rows, signature) VALUES(?, ?, ?)"));
  return ins.Bind(1, static_cast<int64_t>(size))
      .Bind(2, rows)
      .Bind(3, ToHex(sig.data(), sig.size()))
      .Run();
}

Status AuditAmbiguityRows(Db* db, const PublicKey& log_key, std::span<const TreeHead> heads,
                          std::vector<RowProblem>* out) {
  std::map<uint64_t, Hash256> roots;
  for (const TreeHead& th : heads) roots[th.size] = th.root;
  std::map<int64_t, Claim> claims;
  std::set<uint64_t> sealed;
  VERITY_ASSIGN_OR_RETURN(auto seals, db->Prepare("SELECT size, rows, signature FROM "
                                                  "ambiguity_seals ORDER BY size"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, seals.Step());
    if (!row) break;
    sealed.insert(static_cast<uint64_t>(seals.Int(0)));
    CheckSeal(seals, log_key, roots, &claims, out);
  }
  for (const auto& [size, root] : roots) {
    if (!sealed.contains(size)) {
      out->push_back({"ambiguity_seals", "size=" + std::to_string(size),
                      "missing: the ambiguities of the batch that ends here are not sealed"});
    }
  }
  VERITY_ASSIGN_OR_RETURN(auto rows, db->Prepare(std::string(kRowColumns) + " ORDER BY id"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    const std::string name = "id=" + std::to_string(rows.Int(0));
    const auto it = claims.find(rows.Int(0));
    if (it == claims.end()) {
      out->push_back({"ambiguities", name, "no seal of the log vouches for it (inserted)"});
      continue;
    }
    it->second.seen = true;
    if (ToHex(RowDigest(rows)) != it->second.digest) {
      out->push_back({"ambiguities", name, "differs from the row the log sealed (edited)"});
    }
  }
  for (const auto& [id, claim] : claims) {
    if (!claim.seen) {
      out->push_back({"ambiguities", "id=" + std::to_string(id),
                      "sealed with the batch that ends at size " + std::to_string(claim.size) +
                          " but missing (deleted)"});
    }
  }
  return Status::Ok();
}

}  // namespace verity::ledger::internal

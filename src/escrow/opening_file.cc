#include "escrow/opening_file.h"

#include <map>

#include "core/limits.h"
#include "escrow/private_file.h"
#include "tlog/merkle.h"

namespace verity::escrow {
namespace {

StatusOr<Leaf> ReadLeaf(const Json& v, const std::string& path) {
  const FieldReader r(v, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"salt", "item"}));
  Leaf l;
  VERITY_ASSIGN_OR_RETURN(std::string salt, r.String("salt"));
  if (!HexToBytes(salt, l.salt))
    return InvalidArgument(r.PathOf("salt") + ": expected 64 hex digits");
  VERITY_ASSIGN_OR_RETURN(const Json* item, r.Member("item"));
  if (!item->is_object()) return InvalidArgument(r.PathOf("item") + ": expected an object");
  auto hash = RecordLeafHash(l.salt, *item);
  if (!hash.ok()) return hash.status().WithContext(r.PathOf("item"));
  l.hash = *hash;
  l.item = *item;
  return l;
}

}  // namespace

Json OpeningFileJson(const Escrow& e) {
  Json leaves = Json::array();
  for (const Leaf& l : e.leaves) {
    leaves.push_back({{"salt", ToHex(l.salt.data(), l.salt.size())}, {"item", l.item}});
  }
  return {{"format", kOpeningFormat},
          {"escrow", e.id},
          {"party", e.party},
          {"treaty", e.treaty},
          {"as_of", e.as_of.ToString()},
          {"root", ToHex(e.root)},
          {"leaves", leaves}};
}

StatusOr<Escrow> ParseOpeningFile(const Json& doc, std::string_view source) {
  const FieldReader r(doc, std::string(source));
  VERITY_RETURN_IF_ERROR(
      r.RejectUnknown({"format", "escrow", "party", "treaty", "as_of", "root", "leaves"}));
  VERITY_ASSIGN_OR_RETURN(std::string format, r.String("format"));
  if (format != kOpeningFormat) {
    return InvalidArgument(r.PathOf("format") + ": expected '" + kOpeningFormat + "'");
  }
  Escrow e;
  VERITY_ASSIGN_OR_RETURN(e.id, r.String("escrow"));
  VERITY_RETURN_IF_ERROR(ledger::CheckEscrowId(e.id, r.PathOf("escrow")));
  VERITY_ASSIGN_OR_RETURN(e.party, r.String("party"));
  VERITY_ASSIGN_OR_RETURN(e.treaty, r.String("treaty"));
  VERITY_ASSIGN_OR_RETURN(e.as_of, r.DateField("as_of"));
  VERITY_ASSIGN_OR_RETURN(std::string root, r.String("root"));
  if (!HexToBytes(root, e.root))
    return InvalidArgument(r.PathOf("root") + ": expected 64 hex digits");
  VERITY_ASSIGN_OR_RETURN(const Json* leaves, r.OptArray("leaves"));
  if (leaves == nullptr || leaves->empty()) {
    return InvalidArgument(r.PathOf("leaves") + ": expected a non-empty array");
  }
  if (static_cast<int64_t>(leaves->size()) > limits::kMaxEscrowLeaves) {
    return InvalidArgument(r.PathOf("leaves") + ": more than the limit of " +
                           std::to_string(limits::kMaxEscrowLeaves) + " leaves");
  }
  std::map<Salt, size_t> salts;
  for (size_t k = 0; k < leaves->size(); ++k) {
    const std::string path = JsonPathIndex(r.PathOf("leaves"), k);
    VERITY_ASSIGN_OR_RETURN(Leaf l, ReadLeaf(leaves->at(k), path));
    const auto [at, fresh] = salts.emplace(l.salt, k);
    if (!fresh) {
      return InvalidArgument(path + ".salt: the same salt as leaves[" + std::to_string(at->second) +
                             "] (a salt may not repeat: it would link the two leaves)");
    }
    e.leaves.push_back(std::move(l));
  }
  if (tlog::RootOf(e.LeafHashes()) != e.root) {
    return DataLoss(std::string(source) + ": the leaves do not give the stated root " + root);
  }
  return e;
}

Status WriteOpeningFile(const Escrow& e, const std::string& path) {
  return WritePrivateFile(path, OpeningFileJson(e).dump() + "\n", "an opening file");
}

StatusOr<Escrow> ReadOpeningFile(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(
      std::string text,
      ReadPrivateFile(path, limits::kMaxEscrowOpeningFileBytes, "an opening file (the salts)"));
  VERITY_ASSIGN_OR_RETURN(Json doc, ParseJson(text, path));
  return ParseOpeningFile(doc, path);
}

}  // namespace verity::escrow

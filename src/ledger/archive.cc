#include "ledger/archive.h"

#include <filesystem>

#include "ledger/batch.h"
#include "ledger/replay.h"
#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

constexpr char kExportTag[] = "verity_ledger_export";
constexpr int kExportVersion = 1;

struct Header {
  std::vector<PublicKey> party_keys;
  LeafFormat leaf_format = LeafFormat::kEntry;  // exports without the field: format 1
};

StatusOr<Header> ParseHeader(const BatchItem& item) {
  FieldReader r(item.json, item.where);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({kExportTag, "log_key", "leaf_format", "party_keys"}));
  VERITY_RETURN_IF_ERROR(r.Int(kExportTag, kExportVersion, kExportVersion).status());
  VERITY_ASSIGN_OR_RETURN(std::optional<int64_t> format, r.OptInt("leaf_format", 1, 2));
  VERITY_ASSIGN_OR_RETURN(const Json* keys, r.OptArray("party_keys"));
  Header h;
  h.leaf_format = static_cast<LeafFormat>(format.value_or(1));
  if (keys == nullptr) return h;
  for (size_t i = 0; i < keys->size(); ++i) {
    VERITY_ASSIGN_OR_RETURN(PublicKey k,
                            ParsePublicKey(keys->at(i), JsonPathIndex(r.PathOf("party_keys"), i)));
    h.party_keys.push_back(std::move(k));
  }
  return h;
}

// The export's entries, hashed as leaves of `format`, give its head's root.
Status CheckExportedRoot(std::span<const BatchItem> entries, LeafFormat format,
                         const TreeHead& exported, const std::string& where) {
  tlog::CompactTree tree;
  for (const BatchItem& item : entries) {
    VERITY_ASSIGN_OR_RETURN(std::string canonical, CanonicalJson(item.json));
    tree.Append(LeafHashOf(canonical, format));
  }
  if (tree.Root() != exported.root) {
    return DataLoss(where + ": the entries give root " + ToHex(tree.Root()) +
                    ", not the exported " + "tree head's " + ToHex(exported.root) +
                    "; nothing was stored");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<uint64_t> ExportLedger(const Ledger& ledger, std::ostream& out) {
  Json keys = Json::array();
  for (const PublicKey& k : ledger.PartyKeys()) keys.push_back(PublicKeyToJson(k));
  const Json header = {{kExportTag, kExportVersion},
                       {"log_key", PublicKeyToJson(ledger.log_key())},
                       {"leaf_format", static_cast<int>(ledger.leaf_format())},
                       {"party_keys", keys}};
  out << header.dump() << "\n";
  uint64_t n = 0;
  VERITY_RETURN_IF_ERROR(ledger.ForEachRow([&](const StoredRow& row) {
    out << row.entry << "\n";
    ++n;
    return Status::Ok();
  }));
  if (n > 0) {
    VERITY_ASSIGN_OR_RETURN(TreeHead th, ledger.LatestTreeHead());
    out << Json{{"tree_head", th.ToJson()}}.dump() << "\n";
  }
  if (!out) return Unavailable("export: write error");
  return n;
}

namespace {

// Both ImportLedger: `counter` and `finders` both set or both not.
StatusOr<AppendResult> Import(const std::string& dir, std::string_view text,
                              const std::string& source, Timestamp now,
                              const forces::Counter* counter, const FinderFactory* finders) {
  VERITY_ASSIGN_OR_RETURN(std::vector<BatchItem> items, ParseBatchText(text, source));
  if (items.size() < 3) {
    return InvalidArgument(source + ": expected a header line, entries and a tree_head line");
  }
  VERITY_ASSIGN_OR_RETURN(Header header, ParseHeader(items.front()));
  const BatchItem& trailer = items.back();
  FieldReader tr(trailer.json, trailer.where);
  VERITY_ASSIGN_OR_RETURN(const Json* thj, tr.Member("tree_head"));
  VERITY_ASSIGN_OR_RETURN(TreeHead exported, ParseTreeHead(*thj, tr.PathOf("tree_head")));
  const std::span<const BatchItem> entries(items.data() + 1, items.size() - 2);
  if (exported.size != entries.size()) {
    return InvalidArgument(trailer.where + ": tree_head.size " + std::to_string(exported.size) +
                           " but the export holds " + std::to_string(entries.size()) + " entries");
  }
  auto existing = Ledger::Open(dir);
  if (existing.ok()) {
    VERITY_ASSIGN_OR_RETURN(uint64_t size, (*existing)->Size());
    if (size > 0)
      return FailedPrecondition(dir + ": the ledger is not empty; import needs a new one");
  } else {
    VERITY_RETURN_IF_ERROR(Ledger::Init(dir, {}));
  }
  VERITY_ASSIGN_OR_RETURN(auto ledger, Ledger::Open(dir));
  for (const PublicKey& k : header.party_keys) VERITY_RETURN_IF_ERROR(ledger->AddPartyKey(k));
  if (finders != nullptr) ledger->set_ambiguity_finder((*finders)(ledger.get(), counter));
  // An export of another leaf format gives another tree: its root is
  // checked over its own leaves, and the import's tree is a new one.
  std::optional<Hash256> expected = exported.root;
  if (header.leaf_format != ledger->leaf_format()) {
    VERITY_RETURN_IF_ERROR(CheckExportedRoot(entries, header.leaf_format, exported, trailer.where));
    expected.reset();
  }
  VERITY_ASSIGN_OR_RETURN(AppendResult r, ledger->Append(entries, now, expected));
  if (finders != nullptr) VERITY_RETURN_IF_ERROR(UpdateCheckpointsAfter(*ledger, r));
  return r;
}

}  // namespace

StatusOr<AppendResult> ImportLedger(const std::string& dir, std::string_view text,
                                    const std::string& source, Timestamp now) {
  return Import(dir, text, source, now, nullptr, nullptr);
}

StatusOr<AppendResult> ImportLedger(const std::string& dir, std::string_view text,
                                    const std::string& source, Timestamp now,
                                    const forces::Counter& counter, const FinderFactory& finders) {
  return Import(dir, text, source, now, &counter, &finders);
}

}  // namespace verity::ledger

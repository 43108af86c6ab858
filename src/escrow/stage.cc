#include "escrow/stage.h"

#include <algorithm>

#include "core/limits.h"
#include "escrow/item.h"
#include "tlog/merkle.h"

namespace verity::escrow {
namespace {

Status SpecError(std::string_view spec, const std::string& why) {
  const std::string shown =
      spec.size() > 80 ? std::string(spec.substr(0, 80)) + "..." : std::string(spec);
  return InvalidArgument("stage spec '" + shown + "': " + why);
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? s.npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

}  // namespace

StatusOr<StageSpec> ParseStageSpec(std::string_view spec) {
  if (spec.size() > limits::kMaxEscrowStageSpecBytes) {
    return SpecError(spec, "longer than the limit of " +
                               std::to_string(limits::kMaxEscrowStageSpecBytes) + " bytes");
  }
  const size_t colon = spec.find(':'), eq = spec.find('=');
  if (colon == spec.npos || eq == spec.npos || eq < colon) {
    return SpecError(spec, "expected ID:BY=VALUE,... (BY: facility, type or category)");
  }
  StageSpec s;
  s.id = std::string(spec.substr(0, colon));
  if (Status st = ledger::CheckEscrowId(s.id, "stage id"); !st.ok()) {
    return SpecError(spec, st.message());
  }
  s.select.by = std::string(spec.substr(colon + 1, eq - colon - 1));
  if (s.select.by != "facility" && s.select.by != "type" && s.select.by != "category") {
    return SpecError(spec, "'" + s.select.by + "' is not one of facility, type, category");
  }
  for (std::string& v : Split(spec.substr(eq + 1), ',')) {
    if (v.empty()) return SpecError(spec, "an empty value");
    if (std::find(s.select.values.begin(), s.select.values.end(), v) == s.select.values.end()) {
      s.select.values.push_back(std::move(v));
    }
  }
  return s;
}

bool InStage(const Json& record, const ledger::EscrowStageBody& select) {
  for (const std::string& v : SelectorValues(record, select.by)) {
    if (std::find(select.values.begin(), select.values.end(), v) != select.values.end()) {
      return true;
    }
  }
  return false;
}

std::vector<uint64_t> StageLeaves(const Escrow& e, const ledger::EscrowStageBody& select) {
  std::vector<uint64_t> out;
  for (size_t i = 0; i < e.leaves.size(); ++i) {
    if (InStage(e.leaves[i].item, select)) out.push_back(i);
  }
  return out;
}

namespace {

Json Openings(const Escrow& e, const std::vector<uint64_t>& leaves) {
  const std::vector<Hash256> hashes = e.LeafHashes();
  const tlog::RangeHasher subtrees = SubtreeHasher(hashes);
  Json out = Json::array();
  for (uint64_t i : leaves) out.push_back(OpeningJson(e, i, subtrees));
  return out;
}

}  // namespace

StatusOr<Json> RevealBody(const Escrow& e, const StageSpec& stage) {
  const std::vector<uint64_t> leaves = StageLeaves(e, stage.select);
  if (leaves.empty()) return InvalidArgument("stage " + stage.id + ": no committed item is in it");
  if (static_cast<int64_t>(leaves.size()) > limits::kMaxEscrowOpenings) {
    return InvalidArgument("stage " + stage.id + ": " + std::to_string(leaves.size()) +
                           " items, more than the limit of " +
                           std::to_string(limits::kMaxEscrowOpenings) +
                           " in one reveal (split it into stages)");
  }
  return Json{{"escrow", e.id},
              {"stage", stage.id},
              {"select", {{"by", stage.select.by}, {"values", stage.select.values}}},
              {"openings", Openings(e, leaves)}};
}

StatusOr<Json> OpeningBody(const Escrow& e, const std::string& designation,
                           const std::vector<uint64_t>& leaves) {
  for (uint64_t i : leaves) {
    if (i >= e.leaves.size()) {
      return InvalidArgument("designated leaf " + std::to_string(i) + " is not in escrow " + e.id +
                             " (" + std::to_string(e.leaves.size()) + " leaves)");
    }
  }
  return Json{{"escrow", e.id}, {"designation", designation}, {"openings", Openings(e, leaves)}};
}

Status CheckOpening(const ledger::EscrowLeafOpening& o, uint64_t leaves, const Hash256& root,
                    std::string_view where) {
  const std::string at(where);
  if (o.index >= leaves) {
    return InvalidArgument(at + ": leaf " + std::to_string(o.index) + " is outside the tree of " +
                           std::to_string(leaves) + " leaves");
  }
  auto leaf = RecordLeafHash(o.salt, o.item);
  if (!leaf.ok()) return leaf.status().WithContext(at + ".item");
  if (*leaf != o.leaf) {
    return InvalidArgument(at + ": the salt and item do not give the leaf " + ToHex(o.leaf) +
                           " (they give " + ToHex(*leaf) + ")");
  }
  if (!tlog::VerifyInclusion(o.index, leaves, o.leaf, o.proof, root).ok()) {
    return InvalidArgument(at + ": the proof does not lead from leaf " + std::to_string(o.index) +
                           " to the committed root " + ToHex(root));
  }
  return Status::Ok();
}

}  // namespace verity::escrow

#include "witness/observer.h"

#include "tlog/encoding.h"
#include "tlog/merkle.h"

namespace verity::witness {
namespace {

std::string Short(const Hash256& root) { return tlog::Base64Encode(root).substr(0, 12) + "..."; }

}  // namespace

Status CheckConsistentWith(const tlog::Policy& policy, std::string_view trusted,
                           std::string_view next, const std::vector<Hash256>& proof) {
  VERITY_ASSIGN_OR_RETURN(tlog::PolicyVerdict a, tlog::EvaluateCheckpoint(policy, trusted));
  VERITY_ASSIGN_OR_RETURN(tlog::PolicyVerdict b, tlog::EvaluateCheckpoint(policy, next));
  const tlog::Checkpoint& m = a.checkpoint;
  const tlog::Checkpoint& n = b.checkpoint;
  if (m.origin != n.origin) {
    return InvalidArgument("the checkpoints are of two logs (" + m.origin + ", " + n.origin + ")");
  }
  if (m.size == n.size) {
    if (m.root == n.root) return Status::Ok();
    return DataLoss("split view: the log signed two checkpoints of size " + std::to_string(m.size) +
                    " with different roots (" + Short(m.root) + " and " + Short(n.root) + ")");
  }
  const tlog::Checkpoint& small = m.size < n.size ? m : n;
  const tlog::Checkpoint& large = m.size < n.size ? n : m;
  const Status s = tlog::VerifyConsistency(small.size, large.size, small.root, large.root, proof);
  if (s.ok()) return s;
  return DataLoss("rewritten history: the checkpoint of size " + std::to_string(large.size) +
                  " is not an extension of the one of size " + std::to_string(small.size) + " (" +
                  s.message() + ")");
}

Status CompareWitnessViews(const tlog::Policy& policy,
                           const std::vector<std::pair<std::string, std::string>>& views) {
  std::vector<tlog::PolicyVerdict> verdicts;
  for (const auto& [name, note] : views) {
    auto v = tlog::EvaluateCheckpoint(policy, note);
    if (!v.ok()) return v.status().WithContext("the checkpoint witness " + name + " holds");
    verdicts.push_back(*std::move(v));
  }
  for (size_t i = 0; i < views.size(); ++i) {
    for (size_t j = i + 1; j < views.size(); ++j) {
      const tlog::Checkpoint& a = verdicts[i].checkpoint;
      const tlog::Checkpoint& b = verdicts[j].checkpoint;
      if (a.origin == b.origin && a.size == b.size && a.root != b.root) {
        return DataLoss("split view: witness " + views[i].first + " and witness " + views[j].first +
                        " hold different checkpoints of size " + std::to_string(a.size) +
                        ", both signed by the log (roots " + Short(a.root) + " and " +
                        Short(b.root) + ")");
      }
    }
  }
  return Status::Ok();
}

}  // namespace verity::witness

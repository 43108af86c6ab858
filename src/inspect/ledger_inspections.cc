#include "inspect/ledger_inspections.h"

#include "ledger/replay.h"

namespace verity::inspect {
namespace {

using ledger::Ambiguity;
using ledger::AmbiguityKind;
using ledger::Notification;
using ledger::NotificationType;

Ambiguity FromIssue(const Notification& n, uint64_t index, AmbiguityKind kind, const Issue& issue) {
  Json evidence = issue.evidence;
  evidence["issue"] = issue.kind;
  return Ambiguity{index, n.party, kind, n.occurred, issue.message, evidence};
}

// Adds `n` (at log index `index`) to `out` if it is an inspection record.
Status Collect(const Notification& n, uint64_t index, LoggedInspections* out) {
  if (n.type == NotificationType::kInspectionNotice) {
    VERITY_ASSIGN_OR_RETURN(Inspection i, ParseNotice(n.body, n.party, n.occurred, index));
    out->notices.push_back(std::move(i));
  } else if (n.type == NotificationType::kInspectionFindings) {
    VERITY_ASSIGN_OR_RETURN(Findings f, ParseFindings(n.body, n.party, n.occurred, index));
    out->findings.push_back(std::move(f));
  }
  return Status::Ok();
}

}  // namespace

StatusOr<LoggedInspections> LoadInspections(const ledger::Ledger& ledger) {
  VERITY_ASSIGN_OR_RETURN(uint64_t size, ledger.Size());
  VERITY_ASSIGN_OR_RETURN(auto entries, ledger.Entries(0, size));
  LoggedInspections out;
  for (size_t i = 0; i < entries.size(); ++i) {
    Status s = Collect(entries[i], i, &out);
    if (!s.ok()) return DataLoss("entry " + std::to_string(i) + ": " + s.message());
  }
  return out;
}

StatusOr<std::vector<Issue>> CheckLoggedFindings(const ledger::Ledger& ledger, const Findings& f) {
  VERITY_ASSIGN_OR_RETURN(
      forces::Declaration state,
      ledger::StateAsOf(ledger, f.inspection.inspected_party, f.inspection.date));
  return CompareFindings(state, f);
}

ledger::AmbiguityFinder MakeInspectionFinder(const ledger::Ledger* ledger,
                                             const treaty::Treaty* treaty) {
  return [ledger, treaty](std::span<const Notification> batch,
                          uint64_t first) -> std::vector<Ambiguity> {
    std::vector<Ambiguity> found;
    LoggedInspections known;
    bool loaded = false;
    for (size_t k = 0; k < batch.size(); ++k) {
      const Notification& n = batch[k];
      if (n.type != NotificationType::kInspectionNotice &&
          n.type != NotificationType::kInspectionFindings)
        continue;
      if (!loaded) {
        // The log may already hold this batch; only earlier entries count.
        auto logged = LoadInspections(*ledger);
        if (logged.ok()) {
          for (auto& i : logged->notices) {
            if (i.ledger_index < first) known.notices.push_back(std::move(i));
          }
        }
        loaded = true;
      }
      const uint64_t index = first + k;
      LoggedInspections one;
      if (Status s = Collect(n, index, &one); !s.ok()) {
        found.push_back(FromIssue(n, index, AmbiguityKind::kInspectionRule,
                                  {"malformed_inspection", s.message(), {}}));
        continue;
      }
      if (!one.notices.empty()) {
        const Inspection& i = one.notices[0];
        auto state = ledger::StateAsOf(*ledger, i.inspected_party, i.date);
        if (state.ok()) {
          for (const Issue& issue : CheckNotice(*treaty, *state, i, known.notices)) {
            found.push_back(FromIssue(n, index, AmbiguityKind::kInspectionRule, issue));
          }
        }
        known.notices.push_back(i);
      } else {
        auto issues = CheckLoggedFindings(*ledger, one.findings[0]);
        for (const Issue& issue : issues.ok() ? *issues : std::vector<Issue>{}) {
          found.push_back(FromIssue(n, index, AmbiguityKind::kInspectionDiscrepancy, issue));
        }
      }
    }
    return found;
  };
}

ledger::AmbiguityFinder CombineFinders(ledger::AmbiguityFinder a, ledger::AmbiguityFinder b) {
  return [a = std::move(a), b = std::move(b)](std::span<const Notification> batch, uint64_t first) {
    std::vector<Ambiguity> out = a(batch, first);
    std::vector<Ambiguity> more = b(batch, first);
    out.insert(out.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
    return out;
  };
}

}  // namespace verity::inspect

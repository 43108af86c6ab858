#include "inspect/ledger_inspections.h"

#include <algorithm>
#include <variant>

#include "ledger/replay.h"

namespace verity::inspect {
namespace {

using ledger::Ambiguity;
using ledger::AmbiguityKind;
using ledger::Notification;
using ledger::NotificationType;

constexpr NotificationType kRecordTypes[] = {NotificationType::kInspectionNotice,
                                             NotificationType::kInspectionFindings};

bool IsRecord(NotificationType t) {
  return std::find(std::begin(kRecordTypes), std::end(kRecordTypes), t) != std::end(kRecordTypes);
}

Ambiguity FromIssue(const Notification& n, uint64_t index, AmbiguityKind kind, const Issue& issue) {
  Json evidence = issue.evidence;
  evidence["issue"] = issue.kind;
  return Ambiguity{index, n.party, kind, n.occurred, issue.message, evidence};
}

// A record that could not be checked: said, not passed over in silence.
Ambiguity NotChecked(const Notification& n, uint64_t index, const Status& why) {
  return FromIssue(n, index, AmbiguityKind::kInspectionRule,
                   {"not_checked", "not checked: " + why.message(), {}});
}

// Adds `n` (at log index `index`), an inspection record, to `out`; the
// error says why the inspection rules cannot read it.
Status Collect(const Notification& n, uint64_t index, LoggedInspections* out) {
  if (n.typed_body == nullptr) return Internal("the body was not read");
  if (const auto* b = std::get_if<ledger::InspectionNoticeBody>(&n.typed_body->value)) {
    VERITY_ASSIGN_OR_RETURN(Inspection i, ReadNotice(*b, n.party, n.occurred, index));
    out->notices.push_back(std::move(i));
  } else if (const auto* f = std::get_if<ledger::InspectionFindingsBody>(&n.typed_body->value)) {
    VERITY_ASSIGN_OR_RETURN(Findings r, ReadFindings(*f, n.party, n.occurred, index));
    out->findings.push_back(std::move(r));
  } else {
    return Internal(std::string(ledger::Name(n.type)) + " is not an inspection record");
  }
  return Status::Ok();
}

// Reads the stored rows of `type` below `before` into `out`.
Status LoadRecords(const ledger::Ledger& ledger, NotificationType type, uint64_t before,
                   LoggedInspections* out) {
  return ledger.ForEachRowOfType(type, before, [&](const ledger::StoredRow& row) {
    const auto index = static_cast<uint64_t>(row.index);
    auto n = ledger::ParseStoredEntry(row.entry, index);
    Status s = n.status();
    if (n.ok() && n->type != type) {
      s = DataLoss("entries[" + std::to_string(index) + "]: the type column says " + row.type +
                   " but the entry is a " + std::string(ledger::Name(n->type)));
    } else if (n.ok()) {
      s = Collect(*n, index, out);
    }
    if (!s.ok()) out->malformed.push_back({index, s.message()});
    return Status::Ok();
  });
}

std::vector<Ambiguity> CheckNoticeRecord(const ledger::Ledger& ledger, const treaty::Treaty& treaty,
                                         const Notification& n, const Inspection& i,
                                         const StatusOr<std::vector<Inspection>>& earlier) {
  if (!earlier.ok()) return {NotChecked(n, i.ledger_index, earlier.status())};
  auto state = ledger::StateForFinder(ledger, i.inspected_party, i.date, i.ledger_index);
  if (!state.ok()) return {NotChecked(n, i.ledger_index, state.status())};
  std::vector<Ambiguity> out;
  for (const Issue& issue : CheckNotice(treaty, *state, i, *earlier)) {
    out.push_back(FromIssue(n, i.ledger_index, AmbiguityKind::kInspectionRule, issue));
  }
  return out;
}

std::vector<Ambiguity> CheckFindingsRecord(const ledger::Ledger& ledger, const Notification& n,
                                           const Findings& f) {
  const uint64_t index = f.inspection.ledger_index;
  auto issues = CheckLoggedFindings(ledger, f, index);
  if (!issues.ok()) return {NotChecked(n, index, issues.status())};
  std::vector<Ambiguity> out;
  for (const Issue& issue : *issues) {
    out.push_back(FromIssue(n, index, AmbiguityKind::kInspectionDiscrepancy, issue));
  }
  return out;
}

}  // namespace

Json MalformedRecord::ToJson() const { return {{"index", index}, {"reason", reason}}; }

StatusOr<LoggedInspections> LoadInspections(const ledger::Ledger& ledger, uint64_t before) {
  LoggedInspections out;
  for (NotificationType type : kRecordTypes) {
    VERITY_RETURN_IF_ERROR(LoadRecords(ledger, type, before, &out));
  }
  std::sort(out.malformed.begin(), out.malformed.end(),
            [](const MalformedRecord& a, const MalformedRecord& b) { return a.index < b.index; });
  return out;
}

StatusOr<std::vector<Issue>> CheckLoggedFindings(const ledger::Ledger& ledger, const Findings& f,
                                                 uint64_t before) {
  VERITY_ASSIGN_OR_RETURN(
      forces::Declaration state,
      ledger::StateForFinder(ledger, f.inspection.inspected_party, f.inspection.date, before));
  return CompareFindings(state, f);
}

StatusOr<QuotaReport> LedgerQuotas(const ledger::Ledger& ledger, const treaty::Treaty& treaty,
                                   const std::vector<std::string>& parties,
                                   std::optional<int> year) {
  VERITY_ASSIGN_OR_RETURN(LoggedInspections logged, LoadInspections(ledger));
  QuotaReport r;
  for (const Inspection& i : logged.notices) r.year = std::max(r.year, treaty.TreatyYear(i.date));
  if (year) r.year = *year;
  r.from = treaty.TreatyYearStart(r.year);
  r.to = r.from.AddYears(1).AddDays(-1);
  for (const std::string& p : parties) {
    r.parties.push_back({p, QuotaUsage(treaty, logged.notices, p, r.year)});
  }
  for (Inspection& i : logged.notices) {
    if (treaty.TreatyYear(i.date) == r.year) r.notices.push_back(std::move(i));
  }
  r.malformed = std::move(logged.malformed);
  return r;
}

ledger::AmbiguityFinder MakeInspectionFinder(const ledger::Ledger* ledger,
                                             const treaty::Treaty* treaty) {
  return [ledger, treaty](std::span<const Notification> batch,
                          uint64_t first) -> std::vector<Ambiguity> {
    std::vector<Ambiguity> found;
    // The notices before the batch (the log may hold the batch already),
    // read at the first notice; the batch's own join them in order.
    std::optional<StatusOr<std::vector<Inspection>>> earlier;
    for (size_t k = 0; k < batch.size(); ++k) {
      const Notification& n = batch[k];
      if (!IsRecord(n.type)) continue;
      const uint64_t index = first + k;
      LoggedInspections one;
      if (Status s = Collect(n, index, &one); !s.ok()) {
        found.push_back(FromIssue(n, index, AmbiguityKind::kInspectionRule,
                                  {"malformed_inspection", s.message(), {}}));
        continue;
      }
      std::vector<Ambiguity> more;
      if (!one.findings.empty()) {
        more = CheckFindingsRecord(*ledger, n, one.findings[0]);
      } else {
        if (!earlier) {
          LoggedInspections logged;
          Status s = LoadRecords(*ledger, NotificationType::kInspectionNotice, first, &logged);
          earlier = s.ok() ? StatusOr<std::vector<Inspection>>(std::move(logged.notices))
                           : StatusOr<std::vector<Inspection>>(s);
        }
        more = CheckNoticeRecord(*ledger, *treaty, n, one.notices[0], *earlier);
        if (earlier->ok()) (*earlier)->push_back(one.notices[0]);
      }
      found.insert(found.end(), more.begin(), more.end());
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

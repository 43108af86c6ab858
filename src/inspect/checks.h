// What inspections reveal: quota use per treaty year, notices that break
// the treaty's inspection rules, and findings that differ from the
// declared state on the inspection date. Each problem is an Issue, which
// the ledger records as an ambiguity with its evidence.
//
// Pure functions over values; thread-safe.
#ifndef VERITY_INSPECT_CHECKS_H_
#define VERITY_INSPECT_CHECKS_H_

#include <string>
#include <vector>

#include "core/json.h"
#include "forces/model.h"
#include "inspect/inspection.h"
#include "treaty/treaty.h"

namespace verity::inspect {

struct Issue {
  std::string kind;  // quota_exceeded, site_not_eligible, rv_count_differs, ...
  std::string message;
  Json evidence = Json::object();
};

struct QuotaUse {
  std::string kind;  // the quota id ("type_one")
  std::string name;
  int allowed = 0;
  int used = 0;
  std::vector<uint64_t> ledger_indices;  // the notices that used it
};

// The inspections `inspecting_party` made of each kind in treaty year `year`.
std::vector<QuotaUse> QuotaUsage(const treaty::Treaty& treaty,
                                 const std::vector<Inspection>& notices,
                                 const std::string& inspecting_party, int year);

// Checks one notice: a known inspection kind, the quota for its treaty year
// (`earlier` = notices before it, any party), a declared site of an eligible
// facility type, and designations (no more than the treaty allows, each a
// declared item at the site). `inspected` is the inspected party's
// declared state on the inspection date.
std::vector<Issue> CheckNotice(const treaty::Treaty& treaty, const forces::Declaration& inspected,
                               const Inspection& notice, const std::vector<Inspection>& earlier);

// Compares findings with the declared state on the inspection date: each
// reentry-vehicle count against the declared warheads of that missile,
// each UID seen against where it is declared, each type count against the
// items of that type declared at the site. Every discrepancy names the item
// and both numbers.
std::vector<Issue> CompareFindings(const forces::Declaration& inspected, const Findings& findings);

}  // namespace verity::inspect

#endif  // VERITY_INSPECT_CHECKS_H_

// Inspections as recorded in the ledger (docs/inspections.md): an
// inspection notice (who inspects whom, which kind, which site, which items
// are designated) and the findings the inspectors report.
//
// Both travel as the bodies of ledger notifications of type
// "inspection_notice" and "inspection_findings", sent by the inspecting
// party; the envelope's "occurred" date is the inspection date.
#ifndef VERITY_INSPECT_INSPECTION_H_
#define VERITY_INSPECT_INSPECTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/json.h"
#include "core/status.h"
#include "ledger/body.h"

namespace verity::inspect {

// RVs counted on one missile; items of one type counted at a site.
using CountedItem = ledger::CountedUid;
using TypeCount = ledger::CountedType;

struct Inspection {
  std::string inspecting_party;
  std::string inspected_party;
  std::string kind;  // an inspection quota id of the treaty, e.g. "type_one"
  std::string site;  // a facility id of the inspected party
  Date date;
  uint64_t ledger_index = 0;            // the notice's (or findings') index in the log
  std::vector<std::string> designated;  // UIDs designated for inspection
};

struct Findings {
  Inspection inspection;
  std::vector<CountedItem> reentry_vehicles;  // RVs counted per designated missile
  std::vector<std::string> uids_seen;         // UIDs read at the site
  std::vector<TypeCount> items_counted;       // items counted per type at the site
};

// A notice or findings record from its typed body (ledger/body.h: the
// members' types are checked where the notification is parsed, so a record
// that gets here is well-formed and signed). What the inspection rules need
// beyond that is checked here: a site, an inspected party, not the
// inspecting party itself. Errors are InvalidArgument naming the body path
// ("body.site: missing (required)"); in the ledger such a record is stored
// with a malformed_inspection ambiguity. `party` and `date` come from the
// envelope, `index` is the record's log index.
StatusOr<Inspection> ReadNotice(const ledger::InspectionNoticeBody& body, const std::string& party,
                                Date date, uint64_t index);
StatusOr<Findings> ReadFindings(const ledger::InspectionFindingsBody& body,
                                const std::string& party, Date date, uint64_t index);

// The bodies, for drafting notifications.
Json NoticeBody(const Inspection& i);
Json FindingsBody(const Findings& f);

}  // namespace verity::inspect

#endif  // VERITY_INSPECT_INSPECTION_H_

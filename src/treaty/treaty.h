// A treaty definition loaded from a TOML file (docs/treaty-format.md):
// dates, counting categories (compiled rules over item facts), limits that
// sum categories, inspection quotas and notification deadlines.
//
// Nothing here is specific to New START: new-start.toml supplies the
// numbers and rules, and a follow-on treaty is another file.
//
// Thread safety: a loaded Treaty is immutable and may be shared by threads.
#ifndef VERITY_TREATY_TREATY_H_
#define VERITY_TREATY_TREATY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "treaty/facts.h"
#include "treaty/rule.h"

namespace verity::treaty {

struct TreatyDates {
  Date signed_on;
  Date entry_into_force;
  Date limits_binding;  // central limits apply from this date on
  Date expiry;          // the first day the treaty is no longer in force
};

// A counting category: the items whose facts satisfy `rule`.
struct Category {
  std::string id;
  std::string description;
  std::string source;
  Rule rule;
};

// What one item of a category contributes to a limit.
enum class Weight : uint8_t { kOne, kWarheads, kCapacity, kConstant };

struct Term {
  int category;  // index into Treaty::categories
  Weight weight = Weight::kOne;
  int32_t constant = 1;  // used when weight == kConstant
};

struct Limit {
  std::string id;  // "deployed", "warheads", "launchers"
  std::string name;
  int64_t max = 0;
  std::string source;
  std::vector<Term> terms;  // an item counts once per term whose category it is in
};

struct InspectionQuota {
  std::string id;  // "type_one"
  std::string name;
  int per_year = 0;
  std::vector<FacilityType> sites;  // facility types this inspection may visit
  int designations = 0;             // e.g. one deployed missile per Type One visit
  std::string source;
};

struct Deadline {
  std::string id;  // a notification type, or "default"
  int days = 0;    // notify no later than this many days after the change
  std::string source;
};

// ---- The treaty's own process (docs/bcc.md, docs/regime.md) -------------

// One session of the treaty's commission, as far as the record shows.
struct CommissionSession {
  Date start, end;  // first and last day
  std::string source;
};

// The commission where the parties raise and settle questions (New START:
// the Bilateral Consultative Commission, Art. XII and Protocol Part Six).
struct Commission {
  std::string name;           // empty: the treaty has no commission
  int sessions_per_year = 0;  // the treaty's minimum
  int answer_days = 0;        // a concern is due an answer within this many days; 0: no deadline
  std::vector<CommissionSession> sessions;  // in date order
  std::string source;

  // The session whose days include `d`, or null.
  const CommissionSession* SessionOn(Date d) const;
};

// When the periodic data exchanges fall: "as of" `first`, then every
// `every_months` (New START: 1 September 2011, then each 1 March and 1
// September). The initial exchange is as of entry into force. Their
// deadlines are the [[deadlines]] of "data_exchange" and
// "initial_data_exchange".
struct DataExchangeSchedule {
  std::optional<Date> first;  // none: the treaty has no periodic exchange
  int every_months = 0;
  std::string source;
};

// How a withdrawal ends the treaty: so many months after the notice.
struct RegimeRules {
  int withdrawal_notice_months = 0;
  std::string source;
};

enum class LimitStatus : uint8_t { kWithin, kOver, kNotBinding, kExpired };
std::string_view Name(LimitStatus s);

struct Treaty {
  std::string id;  // file stem, e.g. "new-start"
  std::string name;
  std::string source;
  TreatyDates dates;
  std::vector<Category> categories;
  std::vector<Limit> limits;
  std::vector<InspectionQuota> quotas;
  std::vector<Deadline> deadlines;
  // The treaty's own process (treaty_process.cc reads them).
  Commission commission;
  DataExchangeSchedule data_exchanges;
  RegimeRules regime;

  // Index of the category/limit/quota named `id`, or -1.
  int FindCategory(std::string_view id) const;
  // The categories an item with `facts` is in: bit i for categories[i]
  // (there are at most limits::kMaxCategories). Rules are evaluated in
  // order, each reading the results of the earlier ones it names.
  uint64_t CategoriesOf(const FactRow& facts) const;
  int FindLimit(std::string_view id) const;
  const InspectionQuota* FindQuota(std::string_view id) const;
  // Days allowed for notifying `notification_type` ("default" if not listed).
  int DeadlineDays(std::string_view notification_type) const;

  // The status of a count against a limit on `as_of`: kNotBinding before
  // limits_binding, kExpired on or after expiry, else kOver if count > max.
  LimitStatus StatusOn(Date as_of, const Limit& limit, int64_t count) const;

  // Treaty years run from the anniversary of entry into force. Year 1 is
  // [entry_into_force, +1y). Returns 0 before entry into force.
  int TreatyYear(Date d) const;
  Date TreatyYearStart(int year) const;

  // The "as of" dates of the data exchanges owed on or before `until` and
  // before expiry: entry into force, then the periodic ones.
  std::vector<Date> DataExchangeDates(Date until) const;
  // Whether the treaty is in force on `d` by its own dates (entry into
  // force <= d < expiry); a withdrawal is the ledger's (ledger/regime.h).
  bool InForceOn(Date d) const;
};

// Parses a treaty definition. Errors are InvalidArgument prefixed with
// "<source>: <key path>", e.g. "new-start.toml: limits[1].max: expected an integer".
StatusOr<Treaty> ParseTreaty(std::string_view toml_text, std::string_view source,
                             std::string_view id);

// Loads a treaty by name ("new-start", a file stem of a shipped treaty) or by
// path to a .toml file. NotFound lists the shipped names.
StatusOr<Treaty> LoadTreaty(const std::string& name_or_path);

// The ids of the treaties shipped with Verity.
std::vector<std::string> ShippedTreaties();

}  // namespace verity::treaty

#endif  // VERITY_TREATY_TREATY_H_

// The sample's process notifications and the regime they make (see
// sample_process.h). The sources are cited in each body; docs/bcc.md and
// docs/regime.md list them with what each supports.
#include "ledger/sample_process.h"

#include <algorithm>
#include <tuple>

#include "ledger/regime.h"

namespace verity::ledger::internal {
namespace {

using T = NotificationType;

constexpr char kMfa2022[] =
    "Russian MFA, 'New START Treaty Aggregate Numbers of Strategic Offensive Arms as of March 1, "
    "2022', https://mid.ru/en/foreign_policy/international_safety/1808707";

struct Draft {
  std::string party;
  T type;
  Date occurred;
  Json body;
};

std::vector<Draft> Drafts() {
  const Date raised = Date::FromYmd(2022, 3, 31);
  return {
      {"RU",
       T::kConcernRaised,
       raised,
       {{"concern", kSampleConcernId},
        {"addressed_to", "US"},
        {"question",
         "The 800 declared by the United States is reached by removing 56 Trident II SLBM "
         "launchers and 41 B-52H heavy bombers from accountability by conversions that Russia "
         "cannot confirm rendered them incapable of employing nuclear armaments, and by "
         "declaring four silo training launchers as 'training silos', a term the Treaty does not "
         "use. By this reading the limit of Art. II para 1(c) is exceeded by 101 units. Source: " +
             std::string(kMfa2022)},
        {"provision", "Protocol Part Three, Section I, para 3; Treaty Art. II para 1(c)"}}},
      {"US",
       T::kConcernAnswered,
       Date::FromYmd(2022, 4, 29),
       {{"concern", kSampleConcernId},
        {"answer",
         "The United States converted the Trident II launchers and B-52H bombers by conversion "
         "procedures that comply fully with its treaty obligations, and will work with Russia on "
         "technical questions of implementation. Source: the State Department's position as "
         "reported by AP, October 2018 (defensenetworkalliance.com/adslivefeeds/news/167); the "
         "commission did not meet after October 2021 (the Cairo session of 29 Nov 2022 was "
         "postponed by Russia), so the concern was never settled"},
        {"provision", "Protocol Part Three, Section I"}}},
      {"RU",
       T::kTreatyEvent,
       Date::FromYmd(2023, 2, 21),
       {{"event", "suspension"},
        {"statement",
         "President Putin's address to the Federal Assembly, 21 Feb 2023, announcing the "
         "suspension of Russia's participation; the federal law of 28 Feb 2023 on the suspension "
         "(Cambridge AJIL 'The United States Accuses Russia of Not Complying with New START "
         "Treaty and Russia Suspends Its Participation', July 2023; meduza.io, 2 Jun 2023)"}}},
      {"US",
       T::kTreatyEvent,
       Date::FromYmd(2023, 3, 28),
       {{"event", "countermeasure"},
        {"duties", {"data_exchange"}},
        {"statement",
         "The US withholds its biannual data update as of 1 March 2023 after Russia said it "
         "would not provide its own: Assistant Secretary of Defense J. Plumb to a House "
         "committee and the NSC spokesperson, 28 Mar 2023 (urdupoint.com, straitstimes.com, "
         "politico.com 2023-03-28); State Dept deputy spokesperson V. Patel, 28 Mar 2023: all "
         "other notifications continue"}}},
      {"US",
       T::kTreatyEvent,
       Date::FromYmd(2023, 6, 1),
       {{"event", "countermeasure"},
        {"duties", {"notifications", "inspections", "telemetry"}},
        {"statement",
         "State Dept fact sheet 'U.S. Countermeasures in Response to Russia's Violations of the "
         "New START Treaty', 1 Jun 2023 (ru.usembassy.gov; sputnikglobe.com 2023-06-01): "
         "notifications withheld, including the status or location of missiles and launchers "
         "(launch notifications under the 1988 agreement continue); inspection activities on US "
         "territory not facilitated (visas revoked); no telemetric information on ICBM and SLBM "
         "launches"}}},
  };
}

Notification FromDraft(const Draft& d) {
  Notification n;
  n.party = d.party;
  n.type = d.type;
  n.occurred = d.occurred;
  n.sent = Timestamp::FromSeconds(Timestamp::StartOf(d.occurred).seconds() + 10 * 3600);
  n.body = d.body;
  return n;
}

// Whether the regime of `events` excuses `n`'s party from sending it.
bool Withheld(const treaty::Treaty& t, std::span<const RegimeEvent> events, const Notification& n) {
  if (n.type == T::kTreatyEvent) return false;
  Duty duty = Duty::kNotifications;
  Date day = n.sent.date();
  if (n.type == T::kDataExchange) {
    duty = Duty::kDataExchange;
    const bool initial = n.occurred == t.dates.entry_into_force;
    day = n.occurred.AddDays(t.DeadlineDays(initial ? "initial_data_exchange" : "data_exchange"));
  }
  const Excuse e = RegimeOn(t, events, day).ExcuseFor(n.party, duty);
  return e == Excuse::kSuspended || e == Excuse::kWithheld;
}

// Points the concern at the US data exchange of 1 March 2022, if present.
void PointConcern(std::vector<Notification>* log) {
  const Date disputed = Date::FromYmd(2022, 3, 1);
  Json entries = Json::array();
  for (size_t i = 0; i < log->size(); ++i) {
    const Notification& n = (*log)[i];
    if (n.party == "US" && n.type == T::kDataExchange && n.occurred == disputed) {
      entries.push_back(i);
    }
  }
  for (size_t i = 0; i < log->size(); ++i) {
    Notification& n = (*log)[i];
    if (n.type != T::kConcernRaised) continue;
    Json e = Json::array();
    for (const Json& j : entries) {
      if (j.get<size_t>() < i) e.push_back(j);
    }
    if (!e.empty()) n.body["entries"] = e;
  }
}

}  // namespace

Status AddProcessHistory(const treaty::Treaty& t, Date from, Date to,
                         std::vector<Notification>* log) {
  std::vector<Notification> process;
  std::vector<RegimeEvent> events;
  for (const Draft& d : Drafts()) {
    if (d.occurred < from || d.occurred > to) continue;
    process.push_back(FromDraft(d));
    if (d.type == T::kTreatyEvent) {
      VERITY_RETURN_IF_ERROR(ReadBody(&process.back(), "sample process"));
      events.push_back(*RegimeEventOf(process.back(), events.size()));
    }
  }
  std::erase_if(*log, [&](const Notification& n) { return Withheld(t, events, n); });
  log->insert(log->end(), std::make_move_iterator(process.begin()),
              std::make_move_iterator(process.end()));
  std::stable_sort(log->begin(), log->end(), [](const Notification& a, const Notification& b) {
    return std::tie(a.sent, a.party) < std::tie(b.sent, b.party);
  });
  PointConcern(log);
  for (Notification& n : *log) {
    if (n.type == T::kConcernRaised || n.type == T::kConcernAnswered) {
      VERITY_RETURN_IF_ERROR(ReadBody(&n, "sample concern"));
    }
  }
  return Status::Ok();
}

}  // namespace verity::ledger::internal

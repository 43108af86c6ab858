#include "exercise/run.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/hash.h"
#include "exercise/force.h"
#include "exercise/inspector.h"
#include "forces/declaration_io.h"
#include "inspect/inspection.h"
#include "inspect/treaty_ledger.h"
#include "ledger/keys.h"
#include "ledger/replay.h"
#include "ledger/store.h"

namespace verity::exercise {
namespace {

using forces::Declaration;
using ledger::Ambiguity;
using ledger::Notification;
using ledger::NotificationType;

// Exercise-only keys, derived from the seed: anyone can re-derive them.
ledger::SecretKey ExerciseKey(const std::string& party, uint64_t seed) {
  const Hash256 s = Sha256("verity exercise key " + party + " " + std::to_string(seed));
  return ledger::KeyFromSeed(party, s).value();
}

// Something that happens on a day of the play, in this order within a day.
struct Event {
  enum Kind { kExchange, kDeviation, kVisit } kind;
  Date date;
  size_t index = 0;  // into the deviations or the year's visits
};

class Play {
 public:
  Play(const Script& s, const forces::Counter& counter, ledger::Ledger* ledger, Report* report)
      : s_(s),
        counter_(counter),
        ledger_(ledger),
        report_(report),
        draws_(s.seed),
        declared_(s.declaration),
        truth_(s.declaration) {
    keys_.emplace(s.host, ExerciseKey(s.host, s.seed));
    keys_.emplace(s.inspector, ExerciseKey(s.inspector, s.seed));
    for (const Deviation& d : s.deviations) {
      Outcome o{d, DeviationItems(d, s.declaration, counter), true, 0, -1};
      o.detectable = d.kind != DeviationKind::kConversionNotDone;
      for (const std::string& uid : o.items) deviating_.insert(uid);
      report_->outcomes.push_back(std::move(o));
    }
  }

  Status Run() {
    const treaty::Treaty& t = counter_.treaty();
    const int first = t.TreatyYear(s_.start);
    for (int y = first; y < first + s_.years; ++y) {
      VERITY_RETURN_IF_ERROR(Year(y, t.TreatyYearStart(y), t.TreatyYearStart(y + 1)));
    }
    return Status::Ok();
  }

 private:
  Status Year(int year, Date from, Date to) {
    VERITY_RETURN_IF_ERROR(Exchange(from));
    VERITY_ASSIGN_OR_RETURN(YearPlan plan, PlanYear(s_, counter_, declared_, from, to, &draws_));
    YearRun yr{year, from, to.AddDays(-1), 0, 0, plan.planned_detection};
    std::vector<Event> events = {{Event::kExchange, from.AddMonths(6), 0}};
    for (size_t i = 0; i < s_.deviations.size(); ++i) {
      const Date d = s_.deviations[i].from;
      if (d >= from && d < to) events.push_back({Event::kDeviation, d, i});
    }
    for (size_t i = 0; i < plan.visits.size(); ++i) {
      events.push_back({Event::kVisit, plan.visits[i].date, i});
    }
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.date != b.date ? a.date < b.date : a.kind < b.kind;
    });
    for (const Event& e : events) {
      if (e.kind == Event::kExchange) VERITY_RETURN_IF_ERROR(Exchange(e.date));
      if (e.kind == Event::kDeviation) VERITY_RETURN_IF_ERROR(Deviate(s_.deviations[e.index]));
      if (e.kind == Event::kVisit) {
        VERITY_RETURN_IF_ERROR(Inspect(plan.visits[e.index]));
        ++(plan.visits[e.index].kind == "type_one" ? yr.type_one : yr.type_two);
      }
    }
    report_->years.push_back(yr);
    return Status::Ok();
  }

  // Signs and appends one batch sent on `on`; returns what the ledger found.
  StatusOr<ledger::AppendResult> Send(std::vector<Notification> batch, Date on) {
    const int64_t noon = Timestamp::StartOf(on).seconds() + 12 * 3600;
    for (Notification& n : batch) {
      n.serial = ++serial_[n.party];
      n.sent = Timestamp::FromSeconds(noon + n.serial % 3600);
      ledger::SignInPlace(&n, keys_.at(n.party));
    }
    VERITY_ASSIGN_OR_RETURN(
        ledger::AppendResult r,
        ledger_->AppendParsed(std::move(batch), Timestamp::StartOf(on.AddDays(1))));
    VERITY_RETURN_IF_ERROR(ledger::UpdateCheckpointsAfter(*ledger_, r));
    return r;
  }

  Status SendHost(std::vector<Notification> batch, Date on) {
    if (batch.empty()) return Status::Ok();
    VERITY_ASSIGN_OR_RETURN(ledger::AppendResult r, Send(std::move(batch), on));
    for (Ambiguity& a : r.ambiguities) report_->others.push_back(std::move(a));
    return Status::Ok();
  }

  Status Exchange(Date on) {
    declared_.as_of = on;
    Notification n;
    n.party = s_.host;
    n.type = NotificationType::kDataExchange;
    n.occurred = on;
    n.body = {{"declaration", forces::DeclarationToJson(declared_)}};
    VERITY_RETURN_IF_ERROR(ledger::ReadBody(&n, "exercise data exchange"));
    return SendHost({std::move(n)}, on);
  }

  Status Deviate(const Deviation& dev) {
    const Outcome& o = *std::find_if(report_->outcomes.begin(), report_->outcomes.end(),
                                     [&](const Outcome& x) { return x.deviation.id == dev.id; });
    VERITY_ASSIGN_OR_RETURN(auto truth, TruthChanges(dev, o.items, truth_));
    VERITY_RETURN_IF_ERROR(ApplyAll(truth, &truth_));
    VERITY_ASSIGN_OR_RETURN(auto declared, DeclaredChanges(dev, s_.host));
    VERITY_RETURN_IF_ERROR(ApplyAll(declared, &declared_));
    return SendHost(std::move(declared), dev.from);
  }

  Status Inspect(const Visit& v) {
    InspectionRun run{v.date, v.kind, v.site, Designate(counter_, declared_, v, &draws_), 0, 0, {}};
    inspect::Findings f = Observe(v, run.designated, declared_, truth_, deviating_,
                                  s_.policy.detection_probability, &draws_);
    f.inspection.inspecting_party = s_.inspector;
    f.inspection.inspected_party = s_.host;
    std::vector<Notification> batch(2);
    batch[0].body = inspect::NoticeBody(f.inspection);
    batch[0].type = NotificationType::kInspectionNotice;
    batch[1].body = inspect::FindingsBody(f);
    batch[1].type = NotificationType::kInspectionFindings;
    for (Notification& n : batch) {
      n.party = s_.inspector;
      n.occurred = v.date;
      VERITY_RETURN_IF_ERROR(ledger::ReadBody(&n, "exercise inspection"));
    }
    VERITY_ASSIGN_OR_RETURN(ledger::AppendResult r, Send(std::move(batch), v.date));
    run.notice_index = r.first_index;
    run.findings_index = r.first_index + 1;
    for (Ambiguity& a : r.ambiguities) {
      const int64_t o = Reveals(a);
      if (o >= 0) {
        Outcome& out = report_->outcomes[static_cast<size_t>(o)];
        ++out.detections;
        if (out.first_finding < 0)
          out.first_finding = static_cast<int64_t>(report_->inspections.size());
      }
      run.findings.push_back(
          {std::move(a), o >= 0 ? report_->outcomes[static_cast<size_t>(o)].deviation.id : ""});
    }
    report_->inspections.push_back(std::move(run));
    return Status::Ok();
  }

  // True if `uid` is of type `type` at `site` in the declared or the true state.
  bool Matches(const std::string& uid, const std::string& type, const std::string& site) const {
    for (const Declaration* d : {&declared_, &truth_}) {
      const int32_t i = d->FindItem(uid);
      if (i == forces::kNoIndex) continue;
      const forces::Item& it = d->items[static_cast<size_t>(i)];
      if (d->types[static_cast<size_t>(it.type)].id == type && FacilityIdOf(*d, it) == site) {
        return true;
      }
    }
    return false;
  }

  // The outcome an ambiguity reveals: the one whose item it names, or, for
  // a count by type, the one with an item of that type at that site.
  int64_t Reveals(const Ambiguity& a) const {
    const std::string uid = a.evidence.value("uid", std::string());
    const std::string type = a.evidence.value("type", std::string());
    const std::string site = a.evidence.value("site", std::string());
    for (size_t o = 0; o < report_->outcomes.size(); ++o) {
      for (const std::string& item : report_->outcomes[o].items) {
        if (!uid.empty() ? item == uid : (!type.empty() && Matches(item, type, site))) {
          return static_cast<int64_t>(o);
        }
      }
    }
    return -1;
  }

  const Script& s_;
  const forces::Counter& counter_;
  ledger::Ledger* ledger_;
  Report* report_;
  Draws draws_;
  Declaration declared_, truth_;
  std::set<std::string> deviating_;
  std::map<std::string, ledger::SecretKey> keys_;
  std::map<std::string, int64_t> serial_;
};

}  // namespace

StatusOr<Report> RunExercise(const Script& script, const treaty::Treaty& treaty,
                             const std::string& dir) {
  const forces::Counter counter(treaty);
  const std::vector<ledger::PublicKey> keys = {ExerciseKey(script.host, script.seed).pub,
                                               ExerciseKey(script.inspector, script.seed).pub};
  VERITY_RETURN_IF_ERROR(ledger::Ledger::Init(dir, keys));
  VERITY_ASSIGN_OR_RETURN(auto ledger, inspect::OpenForTreaty(dir, counter));
  Report report;
  report.script = script;
  report.treaty = treaty.name;
  report.dir = dir;
  Play play(script, counter, ledger.get(), &report);
  VERITY_RETURN_IF_ERROR(play.Run());
  VERITY_ASSIGN_OR_RETURN(ledger::TreeHead head, ledger->LatestTreeHead());
  report.notifications = head.size;
  report.root = ToHex(head.root);
  return report;
}

}  // namespace verity::exercise

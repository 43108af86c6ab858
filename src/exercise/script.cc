// Checking a script against its treaty (script.h).
#include "exercise/script.h"

#include <map>

#include "core/text.h"
#include "exercise/force.h"

namespace verity::exercise {
namespace {

using forces::Declaration;
using forces::Item;
using treaty::ItemKind;

std::string Path(size_t i, std::string_view key) {
  return "deviations[" + std::to_string(i) + "]." + std::string(key);
}

Status CheckDates(const Script& s, const treaty::Treaty& t) {
  const int year = t.TreatyYear(s.start);
  if (year < 1 || t.TreatyYearStart(year) != s.start) {
    return InvalidArgument("exercise.start: " + s.start.ToString() +
                           " is not the first day of a treaty year of " + t.name +
                           " (treaty years run from " + t.dates.entry_into_force.ToString() +
                           " and its anniversaries)");
  }
  const Date end = t.TreatyYearStart(year + s.years);
  if (end > t.dates.expiry) {
    return InvalidArgument("exercise.years: " + std::to_string(s.years) + " years run to " +
                           end.AddDays(-1).ToString() + ", past the day " + t.name + " expires (" +
                           t.dates.expiry.ToString() + ")");
  }
  return Status::Ok();
}

Status DefaultQuota(const treaty::Treaty& t, const char* id, int64_t* per_year) {
  const treaty::InspectionQuota* q = t.FindQuota(id);
  const int64_t allowed = q == nullptr ? 0 : q->per_year;
  if (*per_year < 0) *per_year = allowed;
  if (*per_year > allowed) {
    return InvalidArgument("policy." + std::string(id) + ": " + std::to_string(*per_year) +
                           " inspections a year, more than the quota of " +
                           std::to_string(allowed) + " in " + t.name);
  }
  return Status::Ok();
}

Status CheckPlanner(const Script& s, const forces::Counter& counter) {
  const treaty::InspectionQuota* q = counter.treaty().FindQuota("type_one");
  std::string largest;
  size_t most = 0;
  for (const std::string& site : EligibleSites(s.declaration, counter, *q)) {
    const size_t n = Designatable(s.declaration, counter, site).size();
    if (n > most) most = n, largest = site;
  }
  if (static_cast<int64_t>(most) >= s.policy.assumed_hidden) return Status::Ok();
  return InvalidArgument("policy.assumed_hidden: " + std::to_string(s.policy.assumed_hidden) +
                         ", but no Type One site holds that many items to designate" +
                         (largest.empty()
                              ? std::string(" (none holds any)")
                              : " (the most: " + std::to_string(most) + " at " + largest + ")"));
}

Status CheckPolicy(Script* s, const forces::Counter& counter) {
  const treaty::Treaty& t = counter.treaty();
  VERITY_RETURN_IF_ERROR(DefaultQuota(t, "type_one", &s->policy.type_one));
  VERITY_RETURN_IF_ERROR(DefaultQuota(t, "type_two", &s->policy.type_two));
  if (s->policy.choice != Choice::kPlanner || s->policy.type_one == 0) return Status::Ok();
  return CheckPlanner(*s, counter);
}

StatusOr<const Item*> DeclaredItem(const Declaration& d, size_t i, const std::string& uid) {
  const int32_t at = d.FindItem(uid);
  if (at == forces::kNoIndex) {
    return InvalidArgument(Path(i, "uid") + ": " + Quote(uid) + " is not in the declaration");
  }
  return &d.items[static_cast<size_t>(at)];
}

Status CheckFacility(const Declaration& d, size_t i, std::string_view key, const std::string& id) {
  if (d.FindFacility(id) != forces::kNoIndex) return Status::Ok();
  return InvalidArgument(Path(i, key) + ": " + Quote(id) + " is not a declared facility");
}

Status CheckHidden(const Declaration& d, size_t i, const Deviation& dev) {
  if (d.FindItem(dev.uid) != forces::kNoIndex) {
    return InvalidArgument(Path(i, "uid") + ": " + Quote(dev.uid) +
                           " is declared; a hidden item needs a UID the declaration does not have");
  }
  const int32_t type = d.FindType(dev.type);
  if (type == forces::kNoIndex) {
    return InvalidArgument(Path(i, "type") + ": " + Quote(dev.type) + " is not a declared type");
  }
  const forces::TypeDef& td = d.types[static_cast<size_t>(type)];
  if (td.kind == ItemKind::kSlbmLauncher || td.kind == ItemKind::kSubmarine) {
    return InvalidArgument(Path(i, "type") + ": a hidden item is a missile, a bomber or an ICBM " +
                           "launcher, not a " + std::string(treaty::Name(td.kind)));
  }
  VERITY_RETURN_IF_ERROR(CheckFacility(d, i, "facility", dev.facility));
  const int32_t max = td.kind == ItemKind::kMissile ? td.max_warheads : 0;
  if (dev.warheads > max) {
    return InvalidArgument(Path(i, "warheads") + ": " + std::to_string(dev.warheads) +
                           ", more than a " + dev.type + " can carry (" + std::to_string(max) +
                           ")");
  }
  return Status::Ok();
}

Status CheckUpload(const Declaration& d, const forces::Counter& counter, size_t i,
                   const Deviation& dev) {
  VERITY_RETURN_IF_ERROR(CheckFacility(d, i, "site", dev.site));
  const std::vector<std::string> missiles = UploadedMissiles(dev, d, counter);
  if (static_cast<int64_t>(missiles.size()) < dev.count) {
    return InvalidArgument(Path(i, "count") + ": " + std::to_string(dev.count) + " missiles, but " +
                           dev.site + " holds " + std::to_string(missiles.size()) +
                           " deployed missiles");
  }
  for (const std::string& uid : missiles) {
    const Item& it = d.items[static_cast<size_t>(d.FindItem(uid))];
    const forces::TypeDef& td = d.types[static_cast<size_t>(it.type)];
    if (it.warheads + dev.extra_warheads > td.max_warheads) {
      return InvalidArgument(Path(i, "extra_warheads") + ": " + uid + " would carry " +
                             std::to_string(it.warheads + dev.extra_warheads) + " warheads, more " +
                             "than a " + td.id + " can (" + std::to_string(td.max_warheads) + ")");
    }
  }
  return Status::Ok();
}

Status CheckMovement(const Declaration& d, size_t i, const Deviation& dev) {
  VERITY_ASSIGN_OR_RETURN(const Item* it, DeclaredItem(d, i, dev.uid));
  if (it->container != forces::kNoIndex || it->kind == ItemKind::kSlbmLauncher ||
      it->kind == ItemKind::kSubmarine || it->eliminated) {
    return InvalidArgument(Path(i, "uid") + ": " + dev.uid +
                           " cannot move on its own (a missile in a launcher, an SLBM launcher, "
                           "a submarine or an eliminated item)");
  }
  VERITY_RETURN_IF_ERROR(CheckFacility(d, i, "to", dev.to));
  if (FacilityIdOf(d, *it) == dev.to) {
    return InvalidArgument(Path(i, "to") + ": " + dev.uid + " is declared at " + dev.to +
                           " already");
  }
  return Status::Ok();
}

Status CheckConversion(const Declaration& d, size_t i, const Deviation& dev) {
  VERITY_ASSIGN_OR_RETURN(const Item* it, DeclaredItem(d, i, dev.uid));
  const bool convertible = it->kind == ItemKind::kHeavyBomber || treaty::IsLauncher(it->kind);
  if (!convertible || it->eliminated || it->conversion != treaty::Conversion::kNone ||
      it->armament != treaty::Armament::kNuclear) {
    return InvalidArgument(Path(i, "uid") + ": " + dev.uid +
                           " is not a nuclear heavy bomber or launcher that could be converted");
  }
  return Status::Ok();
}

Status CheckDeviation(const Script& s, const forces::Counter& counter, size_t i, Date end) {
  const Deviation& dev = s.deviations[i];
  if (dev.from < s.start || dev.from >= end) {
    return InvalidArgument(Path(i, "from") + ": " + dev.from.ToString() +
                           " is outside the exercise (" + s.start.ToString() + " to " +
                           end.AddDays(-1).ToString() + ")");
  }
  switch (dev.kind) {
    case DeviationKind::kHiddenItem:
      return CheckHidden(s.declaration, i, dev);
    case DeviationKind::kUpload:
      return CheckUpload(s.declaration, counter, i, dev);
    case DeviationKind::kUnreportedMovement:
      return CheckMovement(s.declaration, i, dev);
    case DeviationKind::kConversionNotDone:
      return CheckConversion(s.declaration, i, dev);
  }
  return Status::Ok();
}

// One deviation per item: a detection then names one deviation.
Status CheckOneDeviationPerItem(const Script& s, const forces::Counter& counter) {
  std::map<std::string, std::string> owner;
  for (size_t i = 0; i < s.deviations.size(); ++i) {
    for (const std::string& uid : DeviationItems(s.deviations[i], s.declaration, counter)) {
      auto [it, fresh] = owner.emplace(uid, s.deviations[i].id);
      if (!fresh) {
        return InvalidArgument(Path(i, "id") + ": " + s.deviations[i].id + " and " + it->second +
                               " both change " + uid + " (one deviation per item)");
      }
    }
  }
  return Status::Ok();
}

Status CheckAll(Script* s, const treaty::Treaty& t) {
  VERITY_RETURN_IF_ERROR(CheckDates(*s, t));
  const forces::Counter counter(t);
  VERITY_RETURN_IF_ERROR(CheckPolicy(s, counter));
  const Date end = t.TreatyYearStart(t.TreatyYear(s->start) + s->years);
  for (size_t i = 0; i < s->deviations.size(); ++i) {
    VERITY_RETURN_IF_ERROR(CheckDeviation(*s, counter, i, end));
  }
  return CheckOneDeviationPerItem(*s, counter);
}

}  // namespace

std::string_view Name(Choice c) { return c == Choice::kPlanner ? "planner" : "random"; }

std::string_view Name(DeviationKind k) {
  switch (k) {
    case DeviationKind::kHiddenItem:
      return "hidden_item";
    case DeviationKind::kUpload:
      return "upload";
    case DeviationKind::kUnreportedMovement:
      return "unreported_movement";
    case DeviationKind::kConversionNotDone:
      return "conversion_not_done";
  }
  return "?";
}

Status CheckScript(Script* script, const treaty::Treaty& treaty) {
  Status s = CheckAll(script, treaty);
  return s.ok() ? s : s.WithContext(script->source);
}

StatusOr<treaty::Treaty> LoadScriptTreaty(const Script& script) {
  auto t = treaty::LoadTreaty(script.treaty_path.empty() ? script.treaty : script.treaty_path);
  if (!t.ok()) return t.status().WithContext(script.source + ": exercise.treaty");
  return t;
}

}  // namespace verity::exercise

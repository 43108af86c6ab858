#include "upload/upload.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "forces/ranges.h"

namespace verity::upload {
namespace {

using forces::Declaration;
using forces::Item;
using forces::kNoIndex;
using treaty::ItemKind;

// A plan that has not reached its maximum after this many months stops
// there and says so (reached = false).
constexpr int kMaxTimelineMonths = 1200;

// One type's assumptions with every range resolved for a scenario.
struct Values {
  int64_t max_loading, available, rate, reload_months, current_loading, reconvert_months;
  bool reconvertible;
};

int64_t Pick(const RangedInt& v, Scenario s, bool more_is_more) {
  if (s == Scenario::kCentral) return v.value;
  const bool low = s == Scenario::kLow;
  return low == more_is_more ? v.low : v.high;
}

Values Resolve(const TypeAssumptions& t, Scenario s) {
  return {Pick(t.max_loading, s, true),
          Pick(t.warheads_available, s, true),
          Pick(t.upload_rate, s, true),
          Pick(t.reload_months, s, false),
          Pick(t.current_loading, s, false),
          Pick(t.reconvert_months, s, false),
          t.reconvertible.value};
}

// Warheads that a base can upload once `ready` months have passed, and
// the delivery vehicles that become available then.
struct WorkKey {
  int32_t base;
  int64_t ready;
  auto operator<=>(const WorkKey&) const = default;
};
struct Work {
  int64_t warheads = 0;
  int64_t vehicles = 0;
};
using WorkMap = std::map<WorkKey, Work>;

int32_t BaseOf(const Declaration& d, const Item& it) {
  return it.facility == kNoIndex ? static_cast<int32_t>(d.facilities.size()) : it.facility;
}

bool UsableLauncher(const Item& l) {
  return treaty::IsLauncher(l.kind) && !l.eliminated && l.conversion == forces::Conversion::kNone &&
         l.role == forces::Role::kOperational;
}

// Which missile type an emptied launcher would take: the type most often
// held by loaded launchers of the same launcher type on the same kind of
// submarine (for SLBM launchers), else of the same launcher type.
class MissileChooser {
 public:
  explicit MissileChooser(const Declaration& d) : d_(d) {
    for (const Item& m : d.items) {
      if (m.kind != ItemKind::kMissile || m.container == kNoIndex) continue;
      const Item& l = d.items[static_cast<size_t>(m.container)];
      ++seen_[{l.type, HostType(l)}][m.type];
      ++seen_[{l.type, kNoIndex}][m.type];
    }
  }

  int32_t For(const Item& launcher) const {
    const int32_t t = Best({launcher.type, HostType(launcher)});
    return t != kNoIndex ? t : Best({launcher.type, kNoIndex});
  }

 private:
  using Key = std::pair<int32_t, int32_t>;  // launcher type, submarine type
  int32_t HostType(const Item& l) const {
    return l.submarine == kNoIndex ? kNoIndex : d_.items[static_cast<size_t>(l.submarine)].type;
  }
  int32_t Best(const Key& k) const {
    auto it = seen_.find(k);
    if (it == seen_.end()) return kNoIndex;
    int32_t best = kNoIndex;
    int64_t most = 0;
    for (const auto& [missile, n] : it->second) {
      if (n > most) most = n, best = missile;
    }
    return best;
  }
  const Declaration& d_;
  std::map<Key, std::map<int32_t, int64_t>> seen_;
};

class Collector {
 public:
  Collector(const Declaration& d, const std::vector<int32_t>* copies) : d_(d), copies_(copies) {}

  int64_t Copies(size_t i) const { return copies_ ? (*copies_)[i] : 1; }

  void Missiles(int32_t type, const Values& v, TypeUpload* u, WorkMap* work) const {
    std::vector<uint8_t> loaded(d_.items.size(), 0);
    for (size_t i = 0; i < d_.items.size(); ++i) {
      const Item& m = d_.items[i];
      if (m.kind != ItemKind::kMissile || m.eliminated) continue;
      if (m.container != kNoIndex) loaded[static_cast<size_t>(m.container)] = Copies(i) > 0;
      if (m.type != type) continue;
      if (m.container == kNoIndex) {
        u->spare_missiles += Copies(i);
        continue;
      }
      if (!UsableLauncher(d_.items[static_cast<size_t>(m.container)])) continue;
      u->current_vehicles += Copies(i);
      u->current_warheads += Copies(i) * m.warheads;
      if (m.warheads >= v.max_loading) continue;
      const int64_t add = Copies(i) * (v.max_loading - m.warheads);
      u->vehicles_filled += Copies(i);
      u->fill_warheads += add;
      (*work)[{BaseOf(d_, m), 0}].warheads += add;
    }
    Reload(type, v, loaded, u, work);
  }

  void Bombers(int32_t type, const Values& v, TypeUpload* u, WorkMap* work) const {
    for (size_t i = 0; i < d_.items.size(); ++i) {
      const Item& b = d_.items[i];
      if (b.type != type || b.eliminated) continue;
      const bool converted =
          b.armament == forces::Armament::kNonNuclear || b.conversion != forces::Conversion::kNone;
      const int64_t c = Copies(i);
      if (converted && v.reconvertible) {
        u->bombers_reconverted += c;
        u->reconvert_warheads += c * v.max_loading;
        Work& w = (*work)[{BaseOf(d_, b), v.reconvert_months}];
        w.warheads += c * v.max_loading;
        w.vehicles += c;
      } else if (!converted && b.role == forces::Role::kOperational) {
        u->current_vehicles += c;
        u->current_warheads += c * v.current_loading;
        const int64_t add = c * std::max<int64_t>(0, v.max_loading - v.current_loading);
        u->fill_warheads += add;
        u->vehicles_filled += add > 0 ? c : 0;
        (*work)[{BaseOf(d_, b), 0}].warheads += add;
      }
    }
  }

 private:
  // Emptied usable launchers of the types that hold `type`, each given a
  // spare missile while spares last, in declaration order.
  void Reload(int32_t type, const Values& v, const std::vector<uint8_t>& loaded, TypeUpload* u,
              WorkMap* work) const {
    const MissileChooser chooser(d_);
    int64_t spares = u->spare_missiles;
    for (size_t i = 0; i < d_.items.size() && spares > 0; ++i) {
      const Item& l = d_.items[i];
      if (!UsableLauncher(l) || loaded[i] || Copies(i) == 0 || chooser.For(l) != type) continue;
      const int64_t n = std::min(Copies(i), spares);
      spares -= n;
      u->launchers_reloaded += n;
      u->reload_warheads += n * v.max_loading;
      Work& w = (*work)[{BaseOf(d_, l), v.reload_months}];
      w.warheads += n * v.max_loading;
      w.vehicles += n;
    }
  }

  const Declaration& d_;
  const std::vector<int32_t>* copies_;
};

// Cumulative warheads and vehicles added by the end of each month.
struct Series {
  std::vector<int64_t> warheads{0}, vehicles{0};
  bool reached = true;
};

// Month m uploads, at each base, up to `rate` warheads of work that was
// ready before m; vehicles count from the month they are ready.
Series Simulate(WorkMap work, int64_t rate, int64_t available) {
  Series s;
  int64_t left = available, pending = 0, vehicles = 0, warheads = 0;
  for (const auto& [k, w] : work) pending += w.warheads;
  for (const auto& [k, w] : work) vehicles += k.ready == 0 ? w.vehicles : 0;
  s.vehicles[0] = vehicles;
  int64_t last_ready = 0;
  for (const auto& [k, w] : work) last_ready = std::max(last_ready, k.ready);
  for (int m = 1; (pending > 0 && left > 0) || m <= last_ready; ++m) {
    if (m > kMaxTimelineMonths) {
      s.reached = false;
      break;
    }
    std::map<int32_t, int64_t> budget;
    for (auto& [k, w] : work) {
      if (k.ready == m) vehicles += w.vehicles;
      if (k.ready >= m || w.warheads == 0) continue;
      auto [it, fresh] = budget.emplace(k.base, rate);
      const int64_t n = std::min({it->second, w.warheads, left});
      it->second -= n, w.warheads -= n, left -= n, pending -= n, warheads += n;
    }
    s.warheads.push_back(warheads);
    s.vehicles.push_back(vehicles);
  }
  return s;
}

// The last month in which a series still grows (0 if it never does).
int LastGrowth(const Series& s) {
  int last = 0;
  for (size_t m = 1; m < s.warheads.size(); ++m) {
    if (s.warheads[m] != s.warheads[m - 1] || s.vehicles[m] != s.vehicles[m - 1])
      last = static_cast<int>(m);
  }
  return last;
}

int64_t At(const std::vector<int64_t>& v, int m) {
  return v[std::min(static_cast<size_t>(m), v.size() - 1)];
}

void BuildTimeline(const std::vector<Series>& series, Plan* p) {
  for (int m = 0; m <= p->months_to_max; ++m) {
    TimelineRow row;
    row.month = m;
    for (const Series& s : series) {
      row.warheads.push_back(At(s.warheads, m));
      row.vehicles.push_back(At(s.vehicles, m));
      row.total_warheads += row.warheads.back();
      row.total_vehicles += row.vehicles.back();
    }
    p->timeline.push_back(std::move(row));
  }
}

// REQUIRES: `index` is the declaration's type `t.type`.
Status CheckType(const Declaration& d, const Assumptions& a, const TypeAssumptions& t,
                 int32_t index) {
  const std::string path = a.origin + ": types." + t.type;
  const ItemKind k = d.types[static_cast<size_t>(index)].kind;
  if (k != ItemKind::kMissile && k != ItemKind::kHeavyBomber) {
    return InvalidArgument(path + ": type " + Quote(t.type) + " is a " +
                           std::string(treaty::Name(k)) +
                           "; upload assumptions apply to missile and heavy-bomber types");
  }
  if (k == ItemKind::kHeavyBomber && t.current_loading.source.empty()) {
    return InvalidArgument(path + ".current_loading: missing (required for a heavy-bomber type)");
  }
  return Status::Ok();
}

// One type's upload; appends its timeline series to `series`.
TypeUpload PlanType(const Collector& collect, const forces::TypeDef& def, int32_t index,
                    const Values& v, std::vector<Series>* series) {
  TypeUpload u{.type = def.id,
               .name = def.name,
               .system_class = std::string(treaty::Name(def.system_class))};
  WorkMap work;
  if (def.kind == ItemKind::kMissile) {
    collect.Missiles(index, v, &u, &work);
  } else {
    collect.Bombers(index, v, &u, &work);
  }
  u.uncapped_warheads = u.fill_warheads + u.reload_warheads + u.reconvert_warheads;
  u.added_warheads = std::min(u.uncapped_warheads, v.available);
  u.capped = u.uncapped_warheads > v.available;
  u.added_vehicles = u.launchers_reloaded + u.bombers_reconverted;
  series->push_back(Simulate(std::move(work), v.rate, v.available));
  u.months_to_max = LastGrowth(series->back());
  u.reached = series->back().reached;
  return u;
}

// Shares `left` over `want` (whose sum exceeds it) in proportion, by
// largest remainders; ties go to the earlier entry.
void Share(int64_t left, std::vector<int64_t>* want) {
  int64_t total = 0;
  for (const int64_t w : *want) total += w;
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < want->size(); ++i) {
    const int64_t exact = (*want)[i] * left;  // both at most 10^6 (kMaxWarheads)
    remainders.push_back({static_cast<int64_t>(exact % total), i});
    (*want)[i] = static_cast<int64_t>(exact / total);
    given += (*want)[i];
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < left; ++k, ++given) ++(*want)[remainders[k].second];
}

// Pads a series to `months` entries (its last values hold).
void Extend(Series* s, size_t months) {
  s->warheads.resize(std::max(months, s->warheads.size()), s->warheads.back());
  s->vehicles.resize(std::max(months, s->vehicles.size()), s->vehicles.back());
}

// Caps the pool's types month by month (PlanUpload's contract).
PoolUse ApplyPool(const PoolAssumptions& pool, Scenario scenario, std::vector<Series>* series,
                  std::vector<TypeUpload>* types) {
  PoolUse use{.name = pool.name, .warheads = Pick(pool.warheads, scenario, true)};
  std::vector<size_t> members;
  size_t months = 0;
  for (size_t t = 0; t < types->size(); ++t) {
    if (std::find(pool.types.begin(), pool.types.end(), (*types)[t].type) == pool.types.end())
      continue;
    members.push_back(t);
    months = std::max(months, (*series)[t].warheads.size());
  }
  for (const size_t t : members) Extend(&(*series)[t], months);
  std::vector<int64_t> before(members.size(), 0), granted(members.size(), 0), step(members.size());
  int64_t left = use.warheads;
  for (size_t m = 1; m < months; ++m) {
    int64_t want = 0;
    for (size_t i = 0; i < members.size(); ++i) {
      const Series& s = (*series)[members[i]];
      step[i] = s.warheads[m] - before[i];
      before[i] = s.warheads[m];
      want += step[i];
    }
    if (want > left) Share(left, &step), use.capped = true;
    for (size_t i = 0; i < members.size(); ++i) {
      granted[i] += step[i];
      left -= step[i];
      (*series)[members[i]].warheads[m] = granted[i];
    }
  }
  for (size_t i = 0; i < members.size(); ++i) {
    TypeUpload& u = (*types)[members[i]];
    use.used += granted[i];
    if (granted[i] < before[i]) u.added_warheads = granted[i], u.pool_capped = pool.name;
    u.months_to_max = LastGrowth((*series)[members[i]]);
  }
  return use;
}

std::string Join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

std::string_view Name(Scenario s) {
  switch (s) {
    case Scenario::kCentral:
      return "central";
    case Scenario::kLow:
      return "low";
    case Scenario::kHigh:
      return "high";
  }
  return "central";
}

StatusOr<Plan> PlanUpload(const Declaration& d, const Assumptions& a, Scenario scenario,
                          const std::vector<int32_t>* copies) {
  if (a.party != d.party) {
    return InvalidArgument(a.origin + ": party: the assumptions are for party " + Quote(a.party) +
                           ", the declaration is of party " + Quote(d.party));
  }
  Plan p;
  p.scenario = scenario;
  std::vector<Series> series;
  const Collector collect(d, copies);
  for (const TypeAssumptions& t : a.types) {
    const int32_t index = d.FindType(t.type);
    if (index == kNoIndex) {
      p.not_in_declaration.push_back(t.type);
      continue;
    }
    VERITY_RETURN_IF_ERROR(CheckType(d, a, t, index));
    p.types.push_back(PlanType(collect, d.types[static_cast<size_t>(index)], index,
                               Resolve(t, scenario), &series));
  }
  if (p.types.empty()) {
    return InvalidArgument(a.origin + ": types: the declaration (" + d.party + ", " +
                           d.as_of.ToString() + ") has none of the assumed types (" +
                           Join(p.not_in_declaration) + ")");
  }
  for (const PoolAssumptions& pool : a.pools)
    p.pools.push_back(ApplyPool(pool, scenario, &series, &p.types));
  for (const TypeUpload& u : p.types) {
    p.added_warheads += u.added_warheads;
    p.added_vehicles += u.added_vehicles;
    p.months_to_max = std::max(p.months_to_max, u.months_to_max);
    p.reached = p.reached && u.reached;
  }
  for (const forces::TypeDef& def : d.types) {
    const bool relevant = def.kind == ItemKind::kMissile || def.kind == ItemKind::kHeavyBomber;
    if (relevant && a.Find(def.id) == nullptr) p.not_assessed.push_back(def.id);
  }
  BuildTimeline(series, &p);
  return p;
}

}  // namespace verity::upload

namespace verity::upload {
namespace {

bool AnyRange(const Assumptions& a) {
  for (const auto& t : a.types) {
    for (const RangedInt* v : {&t.max_loading, &t.warheads_available, &t.upload_rate,
                               &t.reload_months, &t.current_loading, &t.reconvert_months}) {
      if (v->IsRange()) return true;
    }
  }
  for (const auto& p : a.pools) {
    if (p.warheads.IsRange()) return true;
  }
  return false;
}

StatusOr<Plan> PlanVariant(const forces::Declaration& d, const Assumptions& a, Scenario s) {
  const forces::Variant v =
      forces::MakeVariant(d, s == Scenario::kLow ? Bound::kLow : Bound::kHigh);
  return PlanUpload(v.declaration, a, s, &v.copies);
}

}  // namespace

StatusOr<UploadResult> ComputeUpload(const forces::Declaration& d, const Assumptions& a) {
  UploadResult out;
  VERITY_ASSIGN_OR_RETURN(out.central, PlanUpload(d, a));
  if (!d.HasRanges() && !AnyRange(a)) return out;
  VERITY_ASSIGN_OR_RETURN(out.low, PlanVariant(d, a, Scenario::kLow));
  VERITY_ASSIGN_OR_RETURN(out.high, PlanVariant(d, a, Scenario::kHigh));
  return out;
}

}  // namespace verity::upload

#include "ledger/sample_force.h"

#include <algorithm>
#include <cmath>

#include "forces/declaration_io.h"
#include "ledger/apply.h"
#include "ledger/event.h"

namespace verity::ledger::internal {
namespace {

using T = NotificationType;

constexpr int kExchangeDelayDays = 20;  // within the 30 days for data exchanges
constexpr int kAdvanceNoticeDays = 2;   // launches are notified before they happen
constexpr double kReserveBomberShare = 0.15;
constexpr double kEmptyTubeShare = 0.08;
constexpr int kLaunchesPerPeriod = 3;
constexpr int kShuttlesPerPeriod = 6;

// Days between a change and its notification: 1..3, the same for every
// change of a day so that a day's changes keep their order in the log.
int DelayFor(Date d) {
  return 1 + static_cast<int>(static_cast<uint32_t>(d.days() * 2654435761u) % 3);
}

struct Plan {
  int64_t bombers_deployed, bombers_total, silos_loaded, silos_total, tubes_loaded, tubes_total;
  int64_t missile_warheads;
};

// Splits the three published numbers over the profile's pools. The
// non-deployed launchers (launchers - deployed) are spread over reserve
// bombers, empty tubes and empty silos.
Plan MakePlan(const ForceProfile& p, const Target& t) {
  Plan plan{};
  const int64_t b = std::llround(static_cast<double>(t.deployed) * p.bomber_share);
  const int64_t di = std::llround(static_cast<double>(t.deployed) * p.icbm_share);
  const int64_t ds = t.deployed - b - di;
  const int64_t spare = t.launchers - t.deployed;
  const int64_t nb =
      std::min<int64_t>(std::llround(static_cast<double>(b) * kReserveBomberShare), spare / 3);
  const int64_t es =
      std::min<int64_t>(std::llround(static_cast<double>(ds) * kEmptyTubeShare), spare / 3);
  plan.bombers_deployed = b;
  plan.bombers_total = b + nb;
  plan.tubes_loaded = ds;
  plan.tubes_total = ds + es;
  plan.silos_loaded = di;
  plan.silos_total = di + (spare - nb - es);
  plan.missile_warheads = t.warheads - b;
  return plan;
}

}  // namespace

SampleForce::SampleForce(ForceProfile p, const forces::Counter& counter, uint64_t seed)
    : p_(std::move(p)), counter_(counter), rng_(seed), state_(BaseDeclaration(p_)) {}

std::string SampleForce::NewUid(const std::string& kind) {
  std::string n = std::to_string(next_uid_++);
  return p_.party + "-" + kind + "-" + std::string(n.size() < 5 ? 5 - n.size() : 0, '0') + n;
}

void SampleForce::Emit(NotificationType type, Json body) {
  Notification n;
  n.party = p_.party;
  n.type = type;
  n.body = std::move(body);
  if (Status s = ReadBody(&n, Name(type)); !s.ok()) {
    own_problems_.push_back(s.message());
    return;
  }
  std::vector<Ambiguity> found;
  ApplyEvent(EventFromNotification(n, 0), &state_, &found);
  for (const auto& a : found) own_problems_.push_back(a.message);
  if (emit_) pending_.push_back({type, std::move(n.body), std::move(n.typed_body)});
}

std::string SampleForce::FacilityOf(const std::string& uid) const {
  const auto& it = state_.items[static_cast<size_t>(state_.FindItem(uid))];
  return it.facility == forces::kNoIndex ? "at_sea"
                                         : state_.facilities[static_cast<size_t>(it.facility)].id;
}

std::string SampleForce::ContentOf(const std::string& launcher) const {
  const int32_t l = state_.FindItem(launcher);
  for (const auto& it : state_.items) {
    if (it.container == l && !it.eliminated) return it.uid;
  }
  return "";
}

std::string SampleForce::StoredMissile(const std::string& type, const std::string& storage,
                                       std::vector<std::string>* stored) {
  if (!stored->empty()) {
    std::string uid = stored->back();
    stored->pop_back();
    return uid;
  }
  std::string uid = NewUid(type);
  Emit(T::kProduction, {{"uid", uid}, {"type", type}, {"facility", storage}});
  return uid;
}

void SampleForce::Load(const std::string& missile, const std::string& launcher) {
  const std::string at = FacilityOf(launcher);
  const std::string from = FacilityOf(missile);
  if (from != at) Emit(T::kMovement, {{"uid", missile}, {"from", from}, {"to", at}});
  Emit(T::kLoading, {{"missile", missile}, {"launcher", launcher}, {"warheads", 1}});
}

void SampleForce::Unload(const std::string& launcher, const std::string& storage,
                         std::vector<std::string>* stored) {
  const std::string missile = ContentOf(launcher);
  Emit(T::kUnloading, {{"missile", missile}, {"launcher", launcher}});
  Emit(T::kWarheadChange, {{"missile", missile}, {"warheads", 0}});
  Emit(T::kMovement, {{"uid", missile}, {"from", FacilityOf(missile)}, {"to", storage}});
  stored->push_back(missile);
}

void SampleForce::ShrinkBombers(int64_t deployed, int64_t total) {
  while (static_cast<int64_t>(bombers_deployed_.size() + bombers_reserve_.size()) > total) {
    auto& pool = bombers_reserve_.empty() ? bombers_deployed_ : bombers_reserve_;
    const std::string uid = pool.back();
    pool.pop_back();
    Emit(T::kConversionStarted, {{"uid", uid}, {"procedure", "conversion to non-nuclear"}});
    Emit(T::kConversionCompleted, {{"uid", uid}, {"procedure", "conversion to non-nuclear"}});
  }
  while (static_cast<int64_t>(bombers_deployed_.size()) > deployed) {
    const std::string uid = bombers_deployed_.front();
    bombers_deployed_.pop_front();
    Emit(T::kMovement, {{"uid", uid}, {"from", FacilityOf(uid)}, {"to", p_.repair}});
    bombers_reserve_.push_back(uid);
  }
}

void SampleForce::GrowBombers(int64_t deployed, int64_t total) {
  while (static_cast<int64_t>(bombers_deployed_.size()) < deployed && !bombers_reserve_.empty()) {
    const std::string uid = bombers_reserve_.front();
    bombers_reserve_.pop_front();
    const std::string& base =
        p_.air_bases[static_cast<size_t>(rng_.Below(static_cast<int>(p_.air_bases.size())))];
    Emit(T::kMovement, {{"uid", uid}, {"from", p_.repair}, {"to", base}});
    bombers_deployed_.push_back(uid);
  }
  while (static_cast<int64_t>(bombers_deployed_.size() + bombers_reserve_.size()) < total) {
    const std::string uid = NewUid("HB");
    const bool reserve = static_cast<int64_t>(bombers_deployed_.size()) >= deployed;
    const std::string& where =
        reserve ? p_.repair : p_.air_bases[static_cast<size_t>(next_uid_) % p_.air_bases.size()];
    Emit(T::kProduction,
         {{"uid", uid}, {"type", p_.bomber}, {"facility", where}, {"role", "operational"}});
    (reserve ? bombers_reserve_ : bombers_deployed_).push_back(uid);
  }
}

void SampleForce::ShrinkLaunchers(Pool& pool, int64_t loaded, int64_t total, bool eliminate) {
  while (static_cast<int64_t>(pool.loaded.size()) > loaded) {
    const std::string l = pool.loaded.back();
    pool.loaded.pop_back();
    Unload(l, pool.storage, &pool.stored);
    pool.empty.push_back(l);
  }
  while (static_cast<int64_t>(pool.loaded.size() + pool.empty.size()) > total) {
    const std::string l = pool.empty.back();
    pool.empty.pop_back();
    if (eliminate) {
      Emit(T::kElimination, {{"uid", l}, {"method", "silo destroyed"}});
    } else {
      Emit(T::kConversionStarted,
           {{"uid", l}, {"procedure", "launcher made incapable of launching SLBMs"}});
      Emit(T::kConversionCompleted,
           {{"uid", l}, {"procedure", "launcher made incapable of launching SLBMs"}});
    }
  }
}

void SampleForce::GrowLaunchers(Pool& pool, int64_t loaded, int64_t total, bool silos) {
  while (static_cast<int64_t>(pool.loaded.size() + pool.empty.size()) < total) {
    if (silos) {
      const std::string uid = NewUid("SILO");
      const auto& base = p_.icbm_bases[static_cast<size_t>(next_uid_) % p_.icbm_bases.size()];
      Emit(T::kProduction,
           {{"uid", uid}, {"type", p_.silo}, {"facility", base}, {"role", "operational"}});
      pool.empty.push_back(uid);
      continue;
    }
    const std::string sub = NewUid("SSBN");
    Emit(T::kProduction, {{"uid", sub}, {"type", p_.submarine}, {"facility", p_.sub_base}});
    // Only the launchers needed are declared, so the total never overshoots.
    const int64_t needed = total - static_cast<int64_t>(pool.loaded.size() + pool.empty.size());
    for (int k = 0; k < std::min<int64_t>(p_.tubes_per_submarine, needed); ++k) {
      const std::string tube = sub + "-T" + std::to_string(k + 1);
      Emit(T::kProduction, {{"uid", tube},
                            {"type", p_.tube},
                            {"facility", p_.sub_base},
                            {"submarine", sub},
                            {"role", "operational"}});
      pool.empty.push_back(tube);
    }
  }
  while (static_cast<int64_t>(pool.loaded.size()) < loaded) {
    const std::string l = pool.empty.back();
    pool.empty.pop_back();
    Load(StoredMissile(pool.missile_type, pool.storage, &pool.stored), l);
    pool.loaded.push_back(l);
  }
}

Status SampleForce::SteerWarheads(int64_t total) {
  struct Slot {
    std::string missile;
    int32_t max, want;
  };
  std::vector<Slot> slots;
  for (const Pool* pool : {&silos_, &tubes_}) {
    for (const auto& l : pool->loaded) {
      const std::string m = ContentOf(l);
      const auto& type = state_.types[static_cast<size_t>(
          state_.items[static_cast<size_t>(state_.FindItem(m))].type)];
      slots.push_back({m, type.max_warheads, 1});
    }
  }
  std::sort(slots.begin(), slots.end(),
            [](const Slot& a, const Slot& b) { return a.missile < b.missile; });
  int64_t left = total - static_cast<int64_t>(slots.size());
  if (left < 0) return Internal(p_.party + ": fewer warheads than deployed missiles");
  for (bool progress = true; left > 0 && progress;) {
    progress = false;
    for (auto& s : slots) {
      if (left > 0 && s.want < s.max) ++s.want, --left, progress = true;
    }
  }
  if (left > 0) return Internal(p_.party + ": more warheads than the deployed missiles can carry");
  for (const auto& s : slots) {
    const auto& item = state_.items[static_cast<size_t>(state_.FindItem(s.missile))];
    if (item.warheads != s.want)
      Emit(T::kWarheadChange, {{"missile", s.missile}, {"warheads", s.want}});
  }
  return Status::Ok();
}

void SampleForce::AddRoutine(Date from, Date to) {
  for (int i = 0; i < kShuttlesPerPeriod && p_.air_bases.size() > 1 && !bombers_deployed_.empty();
       ++i) {
    const std::string& uid = bombers_deployed_[static_cast<size_t>(
        rng_.Below(static_cast<int>(bombers_deployed_.size())))];
    const std::string home = FacilityOf(uid);
    std::string away =
        p_.air_bases[static_cast<size_t>(rng_.Below(static_cast<int>(p_.air_bases.size())))];
    if (away == home) continue;
    Emit(T::kMovement, {{"uid", uid}, {"from", home}, {"to", away}});
    Emit(T::kMovement, {{"uid", uid}, {"from", away}, {"to", home}});
  }
  for (int i = 0; i < kLaunchesPerPeriod; ++i) {
    const std::string& area =
        p_.launch_areas[static_cast<size_t>(rng_.Below(static_cast<int>(p_.launch_areas.size())))];
    Emit(T::kLaunch, {{"missile_type", i % 2 == 0 ? p_.icbm : p_.slbm},
                      {"launch_area", area},
                      {"impact_area", "broad ocean area"}});
  }
  if (to.year() != from.year()) {
    Emit(T::kBomberExercise, {{"start", to.AddDays(-20).ToString()},
                              {"end", to.AddDays(-15).ToString()},
                              {"bombers", 6},
                              {"description", "annual major strategic exercise"}});
  }
}

void SampleForce::Schedule(Date from, Date to) {
  const int32_t span = std::max(1, (to - from) - 1);
  const size_t n = pending_.size();
  for (size_t k = 0; k < n; ++k) {
    Notification note;
    note.party = p_.party;
    note.type = pending_[k].type;
    note.body = std::move(pending_[k].body);
    note.typed_body = std::move(pending_[k].typed_body);
    note.occurred = from.AddDays(1 + static_cast<int32_t>((k * static_cast<size_t>(span)) / n));
    const bool advance = note.type == T::kLaunch || note.type == T::kBomberExercise;
    const Date sent = advance ? note.occurred.AddDays(-kAdvanceNoticeDays)
                              : note.occurred.AddDays(DelayFor(note.occurred));
    note.sent = Timestamp::FromSeconds(Timestamp::StartOf(sent).seconds() + 9 * 3600);
    out_.push_back(std::move(note));
  }
  pending_.clear();
}

Status SampleForce::DataExchange(Date d) {
  state_.as_of = d;
  Notification n;
  n.party = p_.party;
  n.type = T::kDataExchange;
  n.occurred = d;
  n.sent = Timestamp::FromSeconds(Timestamp::StartOf(d.AddDays(kExchangeDelayDays)).seconds() +
                                  12 * 3600);
  n.body = {{"declaration", forces::DeclarationToJson(state_)}};
  if (Status s = ReadBody(&n, "sample data exchange"); !s.ok()) return Internal(s.message());
  std::vector<Ambiguity> found;
  ApplyEvent(EventFromNotification(n, 0), &state_, &found);
  if (!found.empty())
    return Internal(p_.party + " sample data exchange " + d.ToString() + ": " + found[0].message);
  out_.push_back(std::move(n));
  return Status::Ok();
}

Status SampleForce::Steer(const Target& t) {
  const Plan plan = MakePlan(p_, t);
  ShrinkBombers(plan.bombers_deployed, plan.bombers_total);
  ShrinkLaunchers(silos_,
                  std::min<int64_t>(plan.silos_loaded, static_cast<int64_t>(silos_.loaded.size())),
                  std::max<int64_t>(plan.silos_total, plan.silos_loaded), true);
  ShrinkLaunchers(tubes_,
                  std::min<int64_t>(plan.tubes_loaded, static_cast<int64_t>(tubes_.loaded.size())),
                  std::max<int64_t>(plan.tubes_total, plan.tubes_loaded), false);
  GrowBombers(plan.bombers_deployed, plan.bombers_total);
  GrowLaunchers(silos_, plan.silos_loaded, plan.silos_total, true);
  GrowLaunchers(tubes_, plan.tubes_loaded, plan.tubes_total, false);
  return SteerWarheads(plan.missile_warheads);
}

Status SampleForce::CheckCounts(const Target& t) const {
  if (!own_problems_.empty()) return Internal(p_.party + " sample: " + own_problems_.front());
  const forces::Counts c = counter_.Count(state_);
  const auto& limits = counter_.treaty().limits;
  for (size_t l = 0; l < limits.size(); ++l) {
    const int64_t want = limits[l].id == "deployed"   ? t.deployed
                         : limits[l].id == "warheads" ? t.warheads
                                                      : t.launchers;
    if (c.limits[l].count != want) {
      return Internal(p_.party + " sample " + t.date.ToString() + ": " + limits[l].id + " counts " +
                      std::to_string(c.limits[l].count) + ", published " + std::to_string(want));
    }
  }
  return Status::Ok();
}

Status SampleForce::Start(const Target& t) {
  silos_ = {{}, {}, {}, p_.icbm, p_.icbm_storage};
  tubes_ = {{}, {}, {}, p_.slbm, p_.slbm_storage};
  emit_ = false;
  VERITY_RETURN_IF_ERROR(Steer(t));
  emit_ = true;
  VERITY_RETURN_IF_ERROR(DataExchange(t.date));
  last_ = t.date;
  return CheckCounts(t);
}

Status SampleForce::StepTo(const Target& t) {
  VERITY_RETURN_IF_ERROR(Steer(t));
  AddRoutine(last_, t.date);
  Schedule(last_, t.date);
  VERITY_RETURN_IF_ERROR(DataExchange(t.date));
  last_ = t.date;
  return CheckCounts(t);
}

void SampleForce::AddInconsistentEntry(Date when) {
  Notification n;
  n.party = p_.party;
  n.type = T::kMovement;
  // A bomber the record has never seen, notified 12 days after the move:
  // flagged twice, and the state is unchanged (an unknown item cannot move).
  n.body = {
      {"uid", p_.party + "-HB-99999"}, {"from", p_.air_bases.front()}, {"to", p_.air_bases.back()}};
  n.occurred = when;
  n.sent = Timestamp::FromSeconds(Timestamp::StartOf(when.AddDays(12)).seconds());
  if (Status s = ReadBody(&n, "sample movement"); !s.ok()) own_problems_.push_back(s.message());
  out_.push_back(std::move(n));
}

}  // namespace verity::ledger::internal

// Internal to the sample generator (sample.h): one party's synthetic force,
// steered from one published aggregate to the next by notifications that
// are applied to the party's state as they are made.
#ifndef VERITY_LEDGER_SAMPLE_FORCE_H_
#define VERITY_LEDGER_SAMPLE_FORCE_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "forces/counter.h"
#include "forces/model.h"
#include "ledger/notification.h"

namespace verity::ledger::internal {

// The three published numbers for one date.
struct Target {
  Date date;
  int64_t deployed = 0, warheads = 0, launchers = 0;
};

// The fixed shape of one party's sample force.
struct ForceProfile {
  std::string party;
  std::string icbm, silo, slbm, tube, submarine, bomber;  // type ids
  std::vector<std::string> icbm_bases, air_bases;
  std::string sub_base, repair, icbm_storage, slbm_storage;
  int tubes_per_submarine = 16;
  double bomber_share = 0.12, icbm_share = 0.55;  // of deployed
  std::vector<std::string> launch_areas;
};

ForceProfile UsProfile();
ForceProfile RuProfile();
// Facilities and types of the profile's party, as a declaration without items.
forces::Declaration BaseDeclaration(const ForceProfile& p);

// Deterministic 64-bit generator (SplitMix64).
class SampleRng {
 public:
  explicit SampleRng(uint64_t seed) : s_(seed) {}
  uint64_t Next();
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t s_;
};

class SampleForce {
 public:
  SampleForce(ForceProfile p, const forces::Counter& counter, uint64_t seed);

  // Builds the state for `t` without notifications, then notifies it as the
  // initial data exchange.
  Status Start(const Target& t);
  // Notifies the changes that take the state to `t` between the previous
  // target's date and t.date, then the data exchange of t.date.
  Status StepTo(const Target& t);
  // A movement of an unknown bomber, sent late: flagged, changes nothing.
  void AddInconsistentEntry(Date when);

  // The notifications made so far (unsigned; serials not yet assigned).
  std::vector<Notification>& notifications() { return out_; }
  const forces::Declaration& state() const { return state_; }

 private:
  struct Op {
    NotificationType type;
    Json body;
    std::shared_ptr<const Body> typed_body;
  };
  // Launchers of one kind (silos or SLBM tubes) and their missiles.
  struct Pool {
    std::vector<std::string> loaded, empty, stored;  // launcher, launcher, missile UIDs
    std::string missile_type, storage;
  };

  void Emit(NotificationType type, Json body);
  void Schedule(Date from, Date to);
  Status DataExchange(Date d);
  Status Steer(const Target& t);
  Status CheckCounts(const Target& t) const;

  void ShrinkBombers(int64_t deployed, int64_t total);
  void GrowBombers(int64_t deployed, int64_t total);
  void ShrinkLaunchers(Pool& pool, int64_t loaded, int64_t total, bool eliminate);
  void GrowLaunchers(Pool& pool, int64_t loaded, int64_t total, bool silos);
  Status SteerWarheads(int64_t total);
  void AddRoutine(Date from, Date to);

  std::string NewUid(const std::string& kind);
  std::string FacilityOf(const std::string& uid) const;
  std::string ContentOf(const std::string& launcher) const;
  std::string StoredMissile(const std::string& type, const std::string& storage,
                            std::vector<std::string>* stored);
  void Load(const std::string& missile, const std::string& launcher);
  void Unload(const std::string& launcher, const std::string& storage,
              std::vector<std::string>* stored);

  ForceProfile p_;
  const forces::Counter& counter_;
  SampleRng rng_;
  forces::Declaration state_;
  Date last_;
  bool emit_ = false;
  std::vector<Op> pending_;
  std::vector<Notification> out_;
  std::vector<std::string> own_problems_;  // ambiguities in our own changes: a generator bug
  int next_uid_ = 1;
  std::deque<std::string> bombers_deployed_, bombers_reserve_;
  Pool silos_, tubes_;
};

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_SAMPLE_FORCE_H_

// The Monte Carlo simulation loop: one block of trials at a time
// (montecarlo.cc cuts a run into blocks and hands them to threads).
// Internal to the stats component.
//
// A block's trials are dealt to kLanes lanes (rng.h); each lane runs the
// same program, drawing 32-bit words from its own stream in this order:
//  - per Type One visit: one word picks the base (alias method), one word
//    the missile of the base's remaining pool (multiply-shift; the
//    product's low half decides whether an overloaded missile is noticed),
//    and, if some base hides undeclared items, one word for noticing them;
//  - then, if Type Two visits can notice anything, one word for the visit
//    that first notices (TypeTwoYear.first) and, only if one does and more
//    than one site can be noticed, one for its site and one per later Type
//    Two visit (with a single such site, later visits cannot change any
//    tally and are not drawn).
// Two kernels run this program: a portable scalar one that interleaves the
// lanes, and an AVX2 one that runs the eight lanes in vector registers.
// They give identical tallies (tested); the AVX2 kernel needs at most
// kVectorBases bases of at most kVectorMissiles missiles each.
#ifndef VERITY_STATS_MONTECARLO_KERNEL_H_
#define VERITY_STATS_MONTECARLO_KERNEL_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "stats/montecarlo_model.h"
#include "stats/rng.h"

namespace verity::stats {

inline constexpr size_t kVectorBases = 16;
inline constexpr uint32_t kVectorMissiles = 0xffff;

// One worker's counts over the blocks it ran.
struct Tally {
  double cpu_seconds = 0;
  uint64_t detected_trials = 0;
  uint64_t designations = 0;
  std::vector<uint64_t> first_detection;  // per schedule step
  std::vector<uint64_t> site_detections;  // per scenario site

  explicit Tally(const Model& m)
      : first_detection(m.step_is_type_one.size(), 0), site_detections(m.sites, 0) {}
  void Add(const Tally& o);
};

// Per-worker state shared by both kernels: the step lists and the
// bookkeeping of rare events (detections), off the fast path.
class BlockRunner {
 public:
  BlockRunner(const Model& model, Tally* tally);

  // Runs trials [begin, end) of block `block` (begin = block * kBlockTrials).
  // `vector`: use the AVX2 kernel if VectorKernelApplies.
  void Run(uint64_t seed, uint64_t block, uint64_t begin, uint64_t end, bool vector);

  // True if the AVX2 kernel can run this model on this CPU.
  static bool VectorKernelApplies(const Model& model);

  const Model& model() const { return m_; }
  const std::vector<uint32_t>& one_steps() const { return one_steps_; }
  uint32_t none() const { return none_; }

  // Records a detection at schedule step `step` and scenario site `site` in
  // `trial`, run by lane `lane`. `first` is the lane's first detection step.
  void Record(uint32_t step, uint32_t site, uint64_t trial, int lane, uint32_t* first) {
    *first = std::min(*first, step);
    uint64_t& s = stamp_[static_cast<size_t>(lane) * m_.sites + site];
    if (s != trial + 1) {
      s = trial + 1;
      ++tally_->site_detections[site];
    }
  }
  // The Type Two year of `trial`, continuing `rng`; lowers `first`.
  void TypeTwoYear(LaneRng& rng, uint64_t trial, int lane, uint32_t* first);
  // The rest of it once `visit` (a Type Two visit index) first noticed.
  void TypeTwoNotices(uint32_t visit, LaneRng& rng, uint64_t trial, int lane, uint32_t* first) {
    if (m_.two.site.size() == 1) {  // later visits cannot change any tally: nothing drawn
      Record(two_steps_[visit], m_.two.site[0], trial, lane, first);
    } else {
      TypeTwoNoticesAtSeveralSites(visit, rng, trial, lane, first);
    }
  }
  size_t type_two_visits() const { return two_steps_.size(); }
  // Ends a trial whose first detection step is `first`.
  void EndTrial(uint32_t first) {
    if (first == none_) return;
    ++tally_->detected_trials;
    ++tally_->first_detection[first];
  }
  void AddDesignations(uint64_t n) { tally_->designations += n; }

 private:
  void TypeTwoNoticesAtSeveralSites(uint32_t visit, LaneRng& rng, uint64_t trial, int lane,
                                    uint32_t* first);
  void RunScalar(LaneRng* rng, uint64_t begin, uint64_t end);
  template <bool kDistinct>
  void RunScalarGroup(LaneRng* rng, uint64_t trial0, int lanes);

  const Model& m_;
  Tally* tally_;
  std::vector<uint32_t> one_steps_, two_steps_;
  uint32_t none_;                // "no detection" step index
  std::vector<uint64_t> pool_;   // lane * bases + base: left << 32 | overloaded left
  std::vector<uint64_t> stamp_;  // lane * sites + site: 1 + last trial detecting there
};

// The AVX2 kernel (montecarlo_avx2.cc): runs trials [begin, end) on the
// eight lanes `rng`, reporting through `runner`. REQUIRES:
// BlockRunner::VectorKernelApplies(runner.model()).
void RunAvx2(BlockRunner& runner, LaneRng* rng, uint64_t begin, uint64_t end);

}  // namespace verity::stats

#endif  // VERITY_STATS_MONTECARLO_KERNEL_H_

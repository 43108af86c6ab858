#include "stats/montecarlo_kernel.h"

#include <algorithm>

namespace verity::stats {

void Tally::Add(const Tally& o) {
  cpu_seconds += o.cpu_seconds;
  detected_trials += o.detected_trials;
  designations += o.designations;
  for (size_t i = 0; i < first_detection.size(); ++i) first_detection[i] += o.first_detection[i];
  for (size_t i = 0; i < site_detections.size(); ++i) site_detections[i] += o.site_detections[i];
}

BlockRunner::BlockRunner(const Model& model, Tally* tally)
    : m_(model),
      tally_(tally),
      none_(static_cast<uint32_t>(model.step_is_type_one.size())),
      pool_(model.one.missiles.size() * kLanes),
      stamp_(model.sites * kLanes, 0) {
  for (size_t i = 0; i < model.step_is_type_one.size(); ++i) {
    (model.step_is_type_one[i] != 0 ? one_steps_ : two_steps_).push_back(static_cast<uint32_t>(i));
  }
}

bool BlockRunner::VectorKernelApplies(const Model& m) {
#if defined(__x86_64__)
  const auto& missiles = m.one.missiles;
  return __builtin_cpu_supports("avx2") && missiles.size() <= kVectorBases &&
         std::all_of(missiles.begin(), missiles.end(),
                     [](uint32_t n) { return n <= kVectorMissiles; });
#else
  (void)m;
  return false;
#endif
}

void BlockRunner::Run(uint64_t seed, uint64_t block, uint64_t begin, uint64_t end, bool vector) {
  LaneRng rng[kLanes];
  for (int l = 0; l < kLanes; ++l) rng[l] = LaneRng(seed, block, l);
  if (vector && VectorKernelApplies(m_)) {
    RunAvx2(*this, rng, begin, end);
  } else {
    RunScalar(rng, begin, end);
  }
}

void BlockRunner::TypeTwoYear(LaneRng& rng, uint64_t trial, int lane, uint32_t* first) {
  if (!m_.two.active) return;
  const uint32_t visit = m_.two.first.Pick(rng.Next());
  if (visit != two_steps_.size()) TypeTwoNotices(visit, rng, trial, lane, first);
}

void BlockRunner::TypeTwoNoticesAtSeveralSites(uint32_t visit, LaneRng& rng, uint64_t trial,
                                               int lane, uint32_t* first) {
  const stats::TypeTwoYear& y = m_.two;
  Record(two_steps_[visit], y.site[y.noticed.Pick(rng.Next())], trial, lane, first);
  for (size_t v = visit + 1; v < two_steps_.size(); ++v) {
    const uint32_t c = y.visit.Pick(rng.Next());
    if (c < y.site.size()) Record(two_steps_[v], y.site[c], trial, lane, first);
  }
}

void BlockRunner::RunScalar(LaneRng* rng, uint64_t begin, uint64_t end) {
  const bool distinct = m_.distinct;
  for (uint64_t t = begin; t < end; t += kLanes) {
    const int lanes = static_cast<int>(std::min<uint64_t>(kLanes, end - t));
    if (distinct)
      RunScalarGroup<true>(rng, t, lanes);
    else
      RunScalarGroup<false>(rng, t, lanes);
  }
}

// Trials trial0 .. trial0 + lanes - 1, one per lane, side by side: each
// trial's step-to-step dependency (the pool word of the base just visited)
// is a chain of loads and stores, and interleaving independent trials lets
// the CPU overlap those chains. No allocation and no data-dependent branch
// on the common path. kDistinct: designated missiles leave the pool.
template <bool kDistinct>
void BlockRunner::RunScalarGroup(LaneRng* rng, uint64_t trial0, int lanes) {
  const SiteTable& one = m_.one;
  const size_t bases = one.missiles.size();
  const uint64_t* const choice = one.choice.entries();
  const uint32_t columns = static_cast<uint32_t>(bases);
  const uint64_t notice = m_.notice_threshold;
  const bool coin_word = m_.coin_word, hidden = m_.hidden_at_bases;
  uint32_t first[kLanes];
  for (int l = 0; l < lanes; ++l) {
    first[l] = none_;
    for (size_t b = 0; kDistinct && b < bases; ++b) {
      pool_[static_cast<size_t>(l) * bases + b] =
          (uint64_t{one.missiles[b]} << 32) | one.overloaded[b];
    }
  }
  uint64_t designations = 0;
  for (const uint32_t step : one_steps_) {
    for (int l = 0; l < lanes; ++l) {
      const uint32_t col = AliasTable::Pick(rng[l].Next(), choice, columns);
      uint64_t* const word = &pool_[static_cast<size_t>(l) * bases + col];
      const uint64_t state = kDistinct ? *word : 0;
      const uint32_t left = kDistinct ? static_cast<uint32_t>(state >> 32) : one.missiles[col];
      const uint32_t k = kDistinct ? static_cast<uint32_t>(state) : one.overloaded[col];
      // An empty pool gives missile 0 and k = 0: no designation, nothing found.
      const uint64_t scaled = Scale(rng[l].Next(), left);
      const uint32_t hit = static_cast<uint32_t>(scaled >> 32) < k ? 1u : 0u;
      const uint32_t designated = left != 0 ? 1u : 0u;
      const uint32_t coin = coin_word ? rng[l].Next() : static_cast<uint32_t>(scaled);
      uint32_t found = hit & (coin < notice ? 1u : 0u);
      if (kDistinct) *word = state - ((uint64_t{designated} << 32) | hit);
      designations += designated;
      if (hidden) found |= one.undeclared[col] & (rng[l].Next() < notice ? 1u : 0u);
      if (found != 0) Record(step, one.site[col], trial0 + static_cast<uint64_t>(l), l, &first[l]);
    }
  }
  for (int l = 0; l < lanes; ++l) {
    TypeTwoYear(rng[l], trial0 + static_cast<uint64_t>(l), l, &first[l]);
    EndTrial(first[l]);
  }
  tally_->designations += designations;
}

}  // namespace verity::stats

// The Monte Carlo random stream: SplitMix64 (G. Steele, D. Lea, C. Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014) used as a
// counter-based generator, so results never depend on threads or platform.
//
// Draw i of trial t is Mix64(key + (t * 2^16 + i) * gamma), key = Mix64(seed).
// Because gamma is odd, distinct (t, i) give distinct inputs to the bijective
// finaliser: every trial owns a disjoint block of 2^16 draws of one
// SplitMix64 sequence. No std:: distributions are used: integers in [0, n)
// come from 32 random bits by multiply-shift (bias below n / 2^32), and an
// event of probability p from comparing 32 bits with round(p 2^32).
//
// A TrialStream is a small value; one per trial, never shared between threads.
#ifndef VERITY_STATS_RNG_H_
#define VERITY_STATS_RNG_H_

#include <cstdint>

namespace verity::stats {

inline constexpr uint64_t kSplitMixGamma = 0x9e3779b97f4a7c15ULL;
inline constexpr int kDrawsPerTrialLog2 = 16;
inline constexpr uint64_t kDrawsPerTrial = uint64_t{1} << kDrawsPerTrialLog2;
inline constexpr uint64_t kMaxTrials = uint64_t{1} << (64 - kDrawsPerTrialLog2);

// The SplitMix64 finaliser (a bijection on 64-bit words).
inline constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class TrialStream {
 public:
  // REQUIRES: trial < kMaxTrials; at most kDrawsPerTrial draws are taken.
  TrialStream(uint64_t seed, uint64_t trial)
      : state_(Mix64(seed) + (trial << kDrawsPerTrialLog2) * kSplitMixGamma) {}

  uint64_t Next() {
    state_ += kSplitMixGamma;
    return Mix64(state_);
  }

 private:
  uint64_t state_;
};

// An integer in [0, n) from the 32 bits `bits`. REQUIRES: n <= 2^32.
inline uint32_t Below(uint32_t bits, uint64_t n) {
  return static_cast<uint32_t>((uint64_t{bits} * n) >> 32);
}

// 32-bit threshold for an event of probability p: the event is bits < threshold.
inline uint64_t ProbabilityThreshold(double p) {
  if (p <= 0) return 0;
  if (p >= 1) return uint64_t{1} << 32;
  return static_cast<uint64_t>(p * 4294967296.0 + 0.5);
}

}  // namespace verity::stats

#endif  // VERITY_STATS_RNG_H_

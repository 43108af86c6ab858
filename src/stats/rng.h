// The Monte Carlo random stream: wyrand (Wang Yi's generator from wyhash,
// public domain; also the runtime generator of Go) used as a counter-based
// generator, so results never depend on threads or platform.
//
// wyrand's output is a fixed function of a counter: draw i of trial t is
// W(key + (t * 2^16 + i) * gamma) with W(s) = hi ^ lo of the 128-bit
// product s * (s ^ c), key = Mix64(seed) (the SplitMix64 finaliser of Steele,
// Lea and Flood, OOPSLA 2014). Because gamma is odd, distinct (t, i) give
// distinct counters: every trial owns a disjoint block of 2^16 draws of one
// wyrand sequence. No std:: distributions are used: integers in [0, n)
// come from 32 random bits by multiply-shift (bias below n / 2^32), and an
// event of probability p from comparing 32 bits with round(p 2^32).
//
// A TrialStream is a small value; one per trial, never shared between threads.
#ifndef VERITY_STATS_RNG_H_
#define VERITY_STATS_RNG_H_

#include <cstdint>

namespace verity::stats {

inline constexpr uint64_t kWyGamma = 0xa0761d6478bd642fULL;
inline constexpr uint64_t kWyMix = 0xe7037ed1a0b428dbULL;
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
  TrialStream() = default;
  // REQUIRES: trial < kMaxTrials; at most kDrawsPerTrial draws are taken.
  TrialStream(uint64_t seed, uint64_t trial)
      : state_(Mix64(seed) + (trial << kDrawsPerTrialLog2) * kWyGamma) {}

  uint64_t Next() {
    state_ += kWyGamma;
    __extension__ typedef unsigned __int128 U128;
    const U128 product = static_cast<U128>(state_) * (state_ ^ kWyMix);
    return static_cast<uint64_t>(product >> 64) ^ static_cast<uint64_t>(product);
  }

 private:
  uint64_t state_ = 0;
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

// The Monte Carlo random streams: xoshiro128++ (Blackman and Vigna, 2019;
// public domain), 32 bits per draw, one stream per lane of a block of
// trials, seeded from SplitMix64 (Steele, Lea and Flood, OOPSLA 2014).
//
// A run of trials is cut into fixed blocks of kBlockTrials; within a block,
// trial t belongs to lane t mod kLanes and the lane's stream runs through
// its trials in order. Lane l of block b is seeded with SplitMix64 outputs
// number 2(kLanes b + l) + 1 and + 2 of the sequence seeded with the run's
// seed, so a result depends only on the seed, never on threads or on how
// the lanes are scheduled (a SIMD kernel runs the kLanes streams side by
// side with the same arithmetic as the scalar kernel).
//
// No std:: distributions are used: integers in [0, n) come from 32 random
// bits by multiply-shift (bias below n / 2^32), and an event of probability
// p from comparing 32 bits with round(p 2^32) (so p below 2^-33 never
// happens). The low half of a multiply-shift product bits * n is a multiple
// of g, the largest power of two dividing n; as a coin it is fair to within
// g / 2^32 whatever integer was drawn, so for small n one draw can give an
// integer and then a coin (Scale).
//
// A LaneRng is a small value, never shared between threads.
#ifndef VERITY_STATS_RNG_H_
#define VERITY_STATS_RNG_H_

#include <cstdint>

namespace verity::stats {

inline constexpr uint64_t kBlockTrials = uint64_t{1} << 14;
inline constexpr int kLanes = 8;
inline constexpr uint64_t kMaxTrials = uint64_t{1} << 48;
inline constexpr uint64_t kSplitMixGamma = 0x9e3779b97f4a7c15ULL;

// The SplitMix64 finaliser (a bijection on 64-bit words).
inline constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro128++. The state is never all zero (seeding guarantees it).
class LaneRng {
 public:
  LaneRng() = default;
  // Lane `lane` of block `block` of the run seeded with `seed`.
  LaneRng(uint64_t seed, uint64_t block, int lane) {
    const uint64_t n = 2 * (block * kLanes + static_cast<uint64_t>(lane));
    const uint64_t a = Mix64(seed + (n + 1) * kSplitMixGamma);
    const uint64_t b = Mix64(seed + (n + 2) * kSplitMixGamma);
    s_[0] = static_cast<uint32_t>(a);
    s_[1] = static_cast<uint32_t>(a >> 32);
    s_[2] = static_cast<uint32_t>(b);
    s_[3] = static_cast<uint32_t>(b >> 32);
    if ((a | b) == 0) s_[0] = 1;
  }

  uint32_t Next() {
    const uint32_t result = Rotl(s_[0] + s_[3], 7) + s_[0];
    const uint32_t t = s_[1] << 9;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 11);
    return result;
  }

  // The four state words, for kernels that keep lanes in vector registers.
  uint32_t word(int i) const { return s_[i]; }
  void set_word(int i, uint32_t v) { s_[i] = v; }

 private:
  static uint32_t Rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
  uint32_t s_[4] = {1, 0, 0, 0};
};

// An integer in [0, n) from the 32 bits `bits`. REQUIRES: n <= 2^32.
inline uint32_t Below(uint32_t bits, uint64_t n) {
  return static_cast<uint32_t>((uint64_t{bits} * n) >> 32);
}

// bits * n: the high half is Below(bits, n); the low half a fraction for a
// further coin, fair to within g / 2^32 (g: the largest power of two
// dividing n) given the high half.
inline uint64_t Scale(uint32_t bits, uint32_t n) { return uint64_t{bits} * n; }

// 32-bit threshold for an event of probability p: the event is bits < threshold.
inline uint64_t ProbabilityThreshold(double p) {
  if (p <= 0) return 0;
  if (p >= 1) return uint64_t{1} << 32;
  return static_cast<uint64_t>(p * 4294967296.0 + 0.5);
}

}  // namespace verity::stats

#endif  // VERITY_STATS_RNG_H_

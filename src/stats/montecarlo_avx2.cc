// The AVX2 kernel of the Monte Carlo loop (montecarlo_kernel.h): the eight
// lanes of a block run in vector registers, one 32-bit element per lane,
// with exactly the arithmetic of the scalar kernel, so both give the same
// tallies. The per-base tables (alias thresholds and aliases, initial
// pools) have at most 16 entries and are looked up with vpermd; the pools
// of the bases live in registers as (left << 16 | overloaded left).
// Compiled for AVX2 with a function attribute, so the rest of the program
// keeps the baseline instruction set; BlockRunner checks the CPU first.
#include "stats/montecarlo_kernel.h"

#if defined(__x86_64__)

#include <immintrin.h>

#include <algorithm>

#define VERITY_AVX2 __attribute__((target("avx2")))
#define VERITY_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline

namespace verity::stats {
namespace {

using V = __m256i;

VERITY_AVX2_INLINE V Set(uint32_t x) { return _mm256_set1_epi32(static_cast<int>(x)); }
VERITY_AVX2_INLINE V And(V a, V b) { return _mm256_and_si256(a, b); }
VERITY_AVX2_INLINE V Or(V a, V b) { return _mm256_or_si256(a, b); }
VERITY_AVX2_INLINE V Xor(V a, V b) { return _mm256_xor_si256(a, b); }

template <int K>
VERITY_AVX2_INLINE V Rotl(V x) {
  return Or(_mm256_slli_epi32(x, K), _mm256_srli_epi32(x, 32 - K));
}

// Eight xoshiro128++ streams (rng.h), word i of every lane in s[i].
struct Rng8 {
  V s[4];
};

VERITY_AVX2_INLINE V Next(Rng8& r) {
  const V result = _mm256_add_epi32(Rotl<7>(_mm256_add_epi32(r.s[0], r.s[3])), r.s[0]);
  const V t = _mm256_slli_epi32(r.s[1], 9);
  r.s[2] = Xor(r.s[2], r.s[0]);
  r.s[3] = Xor(r.s[3], r.s[1]);
  r.s[1] = Xor(r.s[1], r.s[2]);
  r.s[0] = Xor(r.s[0], r.s[3]);
  r.s[2] = Xor(r.s[2], t);
  r.s[3] = Rotl<11>(r.s[3]);
  return result;
}

VERITY_AVX2 Rng8 Load(const LaneRng* lanes) {
  Rng8 r;
  for (int i = 0; i < 4; ++i) {
    alignas(32) uint32_t w[kLanes];
    for (int l = 0; l < kLanes; ++l) w[l] = lanes[l].word(i);
    r.s[i] = _mm256_load_si256(reinterpret_cast<const V*>(w));
  }
  return r;
}

VERITY_AVX2 void Store(const Rng8& r, LaneRng* lanes) {
  for (int i = 0; i < 4; ++i) {
    alignas(32) uint32_t w[kLanes];
    _mm256_store_si256(reinterpret_cast<V*>(w), r.s[i]);
    for (int l = 0; l < kLanes; ++l) lanes[l].set_word(i, w[l]);
  }
}

// x * y per lane as a 64-bit product: its high and low halves.
VERITY_AVX2_INLINE void MulHiLo(V x, V y, V* hi, V* lo) {
  const V even = _mm256_mul_epu32(x, y);
  const V odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(y, 32));
  *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xaa);
  *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xaa);
}

// a < b as unsigned 32-bit numbers, per lane (all ones or zero).
VERITY_AVX2_INLINE V LessU(V a, V b) {
  const V sign = Set(0x80000000u);
  return _mm256_cmpgt_epi32(Xor(b, sign), Xor(a, sign));
}

// Up to 16 entries, looked up per lane.
struct Table16 {
  V lo, hi;
};

template <typename F>
VERITY_AVX2 Table16 MakeTable(size_t n, F entry) {
  alignas(32) uint32_t e[16] = {};
  for (size_t i = 0; i < n; ++i) e[i] = entry(i);
  return {_mm256_load_si256(reinterpret_cast<const V*>(e)),
          _mm256_load_si256(reinterpret_cast<const V*>(e + 8))};
}

VERITY_AVX2_INLINE V Lookup(const Table16& t, V index) {
  const V a = _mm256_permutevar8x32_epi32(t.lo, index);
  const V b = _mm256_permutevar8x32_epi32(t.hi, index);
  return _mm256_blendv_epi8(a, b, _mm256_cmpgt_epi32(index, Set(7)));
}

// The model's tables for the vector loop.
struct Tables {
  Table16 threshold, alias, pool, undeclared;
  V columns, notice, notice_always;
  bool two_first = false;  // the Type Two first-notice table fits: drawn here
  Table16 two_threshold, two_alias;
  V two_columns;
};

VERITY_AVX2 Tables MakeTables(const Model& m) {
  const SiteTable& one = m.one;
  const size_t n = one.missiles.size();
  Tables t;
  t.threshold = MakeTable(n, [&](size_t i) { return one.choice.threshold(i); });
  t.alias = MakeTable(n, [&](size_t i) { return one.choice.alias(i); });
  t.pool = MakeTable(n, [&](size_t i) { return (one.missiles[i] << 16) | one.overloaded[i]; });
  t.undeclared = MakeTable(n, [&](size_t i) { return one.undeclared[i] != 0 ? 0xffffffffu : 0u; });
  t.columns = Set(static_cast<uint32_t>(n));
  const uint64_t notice = m.notice_threshold;
  t.notice = Set(static_cast<uint32_t>(std::min<uint64_t>(notice, 0xffffffffULL)));
  t.notice_always = Set(notice > 0xffffffffULL ? 0xffffffffu : 0u);
  const AliasTable& first = m.two.first;
  t.two_first = m.two.active && first.size() <= 16;
  if (t.two_first) {
    t.two_threshold = MakeTable(first.size(), [&](size_t i) { return first.threshold(i); });
    t.two_alias = MakeTable(first.size(), [&](size_t i) { return first.alias(i); });
    t.two_columns = Set(static_cast<uint32_t>(first.size()));
  }
  return t;
}

// The alias method on a table of up to 16 columns (AliasTable::Pick).
VERITY_AVX2_INLINE V Pick(V bits, V columns, const Table16& threshold, const Table16& alias) {
  V col, fraction;
  MulHiLo(bits, columns, &col, &fraction);
  return _mm256_blendv_epi8(Lookup(alias, col), col, LessU(fraction, Lookup(threshold, col)));
}

// Type Two notices in the lanes set in `mask`, first at visits `visit`.
VERITY_AVX2 void TypeTwoLanes(BlockRunner& r, Rng8& rng, LaneRng* lanes, V visit, int mask,
                              uint64_t trial0, uint32_t* first) {
  alignas(32) uint32_t v[kLanes];
  _mm256_store_si256(reinterpret_cast<V*>(v), visit);
  // With one site to notice no further word is drawn, so the streams stay in registers.
  const bool draws = r.model().two.site.size() > 1;
  if (draws) Store(rng, lanes);
  for (unsigned m = static_cast<unsigned>(mask); m != 0; m &= m - 1) {
    const int l = __builtin_ctz(m);
    r.TypeTwoNotices(v[l], lanes[l], trial0 + static_cast<uint64_t>(l), l, &first[l]);
  }
  if (draws) rng = Load(lanes);
}

// Detections in the lanes set in `mask` at schedule step `step`.
VERITY_AVX2 void RecordLanes(BlockRunner& r, uint32_t step, V col, int mask, uint64_t trial0,
                             uint32_t* first) {
  alignas(32) uint32_t c[kLanes];
  _mm256_store_si256(reinterpret_cast<V*>(c), col);
  for (unsigned m = static_cast<unsigned>(mask); m != 0; m &= m - 1) {
    const int l = __builtin_ctz(m);
    r.Record(step, r.model().one.site[c[l]], trial0 + static_cast<uint64_t>(l), l, &first[l]);
  }
}

VERITY_AVX2 uint64_t Sum(V v) {
  alignas(32) uint32_t e[kLanes];
  _mm256_store_si256(reinterpret_cast<V*>(e), v);
  uint64_t s = 0;
  for (const uint32_t x : e) s += x;
  return s;
}

// kBases: the number of bases, or more (RunAvx2), so that the loops over
// bases unroll fully and the pools stay in registers; padding bases have
// an id no lane picks and an empty pool.
template <int kBases, bool kDistinct, bool kHidden>
VERITY_AVX2 void RunGroups(BlockRunner& r, LaneRng* lanes, uint64_t begin, uint64_t end) {
  const Model& m = r.model();
  const Tables t = MakeTables(m);
  constexpr int bases = kBases;
  V ids[kBases], start[kBases], pool[kBases];
  for (int b = 0; b < kBases; ++b) {
    const bool real = static_cast<size_t>(b) < m.one.missiles.size();
    ids[b] = Set(real ? static_cast<uint32_t>(b) : 0xffffffffu);
    start[b] = Set(real ? (m.one.missiles[b] << 16) | m.one.overloaded[b] : 0u);
  }
  const V zero = _mm256_setzero_si256();
  const V iota = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  Rng8 rng = Load(lanes);
  const bool coin_word = m.coin_word;
  // Per-lane designation counts are summed once per block.
  static_assert(kBlockTrials / kLanes * kMaxInspectionsPerYear < (uint64_t{1} << 32));
  V designations = zero;
  for (uint64_t trial0 = begin; trial0 < end; trial0 += kLanes) {
    const int count = static_cast<int>(std::min<uint64_t>(kLanes, end - trial0));
    const V valid = _mm256_cmpgt_epi32(Set(static_cast<uint32_t>(count)), iota);
    uint32_t first[kLanes];
    std::fill(first, first + kLanes, r.none());
    for (int b = 0; kDistinct && b < bases; ++b) pool[b] = start[b];
    for (const uint32_t step : r.one_steps()) {
      const V a = Next(rng), d = Next(rng);
      const V col = Pick(a, t.columns, t.threshold, t.alias);
      V state = zero;
      if (kDistinct) {
#pragma GCC unroll 16
        for (int b = 0; b < bases; ++b)
          state = Or(state, And(_mm256_cmpeq_epi32(col, ids[b]), pool[b]));
      } else {
        state = Lookup(t.pool, col);
      }
      const V left = _mm256_srli_epi32(state, 16);
      V missile, fraction;
      MulHiLo(d, left, &missile, &fraction);
      if (coin_word) fraction = Next(rng);
      const V hit = _mm256_cmpgt_epi32(And(state, Set(0xffff)), missile);
      const V designated = _mm256_andnot_si256(_mm256_cmpeq_epi32(left, zero), valid);
      V found = And(hit, Or(LessU(fraction, t.notice), t.notice_always));
      if (kDistinct) {
        const V taken = Or(And(designated, Set(1u << 16)), And(hit, Set(1)));
#pragma GCC unroll 16
        for (int b = 0; b < bases; ++b) {
          pool[b] = _mm256_sub_epi32(pool[b], And(_mm256_cmpeq_epi32(col, ids[b]), taken));
        }
      }
      designations = _mm256_sub_epi32(designations, designated);
      if (kHidden) {
        const V noticed = Or(LessU(Next(rng), t.notice), t.notice_always);
        found = Or(found, And(Lookup(t.undeclared, col), noticed));
      }
      const int mask = _mm256_movemask_ps(_mm256_castsi256_ps(And(found, valid)));
      if (mask != 0) [[unlikely]]
        RecordLanes(r, step, col, mask, trial0, first);
    }
    if (t.two_first) {
      const V visit = Pick(Next(rng), t.two_columns, t.two_threshold, t.two_alias);
      const V none = Set(static_cast<uint32_t>(r.type_two_visits()));
      const int mask = _mm256_movemask_ps(
          _mm256_castsi256_ps(_mm256_andnot_si256(_mm256_cmpeq_epi32(visit, none), valid)));
      if (mask != 0) TypeTwoLanes(r, rng, lanes, visit, mask, trial0, first);
    } else if (m.two.active) {
      Store(rng, lanes);
      for (int l = 0; l < count; ++l)
        r.TypeTwoYear(lanes[l], trial0 + static_cast<uint64_t>(l), l, &first[l]);
      rng = Load(lanes);
    }
    for (int l = 0; l < count; ++l) r.EndTrial(first[l]);
  }
  r.AddDesignations(Sum(designations));
}

template <int kBases>
void RunFor(BlockRunner& r, LaneRng* lanes, uint64_t begin, uint64_t end) {
  const Model& m = r.model();
  if (m.distinct) {
    if (m.hidden_at_bases)
      RunGroups<kBases, true, true>(r, lanes, begin, end);
    else
      RunGroups<kBases, true, false>(r, lanes, begin, end);
  } else {
    if (m.hidden_at_bases)
      RunGroups<kBases, false, true>(r, lanes, begin, end);
    else
      RunGroups<kBases, false, false>(r, lanes, begin, end);
  }
}

}  // namespace

void RunAvx2(BlockRunner& r, LaneRng* lanes, uint64_t begin, uint64_t end) {
  static_assert(kVectorBases == 16);
  // Exact up to 8 bases (the loops over bases are most of a visit's work),
  // then rounded up to 12 or 16.
  switch (r.model().one.missiles.size()) {
    case 0:
    case 1:
      return RunFor<1>(r, lanes, begin, end);
    case 2:
      return RunFor<2>(r, lanes, begin, end);
    case 3:
      return RunFor<3>(r, lanes, begin, end);
    case 4:
      return RunFor<4>(r, lanes, begin, end);
    case 5:
      return RunFor<5>(r, lanes, begin, end);
    case 6:
      return RunFor<6>(r, lanes, begin, end);
    case 7:
      return RunFor<7>(r, lanes, begin, end);
    case 8:
      return RunFor<8>(r, lanes, begin, end);
    case 9:
    case 10:
    case 11:
    case 12:
      return RunFor<12>(r, lanes, begin, end);
    default:
      return RunFor<16>(r, lanes, begin, end);
  }
}

}  // namespace verity::stats

#else  // not x86-64: BlockRunner never selects the vector kernel.

#include <cstdlib>

namespace verity::stats {
void RunAvx2(BlockRunner&, LaneRng*, uint64_t, uint64_t) { std::abort(); }
}  // namespace verity::stats

#endif

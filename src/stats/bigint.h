// BigUint: a small arbitrary-precision unsigned integer for the exact
// statistics (binomial coefficients, exact comparisons of probabilities,
// fractions of Dresher's game). Only what those need; not a general
// big-number library. Sizes here are at most a few thousand bits, so
// quadratic algorithms are fine.
//
// Thread safety: a value type; distinct objects may be used from any thread.
#ifndef VERITY_STATS_BIGINT_H_
#define VERITY_STATS_BIGINT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace verity::stats {

class BigUint {
 public:
  BigUint() = default;
  explicit BigUint(uint64_t v);

  bool IsZero() const { return limbs_.empty(); }
  size_t BitLength() const;

  BigUint& operator+=(const BigUint& other);
  // REQUIRES: *this >= other.
  BigUint& operator-=(const BigUint& other);
  BigUint& MulSmall(uint32_t factor);
  // Divides by `divisor` in place and returns the remainder. REQUIRES: divisor > 0.
  uint32_t DivSmall(uint32_t divisor);
  BigUint& ShiftLeft(size_t bits);
  BigUint& ShiftRight(size_t bits);

  friend BigUint operator*(const BigUint& a, const BigUint& b);
  // Quotient and remainder. REQUIRES: !divisor.IsZero().
  static void DivMod(const BigUint& a, const BigUint& divisor, BigUint* quotient,
                     BigUint* remainder);
  static BigUint Gcd(BigUint a, BigUint b);

  // <0, 0, >0 like strcmp.
  static int Compare(const BigUint& a, const BigUint& b);
  friend bool operator==(const BigUint& a, const BigUint& b) { return Compare(a, b) == 0; }
  friend bool operator<(const BigUint& a, const BigUint& b) { return Compare(a, b) < 0; }
  friend bool operator<=(const BigUint& a, const BigUint& b) { return Compare(a, b) <= 0; }

  std::string ToString() const;
  // The nearest double to a / b (correct to a few ulps). REQUIRES: b non-zero.
  static double Ratio(const BigUint& a, const BigUint& b);

 private:
  void Trim();
  bool Bit(size_t i) const;
  std::vector<uint32_t> limbs_;  // little-endian base 2^32, no leading zero limbs
};

// The binomial coefficient C(n, k) exactly; 0 when k > n.
BigUint Binomial(uint64_t n, uint64_t k);

}  // namespace verity::stats

#endif  // VERITY_STATS_BIGINT_H_

#include "stats/bigint.h"

#include <algorithm>
#include <cmath>

namespace verity::stats {

BigUint::BigUint(uint64_t v) {
  while (v != 0) {
    limbs_.push_back(static_cast<uint32_t>(v));
    v >>= 32;
  }
}

void BigUint::Trim() {
  while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
}

size_t BigUint::BitLength() const {
  if (limbs_.empty()) return 0;
  return 32 * (limbs_.size() - 1) + (32 - static_cast<size_t>(__builtin_clz(limbs_.back())));
}

bool BigUint::Bit(size_t i) const {
  const size_t limb = i / 32;
  return limb < limbs_.size() && ((limbs_[limb] >> (i % 32)) & 1u) != 0;
}

BigUint& BigUint::operator+=(const BigUint& other) {
  if (limbs_.size() < other.limbs_.size()) limbs_.resize(other.limbs_.size(), 0);
  uint64_t carry = 0;
  for (size_t i = 0; i < limbs_.size(); ++i) {
    const uint64_t o = i < other.limbs_.size() ? other.limbs_[i] : 0;
    const uint64_t s = uint64_t{limbs_[i]} + o + carry;
    limbs_[i] = static_cast<uint32_t>(s);
    carry = s >> 32;
    if (carry == 0 && i >= other.limbs_.size()) break;
  }
  if (carry != 0) limbs_.push_back(static_cast<uint32_t>(carry));
  return *this;
}

BigUint& BigUint::operator-=(const BigUint& other) {
  int64_t borrow = 0;
  for (size_t i = 0; i < limbs_.size(); ++i) {
    const int64_t o = i < other.limbs_.size() ? other.limbs_[i] : 0;
    int64_t d = int64_t{limbs_[i]} - o - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += int64_t{1} << 32;
    limbs_[i] = static_cast<uint32_t>(d);
    if (borrow == 0 && i >= other.limbs_.size()) break;
  }
  Trim();
  return *this;
}

BigUint& BigUint::MulSmall(uint32_t factor) {
  uint64_t carry = 0;
  for (uint32_t& limb : limbs_) {
    const uint64_t p = uint64_t{limb} * factor + carry;
    limb = static_cast<uint32_t>(p);
    carry = p >> 32;
  }
  if (carry != 0) limbs_.push_back(static_cast<uint32_t>(carry));
  Trim();
  return *this;
}

uint32_t BigUint::DivSmall(uint32_t divisor) {
  uint64_t rem = 0;
  for (size_t i = limbs_.size(); i-- > 0;) {
    const uint64_t cur = (rem << 32) | limbs_[i];
    limbs_[i] = static_cast<uint32_t>(cur / divisor);
    rem = cur % divisor;
  }
  Trim();
  return static_cast<uint32_t>(rem);
}

BigUint& BigUint::ShiftLeft(size_t bits) {
  if (IsZero()) return *this;
  const size_t limbs = bits / 32, rest = bits % 32;
  limbs_.insert(limbs_.begin(), limbs, 0);
  if (rest != 0) {
    uint32_t carry = 0;
    for (size_t i = limbs; i < limbs_.size(); ++i) {
      const uint32_t next = limbs_[i] >> (32 - rest);
      limbs_[i] = (limbs_[i] << rest) | carry;
      carry = next;
    }
    if (carry != 0) limbs_.push_back(carry);
  }
  return *this;
}

BigUint& BigUint::ShiftRight(size_t bits) {
  const size_t limbs = bits / 32, rest = bits % 32;
  if (limbs >= limbs_.size()) {
    limbs_.clear();
    return *this;
  }
  limbs_.erase(limbs_.begin(), limbs_.begin() + static_cast<std::ptrdiff_t>(limbs));
  if (rest != 0) {
    for (size_t i = 0; i < limbs_.size(); ++i) {
      const uint32_t hi = i + 1 < limbs_.size() ? limbs_[i + 1] : 0;
      limbs_[i] = (limbs_[i] >> rest) | (hi << (32 - rest));
    }
  }
  Trim();
  return *this;
}

BigUint operator*(const BigUint& a, const BigUint& b) {
  BigUint r;
  if (a.IsZero() || b.IsZero()) return r;
  r.limbs_.assign(a.limbs_.size() + b.limbs_.size(), 0);
  for (size_t i = 0; i < a.limbs_.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.limbs_.size(); ++j) {
      const uint64_t cur = uint64_t{a.limbs_[i]} * b.limbs_[j] + r.limbs_[i + j] + carry;
      r.limbs_[i + j] = static_cast<uint32_t>(cur);
      carry = cur >> 32;
    }
    r.limbs_[i + b.limbs_.size()] = static_cast<uint32_t>(carry);
  }
  r.Trim();
  return r;
}

int BigUint::Compare(const BigUint& a, const BigUint& b) {
  if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
  for (size_t i = a.limbs_.size(); i-- > 0;) {
    if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
  }
  return 0;
}

// Schoolbook binary long division: O(bits^2), ample for the sizes used here.
void BigUint::DivMod(const BigUint& a, const BigUint& divisor, BigUint* quotient,
                     BigUint* remainder) {
  BigUint q, r;
  for (size_t i = a.BitLength(); i-- > 0;) {
    r.ShiftLeft(1);
    if (a.Bit(i)) {
      if (r.IsZero())
        r.limbs_.push_back(1);
      else
        r.limbs_[0] |= 1u;
    }
    if (!(r < divisor)) {
      r -= divisor;
      if (q.limbs_.size() <= i / 32) q.limbs_.resize(i / 32 + 1, 0);
      q.limbs_[i / 32] |= 1u << (i % 32);
    }
  }
  q.Trim();
  if (quotient != nullptr) *quotient = std::move(q);
  if (remainder != nullptr) *remainder = std::move(r);
}

// Stein's binary GCD: only shifts and subtractions.
BigUint BigUint::Gcd(BigUint a, BigUint b) {
  if (a.IsZero()) return b;
  if (b.IsZero()) return a;
  auto trailing_zeros = [](const BigUint& x) {
    size_t i = 0;
    while (!x.Bit(i)) ++i;
    return i;
  };
  const size_t shift = std::min(trailing_zeros(a), trailing_zeros(b));
  a.ShiftRight(trailing_zeros(a));
  while (!b.IsZero()) {
    b.ShiftRight(trailing_zeros(b));
    if (b < a) std::swap(a, b);
    b -= a;
  }
  return a.ShiftLeft(shift);
}

std::string BigUint::ToString() const {
  if (IsZero()) return "0";
  BigUint t = *this;
  std::string digits;
  while (!t.IsZero()) digits.push_back(static_cast<char>('0' + t.DivSmall(10)));
  std::reverse(digits.begin(), digits.end());
  return digits;
}

double BigUint::Ratio(const BigUint& a, const BigUint& b) {
  if (a.IsZero()) return 0.0;
  // Scale so that the integer quotient has 64 significant bits, then convert.
  const long shift = 64 + static_cast<long>(b.BitLength()) - static_cast<long>(a.BitLength());
  BigUint num = a, q;
  if (shift > 0) num.ShiftLeft(static_cast<size_t>(shift));
  BigUint den = b;
  if (shift < 0) den.ShiftLeft(static_cast<size_t>(-shift));
  DivMod(num, den, &q, nullptr);
  long double v = 0;
  for (size_t i = q.limbs_.size(); i-- > 0;) v = v * 4294967296.0L + q.limbs_[i];
  return static_cast<double>(std::ldexp(v, static_cast<int>(-shift)));
}

BigUint Binomial(uint64_t n, uint64_t k) {
  if (k > n) return BigUint();
  k = std::min(k, n - k);
  BigUint r(1);
  // After step i, r = C(n - k + i, i): each division is exact.
  for (uint64_t i = 1; i <= k; ++i) {
    BigUint factor(n - k + i);
    r = r * factor;
    r.DivSmall(static_cast<uint32_t>(i));
  }
  return r;
}

}  // namespace verity::stats

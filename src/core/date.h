// Calendar dates and UTC timestamps.
//
// Date is a proleptic Gregorian day number (days since 1970-01-01), written
// and parsed as ISO 8601 "YYYY-MM-DD". Timestamp is seconds since the Unix
// epoch in UTC, written and parsed as "YYYY-MM-DDTHH:MM:SSZ" (treaty
// notifications are timed in GMT). Both are small values, cheap to copy and
// totally ordered.
#ifndef VERITY_CORE_DATE_H_
#define VERITY_CORE_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace verity {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // REQUIRES: a valid calendar date (use Parse for untrusted input).
  static Date FromYmd(int year, unsigned month, unsigned day);

  // Parses "YYYY-MM-DD" strictly (zero-padded, a real calendar day, years
  // 1900..2999). InvalidArgument names what was wrong.
  static StatusOr<Date> Parse(std::string_view text);

  int32_t days() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  std::string ToString() const;

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // The same day-of-month n years later (29 Feb becomes 28 Feb).
  Date AddYears(int n) const;
  // The same day-of-month n months later, clamped to the month's length.
  Date AddMonths(int n) const;
  int32_t operator-(Date other) const { return days_ - other.days_; }

  auto operator<=>(const Date&) const = default;

 private:
  explicit constexpr Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp FromSeconds(int64_t s) { return Timestamp(s); }
  static Timestamp StartOf(Date d) { return Timestamp(int64_t{d.days()} * 86400); }
  // Parses "YYYY-MM-DDTHH:MM:SSZ" strictly.
  static StatusOr<Timestamp> Parse(std::string_view text);

  int64_t seconds() const { return seconds_; }
  Date date() const;
  std::string ToString() const;

  auto operator<=>(const Timestamp&) const = default;

 private:
  explicit constexpr Timestamp(int64_t s) : seconds_(s) {}
  int64_t seconds_ = 0;
};

}  // namespace verity

#endif  // VERITY_CORE_DATE_H_

#include "core/date.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"

namespace verity {
namespace {

// Days from civil and back: H. Hinnant's algorithms (public domain), exact
// for the proleptic Gregorian calendar.
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
  int y;
  unsigned m, d;
};

Ymd CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` decimal digits at text[pos..]; -1 if any is not a digit.
int Digits(std::string_view text, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

constexpr int kMaxFourDigitYear = 9999;

// Writes `v` as exactly `width` decimal digits (zero-padded) at `out`.
// REQUIRES: v < 10^width.
void PutDigits(char* out, unsigned v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

StatusOr<Date> ParseDatePart(std::string_view text, std::string_view full) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return InvalidArgument("" + Quote(std::string(full)) + " is not a date of the form YYYY-MM-DD");
  }
  const int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) {
    return InvalidArgument("" + Quote(std::string(full)) + " is not a date of the form YYYY-MM-DD");
  }
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
      static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(m))) {
    return InvalidArgument("" + Quote(std::string(full)) + " is not a calendar date");
  }
  return Date::FromDays(DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

}  // namespace

Date Date::FromYmd(int year, unsigned month, unsigned day) {
  return Date(DaysFromCivil(year, month, day));
}

StatusOr<Date> Date::Parse(std::string_view text) { return ParseDatePart(text, text); }

int Date::year() const { return CivilFromDays(days_).y; }
unsigned Date::month() const { return CivilFromDays(days_).m; }
unsigned Date::day() const { return CivilFromDays(days_).d; }

std::string Date::ToString() const {
  const Ymd c = CivilFromDays(days_);
  if (c.y < 0 || c.y > kMaxFourDigitYear) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
    return buf;
  }
  // The format above, written without snprintf (hot when appending).
  std::string s = "0000-00-00";
  PutDigits(&s[0], static_cast<unsigned>(c.y), 4);
  PutDigits(&s[5], c.m, 2);
  PutDigits(&s[8], c.d, 2);
  return s;
}

Date Date::AddMonths(int n) const {
  const Ymd c = CivilFromDays(days_);
  const int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
  const int y = total / 12;
  const unsigned m = static_cast<unsigned>(total % 12) + 1;
  const unsigned d = std::min(c.d, DaysInMonth(y, m));
  return FromYmd(y, m, d);
}

Date Date::AddYears(int n) const { return AddMonths(12 * n); }

StatusOr<Timestamp> Timestamp::Parse(std::string_view text) {
  auto bad = [text] {
    return InvalidArgument(Quote(text) + " is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ");
  };
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return bad();
  }
  auto date = ParseDatePart(text.substr(0, 10), text);
  if (!date.ok()) return date.status();
  const int hh = Digits(text, 11, 2), mm = Digits(text, 14, 2), ss = Digits(text, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 59) return bad();
  return Timestamp(int64_t{date->days()} * 86400 + hh * 3600 + mm * 60 + ss);
}

Date Timestamp::date() const {
  int64_t days = seconds_ / 86400;
  if (seconds_ < 0 && seconds_ % 86400 != 0) --days;
  return Date::FromDays(static_cast<int32_t>(days));
}

std::string Timestamp::ToString() const {
  const Date d = date();
  const auto secs = static_cast<unsigned>(seconds_ - int64_t{d.days()} * 86400);  // 0..86399
  std::string s = d.ToString() + "T00:00:00Z";
  char* time = &s[s.size() - 9];
  PutDigits(time, secs / 3600, 2);
  PutDigits(time + 3, secs / 60 % 60, 2);
  PutDigits(time + 6, secs % 60, 2);
  return s;
}

}  // namespace verity

#include "core/date.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace verity {
namespace {

TEST(DateTest, ParsesAndPrintsRoundTrip) {
  auto d = Date::Parse("2011-02-05");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->ToString(), "2011-02-05");
  EXPECT_EQ(d->year(), 2011);
  EXPECT_EQ(d->month(), 2u);
  EXPECT_EQ(d->day(), 5u);
  EXPECT_EQ(Date::Parse("1970-01-01")->days(), 0);
}

TEST(DateTest, DifferenceCountsDays) {
  // New START: entry into force to the central-limit deadline is seven years.
  EXPECT_EQ(*Date::Parse("2018-02-05") - *Date::Parse("2011-02-05"), 7 * 365 + 2);
  EXPECT_EQ(Date::Parse("2011-02-05")->AddYears(7), *Date::Parse("2018-02-05"));
}

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  EXPECT_EQ(Date::Parse("2011-2-5").status().message(),
            "'2011-2-5' is not a date of the form YYYY-MM-DD");
  EXPECT_EQ(Date::Parse("2011-02-29").status().message(), "'2011-02-29' is not a calendar date");
  EXPECT_TRUE(Date::Parse("2012-02-29").ok());
  EXPECT_FALSE(Date::Parse("2011-13-01").ok());
  EXPECT_FALSE(Date::Parse("20x1-01-01").ok());
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date::Parse("2012-01-31")->AddMonths(1).ToString(), "2012-02-29");
  EXPECT_EQ(Date::Parse("2011-09-01")->AddMonths(6).ToString(), "2012-03-01");
  EXPECT_EQ(Date::Parse("2012-02-29")->AddYears(1).ToString(), "2013-02-28");
}

TEST(TimestampTest, ParsesUtcTimes) {
  auto t = Timestamp::Parse("2011-02-10T13:45:07Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "2011-02-10T13:45:07Z");
  EXPECT_EQ(t->date().ToString(), "2011-02-10");
  EXPECT_FALSE(Timestamp::Parse("2011-02-10 13:45:07").ok());
  EXPECT_FALSE(Timestamp::Parse("2011-02-10T24:00:00Z").ok());
}

// ToString is written without snprintf; it must print what the format
// "%04d-%02u-%02u" + "T%02d:%02d:%02dZ" prints (stored bytes depend on it).
TEST(TimestampTest, ToStringMatchesThePrintfFormat) {
  const int64_t day = 86400;
  for (int64_t days = -800'000; days <= 3'000'000; days += 997) {
    const Timestamp t = Timestamp::FromSeconds(days * day + (days * 7919) % day);
    const Date d = t.date();
    const int64_t secs = t.seconds() - int64_t{d.days()} * day;
    char want[64];
    std::snprintf(want, sizeof want, "%04d-%02u-%02uT%02d:%02d:%02dZ", d.year(), d.month(), d.day(),
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    ASSERT_EQ(t.ToString(), want) << days;
    ASSERT_EQ(d.ToString(), std::string(want, t.ToString().size() - 10)) << days;
  }
}

}  // namespace
}  // namespace verity

#include "redgrid/content/time_format.h"

#include <gtest/gtest.h>

namespace redgrid::content {
namespace {

using namespace std::chrono;

TimePoint utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    return TimePoint{sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s}};
}

TEST(ParseRfc3339, ReadsOffsetsAsTheSameInstant) {
    const TimePoint expected = utc(2026, 11, 28, 1, 0, 0);
    EXPECT_EQ(parse_rfc3339("2026-11-28T09:00:00+08:00"), expected);
    EXPECT_EQ(parse_rfc3339("2026-11-28T01:00:00Z"), expected);
    EXPECT_EQ(parse_rfc3339("2026-11-28t01:00:00z"), expected);
    EXPECT_EQ(parse_rfc3339("2026-11-27T20:30:00-04:30"), expected);
    EXPECT_EQ(parse_rfc3339("2026-11-28T01:00:00-00:00"), expected);
}

TEST(ParseRfc3339, OffsetCrossesDayMonthAndYear) {
    EXPECT_EQ(parse_rfc3339("2027-01-01T05:00:00+08:00"), utc(2026, 12, 31, 21, 0, 0));
    EXPECT_EQ(parse_rfc3339("2026-12-31T23:30:00-01:00"), utc(2027, 1, 1, 0, 30, 0));
}

TEST(ParseRfc3339, FractionsAreTruncatedAndLeapSecondsRollOver) {
    EXPECT_EQ(parse_rfc3339("2026-11-28T01:00:00.999Z"), utc(2026, 11, 28, 1, 0, 0));
    EXPECT_EQ(parse_rfc3339("2026-11-28T01:00:00.5+08:00"), utc(2026, 11, 27, 17, 0, 0));
    EXPECT_EQ(parse_rfc3339("2016-12-31T23:59:60Z"), utc(2017, 1, 1, 0, 0, 0));
}

TEST(ParseRfc3339, KnowsTheCalendar) {
    EXPECT_EQ(parse_rfc3339("2028-02-29T00:00:00Z"), utc(2028, 2, 29, 0, 0, 0));
    EXPECT_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2100-02-29T00:00:00Z"));
    EXPECT_TRUE(parse_rfc3339("2000-02-29T00:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-04-31T00:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-00-01T00:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-01-00T00:00:00Z"));
}

TEST(ParseRfc3339, RejectsEverythingElse) {
    for (const char* bad : {"", "2026-11-28", "2026-11-28T09:00:00", "2026-11-28 09:00:00+08:00",
                            "2026-11-28T09:00+08:00", "2026-11-28T24:00:00Z", "2026-11-28T09:60:00Z",
                            "2026-11-28T09:00:61Z", "2026-11-28T09:00:00+0800", "2026-11-28T09:00:00+24:00",
                            "2026-11-28T09:00:00+08:60", "2026-11-28T09:00:00.Z", "2026-11-28T09:00:00Z ",
                            " 2026-11-28T09:00:00Z", "2026-1-28T09:00:00Z", "+2026-11-28T09:00:00Z",
                            "2026/11/28T09:00:00Z", "2026-11-28T09:00:00ZZ", "20261128T090000Z"}) {
        EXPECT_FALSE(parse_rfc3339(bad).has_value()) << '"' << bad << '"';
    }
}

TEST(FormatRfc3339, WritesLocalTimeWithItsOffset) {
    const TimePoint t = utc(2026, 11, 28, 1, 0, 5);
    EXPECT_EQ(format_rfc3339(t, 480), "2026-11-28T09:00:05+08:00");
    EXPECT_EQ(format_rfc3339(t, 0), "2026-11-28T01:00:05Z");
    EXPECT_EQ(format_rfc3339(t, -270), "2026-11-27T20:30:05-04:30");
    EXPECT_EQ(format_rfc3339(utc(2026, 12, 31, 20, 0, 0), 480), "2027-01-01T04:00:00+08:00");
    EXPECT_EQ(format_rfc3339(utc(1969, 12, 31, 23, 59, 59), 0), "1969-12-31T23:59:59Z");
}

TEST(FormatRfc3339, RoundTripsThroughParse) {
    for (const int offset : {-720, -1, 0, 1, 330, 480, 840}) {
        for (const TimePoint t : {utc(2026, 2, 28, 23, 59, 59), utc(2028, 2, 29, 12, 0, 0), utc(1999, 12, 31, 0, 0, 0)}) {
            const std::string text = format_rfc3339(t, offset);
            EXPECT_EQ(parse_rfc3339(text), t) << text;
        }
    }
}

TEST(FormatRfc3339, ClampsOffsetsRfc3339CannotWrite) {
    EXPECT_EQ(format_rfc3339(utc(2026, 1, 1, 0, 0, 0), 100000), "2026-01-01T23:59:00+23:59");
}

}  // namespace
}  // namespace redgrid::content

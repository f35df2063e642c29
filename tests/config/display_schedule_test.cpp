// The display schedule value: parsed the same for the config file, the environment and the
// server's command; overnight windows; the boundaries.
#include "redgrid/config/display_schedule.h"

#include <gtest/gtest.h>

#include "redgrid/config/config.h"

namespace redgrid::config {
namespace {

TEST(DisplaySchedule, ParsesDayWindow) {
    const auto s = parse_display_schedule("07:00-22:00");
    ASSERT_TRUE(s && *s);
    EXPECT_EQ((*s)->on_minute, 7 * 60);
    EXPECT_EQ((*s)->off_minute, 22 * 60);
    EXPECT_EQ((*s)->to_string(), "07:00-22:00");
    EXPECT_FALSE((*s)->on_at(6 * 60 + 59));
    EXPECT_TRUE((*s)->on_at(7 * 60));  // the start is inside
    EXPECT_TRUE((*s)->on_at(21 * 60 + 59));
    EXPECT_FALSE((*s)->on_at(22 * 60));  // the end is outside
    EXPECT_FALSE((*s)->on_at(0));
}

TEST(DisplaySchedule, OvernightWindowPassesMidnight) {
    const auto s = parse_display_schedule("22:00-06:00");
    ASSERT_TRUE(s && *s);
    EXPECT_TRUE((*s)->on_at(22 * 60));
    EXPECT_TRUE((*s)->on_at(23 * 60 + 59));
    EXPECT_TRUE((*s)->on_at(0));
    EXPECT_TRUE((*s)->on_at(5 * 60 + 59));
    EXPECT_FALSE((*s)->on_at(6 * 60));
    EXPECT_FALSE((*s)->on_at(12 * 60));
    EXPECT_EQ((*s)->to_string(), "22:00-06:00");
}

TEST(DisplaySchedule, EmptyIsAlwaysOn) {
    const auto s = parse_display_schedule("");
    ASSERT_TRUE(s);
    EXPECT_FALSE(*s);
}

TEST(DisplaySchedule, RefusesWhatIsNotHhMmHhMm) {
    for (std::string_view bad : {"7:00-22:00", "07:00-24:00", "07:60-22:00", "07:00 - 22:00", "07:00-22", "always",
                                 "07.00-22.00", "-7:00-22:00"}) {
        const auto s = parse_display_schedule(bad);
        ASSERT_FALSE(s) << bad;
        EXPECT_NE(s.error().find("must be \"HH:MM-HH:MM\""), std::string::npos) << s.error();
    }
    const auto same = parse_display_schedule("08:00-08:00");
    ASSERT_FALSE(same);
    EXPECT_NE(same.error().find("same time"), std::string::npos);
}

TEST(DisplaySchedule, ConfigErrorNamesTheKey) {
    const auto cfg = parse_config(R"({"screen": {"display_schedule": "25:00-06:00"}})", "kiosk.json", {});
    ASSERT_FALSE(cfg);
    ASSERT_EQ(cfg.error().size(), 1u);
    EXPECT_EQ(cfg.error()[0].key, "screen.display_schedule");
    EXPECT_NE(cfg.error()[0].to_string().find("kiosk.json:1: screen.display_schedule: must be"), std::string::npos)
        << cfg.error()[0].to_string();
}

}  // namespace
}  // namespace redgrid::config

// Inputs the fuzzers found (tests/fuzz, docs/reliability.md "Fuzzing"), kept so they can
// never come back.
#include <gtest/gtest.h>

#include "redgrid/kiosk/app/replay.h"

namespace redgrid::kiosk {
namespace {

// fuzz_replay, 2026-11-25: "now 1013-11-25T09:30:00+08:00" made the script's start time
// overflow system_clock's nanoseconds (UBSan: signed integer overflow in chrono.h).
TEST(ReplayRegression, StartTimesTheClockCannotHoldAreRefusedWithTheirLine) {
    for (const char* when : {"1013-11-25T09:30:00+08:00", "0000-01-01T00:00:00Z", "2263-01-01T00:00:00Z",
                             "9999-12-31T23:59:59Z"}) {
        const auto script = parse_replay(std::string("size 1920x1080\nnow ") + when + "\ntap 10 10\n", "t.replay");
        ASSERT_FALSE(script) << when;
        ASSERT_EQ(script.error().size(), 1u);
        EXPECT_NE(script.error()[0].find("t.replay:2:"), std::string::npos) << script.error()[0];
        EXPECT_NE(script.error()[0].find(when), std::string::npos) << script.error()[0];
    }
    const auto fine = parse_replay("now 2026-11-25T09:30:00+08:00\ntap 10 10\n", "t.replay");
    ASSERT_TRUE(fine) << fine.error()[0];
    ASSERT_TRUE(fine->start.has_value());
}

// fuzz_replay, 2026-11-25: "drag 540 ... 222222222222222222s" overflowed while converting
// the duration to milliseconds, before the 8-day limit was checked.
TEST(ReplayRegression, HugeDurationsInEveryUnitAreRefusedNotOverflowed) {
    for (const char* step : {"wait 222222222222222222s", "wait 9223372036854775807h", "wait 99999999999999min",
                             "drag 540 1400 540 700 222222222222222222s"}) {
        const auto script = parse_replay(std::string(step) + "\n", "t.replay");
        ASSERT_FALSE(script) << step;
        EXPECT_NE(script.error()[0].find("t.replay:1:"), std::string::npos) << script.error()[0];
    }
    ASSERT_TRUE(parse_replay("wait 8h\n", "t.replay"));
}

}  // namespace
}  // namespace redgrid::kiosk

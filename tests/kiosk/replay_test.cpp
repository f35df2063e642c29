// End-to-end UI tests: every tests/replay/*.replay script runs headless against the demo
// content, and each of its screenshots must match tests/golden/replay/SCRIPT-NAME.png.
#include <gtest/gtest.h>

#include <fstream>

#include "golden_compare.h"
#include "redgrid/kiosk/app/replay.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> replay_scripts() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(fs::path(REDGRID_SOURCE_DIR) / "tests/replay"))
        if (entry.path().extension() == ".replay") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

class Replay : public ::testing::TestWithParam<std::string> {};

TEST_P(Replay, RunsAndMatchesGoldens) {
    const fs::path file = fs::path(REDGRID_SOURCE_DIR) / "tests/replay" / (GetParam() + ".replay");
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto script = parse_replay(text, file.string());
    ASSERT_TRUE(script) << script.error().front();

    RunnerOptions options;
    options.media_dir = test::demo_dir() / "media";
    const fs::path out = fs::path(REDGRID_BINARY_DIR) / "replay-out" / GetParam();
    auto result = run_replay(*script, file.string(), options, test::demo_content(), out);
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result->steps_run, static_cast<int>(script->steps.size()));
    for (const auto& shot : result->screenshots) {
        const fs::path golden = fs::path(REDGRID_SOURCE_DIR) / "tests/golden/replay" /
                                (GetParam() + "-" + shot.filename().string());
        EXPECT_EQ(redgrid::test::compare_with_golden(shot, golden), "");
    }
}

INSTANTIATE_TEST_SUITE_P(Scripts, Replay, ::testing::ValuesIn(replay_scripts()),
                         [](const auto& info) {
                             std::string n = info.param;
                             for (char& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

TEST(ReplayParse, EveryProblemNamesItsLine) {
    const auto bad = parse_replay("size 1920x1080\ntapp @call\nwait forever\ntap\nscreen settings\n"
                                  "drag 1 2 3 4\nexpect screen\nscreenshot ../evil\nnow 2026-11-25T09:30:00+08:00\n",
                                  "t.replay");
    ASSERT_FALSE(bad);
    const std::vector<std::string> want_prefixes = {"t.replay:2: unknown step", "t.replay:3: expected a duration",
                                                    "t.replay:4: expected \"tap @ID\"", "t.replay:5: unknown screen",
                                                    "t.replay:6: expected \"drag", "t.replay:7: expected \"expect",
                                                    "t.replay:8: screenshot names", "t.replay:9: \"now\" must come before"};
    ASSERT_EQ(bad.error().size(), want_prefixes.size());
    for (std::size_t i = 0; i < want_prefixes.size(); ++i)
        EXPECT_TRUE(bad.error()[i].starts_with(want_prefixes[i])) << bad.error()[i];
}

TEST(ReplayParse, ParsesEveryStepKind) {
    auto s = parse_replay("# a comment\nsize 1080x1920\nnow 2026-11-25T09:30:00+08:00\nscreen notices\n"
                          "tap @back\ntap 10 20\npress 1 2\nmove 3 4\nrelease 5 6\ndrag 1 2 3 4 300ms\n"
                          "wait 2min\nexpect screen home\nexpect target @call\nexpect no-target @x\nscreenshot a-b_c\n"
                          "await screen coming 30s\n",
                          "ok.replay");
    ASSERT_TRUE(s) << s.error().front();
    EXPECT_EQ(s->width, 1080);
    EXPECT_EQ(s->height, 1920);
    EXPECT_EQ(s->steps.size(), 13u);
    EXPECT_EQ(std::get<replay::AwaitScreen>(s->steps[12].action).timeout, std::chrono::seconds(30));
    EXPECT_EQ(std::get<replay::Wait>(s->steps[7].action).duration, std::chrono::minutes(2));
}

TEST(ReplayRun, AFailedExpectationNamesTheLine) {
    auto s = parse_replay("tap @tile:notices\nexpect screen honours\n", "x.replay");
    ASSERT_TRUE(s);
    RunnerOptions options;
    options.media_dir = test::demo_dir() / "media";
    auto r = run_replay(*s, "x.replay", options, test::demo_content(), fs::path(REDGRID_BINARY_DIR) / "replay-out/x");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), "x.replay:2: expected screen honours, showing notices");
}

}  // namespace
}  // namespace redgrid::kiosk

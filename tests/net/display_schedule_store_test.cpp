// set_display_schedule on the kiosk: validated like the config's key, saved atomically in
// the data directory (a restart keeps it, it overrides the config), "" = always on, and a
// damaged file falls back to the config with a log line instead of stopping the screen.
#include "redgrid/net/display_schedule_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "net_test_support.h"

namespace redgrid::net {
namespace {

using test::TempDir;

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(DisplayScheduleStore, WithoutASavedScheduleTheConfigsApplies) {
    TempDir dir;
    EXPECT_EQ(load_display_schedule(dir.path(), "07:00-22:00"), "07:00-22:00");
    EXPECT_EQ(load_display_schedule(dir.path() / "not-yet", ""), "");
}

TEST(DisplayScheduleStore, ACommandAppliesAtOnceAndSurvivesARestart) {
    TempDir dir;
    config::DisplaySettings settings(load_display_schedule(dir.path(), "07:00-22:00"));
    const unsigned before = settings.generation();
    const CommandResult result =
        apply_display_schedule({"c-46", "set_display_schedule", "22:00-06:00"}, dir.path(), settings);
    EXPECT_EQ(result.id, "c-46");
    EXPECT_EQ(result.status, CommandStatus::done) << result.message;
    EXPECT_EQ(settings.schedule(), "22:00-06:00");
    EXPECT_GT(settings.generation(), before);  // the UI loop notices
    // The next start: the server's schedule beats the config's.
    EXPECT_EQ(load_display_schedule(dir.path(), "07:00-22:00"), "22:00-06:00");
    // Only the kiosk's user and group may read it; no temporary file is left behind.
    struct stat st {};
    ASSERT_EQ(::stat(display_schedule_file(dir.path()).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
    // Repeating the command (the server resends until it hears back) changes nothing.
    EXPECT_EQ(apply_display_schedule({"c-46", "set_display_schedule", "22:00-06:00"}, dir.path(), settings).status,
              CommandStatus::done);
    EXPECT_EQ(load_display_schedule(dir.path(), "07:00-22:00"), "22:00-06:00");
}

TEST(DisplayScheduleStore, AnEmptyScheduleMeansAlwaysOnAndOverridesTheConfig) {
    TempDir dir;
    config::DisplaySettings settings("07:00-22:00");
    const CommandResult result = apply_display_schedule({"c-47", "set_display_schedule", ""}, dir.path(), settings);
    EXPECT_EQ(result.status, CommandStatus::done);
    EXPECT_EQ(result.message, "display schedule always on");
    EXPECT_EQ(settings.schedule(), "");
    EXPECT_EQ(load_display_schedule(dir.path(), "07:00-22:00"), "");
}

TEST(DisplayScheduleStore, ABadScheduleFailsWithTheReasonAndChangesNothing) {
    TempDir dir;
    config::DisplaySettings settings("07:00-22:00");
    ASSERT_EQ(apply_display_schedule({"c-1", "set_display_schedule", "06:30-23:00"}, dir.path(), settings).status,
              CommandStatus::done);
    const unsigned generation = settings.generation();
    const std::string saved = read(display_schedule_file(dir.path()));
    for (const char* bad : {"7:00-22:00", "07:00-07:00", "25:00-06:00", "07:00", "always", "07:00-22:00 "}) {
        const CommandResult result = apply_display_schedule({"c-2", "set_display_schedule", bad}, dir.path(), settings);
        EXPECT_EQ(result.status, CommandStatus::failed) << bad;
        EXPECT_EQ(result.message.rfind("schedule ", 0), 0u) << result.message;
        EXPECT_NE(result.message.find(bad), std::string::npos) << result.message;
    }
    EXPECT_EQ(settings.schedule(), "06:30-23:00");
    EXPECT_EQ(settings.generation(), generation);
    EXPECT_EQ(read(display_schedule_file(dir.path())), saved);
}

TEST(DisplayScheduleStore, ADataDirectoryThatCannotBeWrittenFailsTheCommand) {
    TempDir dir;
    const auto blocked = dir.path() / "blocked";
    std::ofstream(blocked) << "a file where the directory should be";
    config::DisplaySettings settings("07:00-22:00");
    const CommandResult result =
        apply_display_schedule({"c-3", "set_display_schedule", "08:00-20:00"}, blocked, settings);
    EXPECT_EQ(result.status, CommandStatus::failed);
    EXPECT_NE(result.message.find("display-schedule.json"), std::string::npos) << result.message;
    EXPECT_EQ(settings.schedule(), "07:00-22:00");  // not in force if it would not survive a restart
}

TEST(DisplayScheduleStore, ADamagedFileFallsBackToTheConfig) {
    TempDir dir;
    const auto file = display_schedule_file(dir.path());
    for (const char* text : {"", "{\"schedule\": \"07:00-22", "[]", "{\"schedule\": 7}", "{}",
                             "{\"schedule\": \"24:00-06:00\"}", "\x01\x02\xff"}) {
        std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
        EXPECT_EQ(load_display_schedule(dir.path(), "07:00-22:00"), "07:00-22:00") << text;
    }
    // And a good command repairs it.
    config::DisplaySettings settings("07:00-22:00");
    ASSERT_EQ(apply_display_schedule({"c-4", "set_display_schedule", "08:00-20:00"}, dir.path(), settings).status,
              CommandStatus::done);
    EXPECT_EQ(load_display_schedule(dir.path(), "07:00-22:00"), "08:00-20:00");
}

}  // namespace
}  // namespace redgrid::net

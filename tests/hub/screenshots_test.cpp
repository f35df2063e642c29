// The hub's screenshot files (hub_screenshots.cpp): each kiosk's, by name, oldest first, with
// the command each answered; only the newest are kept.
#include <gtest/gtest.h>

#include <fstream>

#include "redgrid/hub/store/hub_screenshots.h"
#include "net_test_support.h"

namespace redgrid::hub {
namespace {

namespace fs = std::filesystem;

void touch(const fs::path& file) {
    std::ofstream(file) << "png";
}

TEST(HubScreenshots, ListsOnlyThatKiosksFilesOldestFirstWithTheirCommands) {
    test::TempDir dir;
    for (const char* name : {"k1-20261125T093004Z-c-7.png", "k1-20261125T093004Z-c-7.2.png", "k1-20261124T235959Z.png",
                             "k1-b-20261125T093004Z.png", "k1-notastamp.png", "k1-20261125T093004Z-c-8.txt"})
        touch(dir.path() / name);
    const auto shots = list_screenshots("k1", dir.path());
    ASSERT_EQ(shots.size(), 3u);
    EXPECT_EQ(shots[0].path.filename(), "k1-20261124T235959Z.png");
    EXPECT_EQ(shots[0].command_id, "");
    EXPECT_EQ(shots[1].path.filename(), "k1-20261125T093004Z-c-7.2.png");
    EXPECT_EQ(shots[1].command_id, "c-7");
    EXPECT_EQ(shots[2].command_id, "c-7");
    // Kiosk "k1-b" is not kiosk "k1", and the other way round.
    const auto other = list_screenshots("k1-b", dir.path());
    ASSERT_EQ(other.size(), 1u);
    EXPECT_EQ(other[0].path.filename(), "k1-b-20261125T093004Z.png");
}

TEST(HubScreenshots, PruningKeepsTheNewest) {
    test::TempDir dir;
    for (int minute = 10; minute < 15; ++minute)
        touch(dir.path() / ("k1-20261125T09" + std::to_string(minute) + "00Z.png"));
    touch(dir.path() / "k2-20261125T090000Z.png");
    EXPECT_EQ(prune_screenshots("k1", dir.path(), 2), 3u);
    const auto left = list_screenshots("k1", dir.path());
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].path.filename(), "k1-20261125T091300Z.png");
    EXPECT_EQ(left[1].path.filename(), "k1-20261125T091400Z.png");
    EXPECT_TRUE(fs::exists(dir.path() / "k2-20261125T090000Z.png")) << "another kiosk's are not touched";
}

}  // namespace
}  // namespace redgrid::hub

// The panel switch the runner finds (kiosk/app/src/display_output.cpp): with no KMSDRM window it
// falls back to a writable sysfs backlight, writing bl_power 4 (off) and 0 (on), and to the
// black frame when there is none or it is read-only (the unit's ProtectKernelTunables=).
#include "../../kiosk/app/src/display_output.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace redgrid::kiosk::detail {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(REDGRID_BINARY_DIR) / "display-output-test" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

TEST(DisplayOutput, AWritableBacklightIsSwitchedThroughBlPower) {
    const fs::path root = scratch("writable");
    fs::create_directories(root / "rpi_backlight");
    std::ofstream(root / "rpi_backlight" / "bl_power") << "0\n";
    DisplayOutput out = DisplayOutput::detect(nullptr, root);
    EXPECT_TRUE(out.can_switch());
    EXPECT_EQ(out.method(), "backlight (" + (root / "rpi_backlight").string() + ")");
    EXPECT_EQ(out.set_power(false), "");
    EXPECT_EQ(read(root / "rpi_backlight" / "bl_power"), "4");
    EXPECT_EQ(out.set_power(true), "");
    EXPECT_EQ(read(root / "rpi_backlight" / "bl_power"), "0");
}

TEST(DisplayOutput, NoBacklightMeansTheBlackFrameOnly) {
    DisplayOutput out = DisplayOutput::detect(nullptr, scratch("none") / "missing");
    EXPECT_FALSE(out.can_switch());
    EXPECT_EQ(out.method(), "black frame only");
    EXPECT_EQ(out.set_power(false), "");
}

TEST(DisplayOutput, AReadOnlyBacklightIsNotUsed) {
    if (::geteuid() == 0) GTEST_SKIP() << "root may write a read-only file";
    const fs::path root = scratch("read-only");
    fs::create_directories(root / "panel");
    std::ofstream(root / "panel" / "bl_power") << "0\n";
    fs::permissions(root / "panel" / "bl_power", fs::perms::owner_read);
    EXPECT_FALSE(DisplayOutput::detect(nullptr, root).can_switch());
}

}  // namespace
}  // namespace redgrid::kiosk::detail

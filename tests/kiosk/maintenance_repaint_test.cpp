// The maintenance pages through Painter::draw_changes, as the kiosk loop draws them on a
// target that keeps its pixels: a finger drawing in the touch test (each move adds dots),
// clearing, the PIN pad counting down a lockout and the test pattern must give exactly the
// pixels of full redraws.
#include <gtest/gtest.h>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/time_format.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "redgrid/render/sdl_handles.h"
#include "rendering_support.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

constexpr int kWidth = 1920, kHeight = 1080;

class MaintenanceRepaint : public ::testing::Test {
protected:
    void SetUp() override {
        app_.set_size(kWidth, kHeight);
        app_.set_content(test::demo_content());
        frame("home");
    }

    // Draws the App's frame both ways and compares every pixel.
    void frame(const std::string& step) {
        const auto drawn = two_way_.draw(app_.frame(fonts_));
        EXPECT_EQ(drawn.differing, 0u) << step << ": first differing pixel at (" << drawn.first_x << ", "
                                       << drawn.first_y << ")";
    }

    void tap(const std::string& id, const std::string& step) {
        ASSERT_TRUE(app_.tap(id)) << id;
        frame(step);
    }

    test::RealRendering rendering_ = test::RealRendering::open();
    render::FontSet& fonts_ = rendering_.fonts;
    render::DirectoryMediaStore media_{test::demo_dir() / "media"};
    test::TwoWayDrawing two_way_{fonts_, media_, kWidth, kHeight};
    FakeClock clock_{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    App app_{clock_, AppOptions{.maintenance_pin = "2468"}};
};

TEST_F(MaintenanceRepaint, PinPadTouchTestAndPatternMatchFullRedraws) {
    const auto* corner = app_.frame(fonts_).find("maint:corner");
    ASSERT_NE(corner, nullptr);
    app_.press({20, 20});
    frame("holding the corner");
    clock_.advance(3s);
    app_.tick();
    app_.release({20, 20});
    frame("PIN pad");
    for (int round = 0; round < 3; ++round) {
        for (char d : std::string("1357")) tap(std::string("pin:") + d, "a digit");
        tap("pin:ok", "a wrong PIN");
    }
    for (int s = 0; s < 3; ++s) {
        clock_.advance(1s);
        app_.tick();
        frame("lockout countdown");
    }
    clock_.advance(30s);
    app_.tick();
    frame("unlocked");
    for (char d : std::string("2468")) tap(std::string("pin:") + d, "a digit");
    tap("pin:ok", "status page");
    app_.set_maintenance_status(sample_maintenance_status(clock_.now()));
    frame("status arrived");
    tap("maint:touch-test", "touch test");
    app_.press({300, 400});
    frame("finger down");
    for (int i = 1; i <= 12; ++i) {
        app_.move({300.f + 90.f * static_cast<float>(i), 400.f + 35.f * static_cast<float>(i)});
        frame("finger moving " + std::to_string(i));
    }
    app_.release({1380, 820});
    frame("finger up");
    tap("maint:touch-clear", "cleared");
    tap("maint:touch-done", "back to status");
    tap("maint:pattern", "pattern");
    tap("maint:pattern-exit", "back from the pattern");
}

}  // namespace
}  // namespace redgrid::kiosk

// Golden images of the maintenance pages at 1920x1080, reached the way a technician reaches
// them (hold the corner, type the PIN) on the real renderer and fonts, with the fixed sample
// status so the pictures do not depend on this machine. Regenerate with
// REDGRID_UPDATE_GOLDENS=1 and look at every changed PNG.
#include <gtest/gtest.h>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "golden_compare.h"
#include "redgrid/config/config.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/time_format.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class MaintenanceGolden : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = render::SdlLibrary::init();
        ASSERT_TRUE(s) << s.error();
        sdl.emplace(std::move(*s));
        const config::KioskConfig cfg;
        render::FontOptions f;
        f.text_font_files = cfg.font_files;
        f.icon_font_file = cfg.icon_font_file;
        auto loaded = render::FontSet::load(f);
        ASSERT_TRUE(loaded) << loaded.error();
        fonts.emplace(std::move(*loaded));
        auto t = render::RenderTarget::offscreen(1920, 1080);
        ASSERT_TRUE(t) << t.error();
        target = std::move(*t);
        painter.emplace(target->renderer(), *fonts, media);
        app.set_content(test::demo_content());
        app.set_size(1920, 1080);
        app.frame(*fonts);
    }

    void check(const std::string& name) {
        app.settle_animations();  // the settled page, not a moment of its fade-in
        painter->draw(app.frame(*fonts));
        target->present();
        const fs::path actual = fs::path(REDGRID_BINARY_DIR) / "golden-out" / (name + ".png");
        fs::create_directories(actual.parent_path());
        auto saved = target->save_png(actual.string());
        ASSERT_TRUE(saved) << saved.error();
        const fs::path golden = fs::path(REDGRID_SOURCE_DIR) / "tests/golden" / (name + ".png");
        EXPECT_EQ(redgrid::test::compare_with_golden(actual, golden), "");
    }

    // Taps by id on the frame as it is now, as a finger would.
    bool tap(const std::string& id) {
        app.frame(*fonts);
        return app.tap(id);
    }

    void open_pin_pad() {
        const auto* corner = app.frame(*fonts).find("maint:corner");
        ASSERT_NE(corner, nullptr);
        const render::Point c{corner->rect.x + 20, corner->rect.y + 20};
        app.press(c);
        clock.advance(3s);
        app.tick();
        app.release(c);
        ASSERT_EQ(app.maintenance().view().page, MaintPage::pin);
    }

    void open_status() {
        open_pin_pad();
        for (char d : std::string("2468")) ASSERT_TRUE(tap(std::string("pin:") + d));
        ASSERT_TRUE(tap("pin:ok"));
        app.set_maintenance_status(sample_maintenance_status(clock.now()));
        ASSERT_EQ(app.maintenance().view().page, MaintPage::status);
    }

    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    App app{clock, AppOptions{.maintenance_pin = "2468"}};
    std::optional<render::SdlLibrary> sdl;
    std::optional<render::FontSet> fonts;
    std::unique_ptr<render::RenderTarget> target;
    render::DirectoryMediaStore media{test::demo_dir() / "media"};
    std::optional<render::Painter> painter;
};

TEST_F(MaintenanceGolden, PinPad) {
    open_pin_pad();
    // One wrong PIN, then three digits typed: dots, and the tries left in red.
    for (char d : std::string("1357")) ASSERT_TRUE(tap(std::string("pin:") + d));
    ASSERT_TRUE(tap("pin:ok"));
    for (char d : std::string("246")) ASSERT_TRUE(tap(std::string("pin:") + d));
    check("maintenance-pin_1920x1080");
}

TEST_F(MaintenanceGolden, StatusPage) {
    open_status();
    clock.advance(5s);
    ASSERT_TRUE(tap("maint:sync"));
    check("maintenance_1920x1080");
}

TEST_F(MaintenanceGolden, TouchTest) {
    open_status();
    ASSERT_TRUE(tap("maint:touch-test"));
    app.frame(*fonts);
    // A swipe across, a curve, and a single touch near a corner.
    app.press({200, 300});
    for (int i = 1; i <= 20; ++i) app.move({200.f + 70.f * static_cast<float>(i), 300.f + 12.f * static_cast<float>(i)});
    app.release({1600, 540});
    app.press({400, 900});
    for (int i = 1; i <= 24; ++i) {
        const float a = static_cast<float>(i) * 0.26f;
        app.move({700.f + 300.f * std::cos(a) - 300.f, 800.f - 200.f * std::sin(a) + 100.f});
    }
    app.release({400, 900});
    app.press({1850, 1030});
    app.release({1850, 1030});
    check("maintenance-touch_1920x1080");
}

TEST_F(MaintenanceGolden, TestPattern) {
    open_status();
    ASSERT_TRUE(tap("maint:pattern"));
    check("maintenance-pattern_1920x1080");
}

}  // namespace
}  // namespace redgrid::kiosk

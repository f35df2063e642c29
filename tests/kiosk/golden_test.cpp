// Golden images: each screen rendered headless through the real renderer and fonts, compared
// with tests/golden/*.png within a small per-pixel tolerance. On a mismatch the new frame is
// written beside the golden as NAME_err.png. Regenerate after a deliberate change with
//   REDGRID_UPDATE_GOLDENS=1 ctest --test-dir build -R Golden
// and look at every changed PNG before committing it.
#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "redgrid/kiosk/app/runner.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
    std::string screen;
    int width, height;
    bool clock_synced = true;
    std::string name() const {
        std::string n = screen + "_" + std::to_string(width) + "x" + std::to_string(height);
        if (!clock_synced) n += "_unsynced";
        for (char& c : n)
            if (c == ':') c = '-';
        return n;
    }
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name(); }

struct Image {
    int w = 0, h = 0;
    std::vector<std::uint8_t> rgba;
};

std::optional<Image> load_png(const fs::path& path) {
    SDL_Surface* raw = IMG_Load(path.c_str());
    if (!raw) return std::nullopt;
    SDL_Surface* conv = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    if (!conv) return std::nullopt;
    Image img{conv->w, conv->h, {}};
    img.rgba.resize(static_cast<std::size_t>(img.w) * static_cast<std::size_t>(img.h) * 4);
    for (int y = 0; y < img.h; ++y)
        std::memcpy(img.rgba.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(img.w) * 4,
                    static_cast<const std::uint8_t*>(conv->pixels) + static_cast<std::ptrdiff_t>(y) * conv->pitch,
                    static_cast<std::size_t>(img.w) * 4);
    SDL_FreeSurface(conv);
    return img;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesWithinTolerance) {
    const GoldenCase& c = GetParam();
    const fs::path golden = fs::path(REDGRID_SOURCE_DIR) / "tests/golden" / (c.name() + ".png");
    const fs::path actual = fs::path(REDGRID_BINARY_DIR) / "golden-out" / (c.name() + ".png");
    fs::create_directories(actual.parent_path());

    RunnerOptions options;
    options.width = c.width;
    options.height = c.height;
    options.fixed_now = *parse_rfc3339("2026-11-25T09:30:00+08:00");
    options.media_dir = test::demo_dir() / "media";
    options.clock_synced = c.clock_synced;
    std::string error;
    options.start_route = parse_route(c.screen, &error);
    ASSERT_TRUE(options.start_route) << error;
    auto done = render_screenshot(options, test::demo_content(), actual);
    ASSERT_TRUE(done) << done.error();

    if (const char* update = std::getenv("REDGRID_UPDATE_GOLDENS"); update && std::string(update) == "1") {
        fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
        GTEST_SKIP() << "golden updated: " << golden;
    }
    ASSERT_TRUE(fs::exists(golden)) << "no golden " << golden << "; run with REDGRID_UPDATE_GOLDENS=1 and look at it";
    auto want = load_png(golden);
    auto got = load_png(actual);
    ASSERT_TRUE(want && got);
    ASSERT_EQ(want->w, got->w);
    ASSERT_EQ(want->h, got->h);

    // Tolerance: a channel may differ by up to 16 (font hinting, rounding), and up to 0.1% of
    // pixels may differ by more (an antialiased edge moving by a subpixel).
    std::size_t bad = 0;
    for (std::size_t i = 0; i < want->rgba.size(); i += 4) {
        int worst = 0;
        for (int k = 0; k < 3; ++k) worst = std::max(worst, std::abs(int(want->rgba[i + k]) - int(got->rgba[i + k])));
        if (worst > 16) ++bad;
    }
    const std::size_t pixels = want->rgba.size() / 4;
    if (bad * 1000 > pixels) {
        const fs::path err = golden.parent_path() / (c.name() + "_err.png");
        fs::copy_file(actual, err, fs::copy_options::overwrite_existing);
        FAIL() << bad << " of " << pixels << " pixels differ from " << golden << "; new frame in " << err;
    }
}

INSTANTIATE_TEST_SUITE_P(Screens, Golden,
                         ::testing::Values(GoldenCase{"home", 1920, 1080}, GoldenCase{"home", 1080, 1920},
                                           GoldenCase{"home", 1280, 800}, GoldenCase{"call", 1920, 1080},
                                           GoldenCase{"notices", 1920, 1080}, GoldenCase{"notices", 1080, 1920},
                                           GoldenCase{"notice:n-002", 1920, 1080}, GoldenCase{"notice:n-002", 1080, 1920},
                                           GoldenCase{"member:m-0008", 1920, 1080},
                                           GoldenCase{"member:m-0008", 1080, 1920}, GoldenCase{"members", 1920, 1080},
                                           GoldenCase{"members", 1080, 1920}, GoldenCase{"services", 1920, 1080},
                                           GoldenCase{"services", 1080, 1920}, GoldenCase{"calling", 1920, 1080},
                                           GoldenCase{"coming", 1920, 1080}, GoldenCase{"coming", 1080, 1920},
                                           GoldenCase{"rating", 1920, 1080}, GoldenCase{"rating", 1080, 1920}),
                         [](const auto& info) {
                             std::string n = info.param.name();
                             for (char& c : n)
                                 if (c == '-') c = '_';
                             return n;
                         });

// The honour boards, the activities (calendar, list, one activity) and the red map with a grid.
INSTANTIATE_TEST_SUITE_P(ContentScreens, Golden,
                         ::testing::Values(GoldenCase{"honours", 1920, 1080}, GoldenCase{"honours", 1080, 1920},
                                           GoldenCase{"activities", 1920, 1080}, GoldenCase{"activities", 1080, 1920},
                                           GoldenCase{"activity:a-062", 1920, 1080},
                                           GoldenCase{"activity:a-062", 1080, 1920}, GoldenCase{"map", 1920, 1080},
                                           GoldenCase{"map", 1080, 1920}, GoldenCase{"grid:g-01-8", 1920, 1080},
                                           GoldenCase{"grid:g-01-8", 1080, 1920}, GoldenCase{"attract", 1920, 1080},
                                           GoldenCase{"attract", 1080, 1920}),
                         [](const auto& info) {
                             std::string n = info.param.name();
                             for (char& c : n)
                                 if (c == '-') c = '_';
                             return n;
                         });

// Before NTP has set the clock: no time or date in the header, no duty, calendar or validity claims.
INSTANTIATE_TEST_SUITE_P(ClockNotSet, Golden,
                         ::testing::Values(GoldenCase{"home", 1920, 1080, false}, GoldenCase{"home", 1080, 1920, false},
                                           GoldenCase{"notices", 1920, 1080, false},
                                           GoldenCase{"activities", 1920, 1080, false}),
                         [](const auto& info) {
                             std::string n = info.param.name();
                             for (char& c : n)
                                 if (c == '-') c = '_';
                             return n;
                         });

}  // namespace
}  // namespace redgrid::kiosk

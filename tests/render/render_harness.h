// Real offscreen SDL rendering for the renderer tests: no display, no GPU.
#pragma once

#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "redgrid/render/sdl_handles.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace redgrid::render::testing {

inline SdlLibrary init_sdl_for_tests() {
    setenv("SDL_VIDEODRIVER", "dummy", 0);  // running the binary by hand needs no display either
    auto library = SdlLibrary::init();
    if (!library) throw std::runtime_error(library.error());
    return std::move(*library);
}

// A scratch directory removed at the end of the test.
class TempDir {
public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("redgrid-render-" + std::string(info ? info->name() : "x") + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct Harness {
    explicit Harness(int width = 400, int height = 300, PainterOptions options = {})
        : library(init_sdl_for_tests()), media(media_dir.path()) {
        auto made_target = RenderTarget::offscreen(width, height);
        if (!made_target) throw std::runtime_error(made_target.error());
        target = std::move(*made_target);
        auto loaded = FontSet::load();
        if (!loaded) throw std::runtime_error(loaded.error());
        fonts.emplace(std::move(*loaded));
        painter = std::make_unique<Painter>(target->renderer(), *fonts, media, options);
    }

    PixelImage draw(const DrawList& list) {
        painter->draw(list);
        target->present();
        auto pixels = target->read_pixels();
        if (!pixels) throw std::runtime_error(pixels.error());
        return std::move(*pixels);
    }

    SdlLibrary library;
    TempDir media_dir;
    DirectoryMediaStore media;
    std::unique_ptr<RenderTarget> target;
    std::optional<FontSet> fonts;
    std::unique_ptr<Painter> painter;  // declared last: destroyed before the renderer
};

inline Color rgb(std::uint8_t r, std::uint8_t g, std::uint8_t b) { return {r, g, b, 255}; }

}  // namespace redgrid::render::testing

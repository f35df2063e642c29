// Comparing a rendered PNG with its golden: a channel may differ by up to 16 (font hinting,
// rounding) and up to 0.1% of pixels by more (an antialiased edge moving by a subpixel).
// On a mismatch the new frame is copied beside the golden as NAME_err.png;
// REDGRID_UPDATE_GOLDENS=1 makes the new frame the golden instead.
#pragma once

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace redgrid::test {

struct RgbaImage {
    int w = 0, h = 0;
    std::vector<std::uint8_t> rgba;
};

inline std::optional<RgbaImage> load_png_rgba(const std::filesystem::path& path) {
    SDL_Surface* raw = IMG_Load(path.c_str());
    if (!raw) return std::nullopt;
    SDL_Surface* conv = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    if (!conv) return std::nullopt;
    RgbaImage img{conv->w, conv->h, {}};
    const auto row = static_cast<std::size_t>(img.w) * 4;
    img.rgba.resize(row * static_cast<std::size_t>(img.h));
    for (int y = 0; y < img.h; ++y)
        std::memcpy(img.rgba.data() + static_cast<std::size_t>(y) * row,
                    static_cast<const std::uint8_t*>(conv->pixels) + static_cast<std::ptrdiff_t>(y) * conv->pitch, row);
    SDL_FreeSurface(conv);
    return img;
}

inline bool updating_goldens() {
    const char* update = std::getenv("REDGRID_UPDATE_GOLDENS");
    return update && std::string(update) == "1";
}

// "" when actual matches golden (or the golden was just updated); else what is wrong.
inline std::string compare_with_golden(const std::filesystem::path& actual, const std::filesystem::path& golden) {
    namespace fs = std::filesystem;
    if (updating_goldens()) {
        fs::create_directories(golden.parent_path());
        fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
        return "";
    }
    if (!fs::exists(golden)) return "no golden " + golden.string() + "; run with REDGRID_UPDATE_GOLDENS=1 and look at it";
    auto want = load_png_rgba(golden);
    auto got = load_png_rgba(actual);
    if (!want || !got) return "cannot read " + (want ? actual : golden).string();
    std::size_t bad = 0;
    if (want->w == got->w && want->h == got->h) {
        for (std::size_t i = 0; i < want->rgba.size(); i += 4) {
            int worst = 0;
            for (int k = 0; k < 3; ++k)
                worst = std::max(worst, std::abs(int(want->rgba[i + k]) - int(got->rgba[i + k])));
            if (worst > 16) ++bad;
        }
    }
    const std::size_t pixels = want->rgba.size() / 4;
    if (want->w == got->w && want->h == got->h && bad * 1000 <= pixels) return "";
    const fs::path err = golden.parent_path() / (golden.stem().string() + "_err.png");
    fs::copy_file(actual, err, fs::copy_options::overwrite_existing);
    return std::to_string(bad) + " of " + std::to_string(pixels) + " pixels differ from " + golden.string() +
           " (or the size does); new frame in " + err.string();
}

}  // namespace redgrid::test

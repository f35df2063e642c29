// Where frames go: a real window (the kiosk's screen) or an offscreen surface (tests,
// screenshots, headless benchmarks). Both hand out an SDL_Renderer for the Painter.
#pragma once

#include "redgrid/render/draw_list.h"

#include <SDL.h>

#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace redgrid::render {

// A frame read back from the target, 4 bytes per pixel in R, G, B, A order.
struct PixelImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;

    Color at(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
        return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
    }
};

struct WindowOptions {
    std::string title = "RedGrid";
    int width = 1920;
    int height = 1080;
    bool fullscreen = true;    // full screen at the display's mode (KMSDRM has no desktop)
    bool vsync = true;
    bool hide_cursor = true;   // a touchscreen needs no pointer
};

class RenderTarget {
public:
    virtual ~RenderTarget() = default;

    static std::expected<std::unique_ptr<RenderTarget>, std::string> open_window(const WindowOptions& options);
    // Needs no display: works with SDL_VIDEODRIVER=dummy.
    static std::expected<std::unique_ptr<RenderTarget>, std::string> offscreen(int width, int height);

    virtual SDL_Renderer* renderer() const = 0;
    virtual int width() const = 0;
    virtual int height() const = 0;
    virtual void present() = 0;
    // True when what was drawn stays in place after present(), so the next frame may repaint
    // only what changed (Painter::draw_changes): offscreen targets and the software renderer's
    // window surface. A GPU renderer's back buffer is undefined after a present.
    virtual bool keeps_frame() const = 0;

    // The frame drawn so far (before or after present on an offscreen target).
    std::expected<PixelImage, std::string> read_pixels() const;
    std::expected<void, std::string> save_png(const std::string& path) const;
};

}  // namespace redgrid::render

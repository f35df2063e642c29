// Where frames go: a real window (the kiosk's screen) or an offscreen surface (tests,
// screenshots, headless benchmarks). Both hand out an SDL_Renderer for the Painter.
#pragma once

#include "redgrid/render/draw_list.h"

#include <SDL.h>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
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

// Pixels where they already are, 4 bytes each, rows `pitch` bytes apart: what the PNG
// encoder reads in place, so a screenshot needs no second copy of the frame.
struct PixelView {
    enum class Order { rgba, bgra };  // the bytes of a pixel in memory; the 4th is not read
    const std::uint8_t* pixels = nullptr;
    int width = 0;
    int height = 0;
    std::ptrdiff_t pitch = 0;
    Order order = Order::rgba;

    static PixelView of(const PixelImage& image) {
        return {image.rgba.data(), image.width, image.height, static_cast<std::ptrdiff_t>(image.width) * 4, Order::rgba};
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
    // Written straight from the frame's memory where the target has it (offscreen), else
    // from a copy read back; an opaque RGB PNG compressed for speed (see png_codec.h).
    std::expected<void, std::string> save_png(const std::string& path) const;

protected:
    // The frame's own pixels, current up to every draw call made so far, when the target
    // keeps them in memory the process can read; nullopt when they must be read back.
    virtual std::optional<PixelView> frame_in_memory() const { return std::nullopt; }
};

}  // namespace redgrid::render

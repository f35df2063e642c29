#include "redgrid/render/render_target.h"

#include "redgrid/render/png_codec.h"
#include "redgrid/render/sdl_handles.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace redgrid::render {
namespace {

std::string sdl_error(const std::string& what) { return what + ": " + SDL_GetError(); }

class WindowTarget final : public RenderTarget {
public:
    WindowTarget(WindowPtr window, RendererPtr renderer) : window_(std::move(window)), renderer_(std::move(renderer)) {}
    SDL_Renderer* renderer() const override { return renderer_.get(); }
    int width() const override {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(renderer_.get(), &w, &h);
        return w;
    }
    int height() const override {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(renderer_.get(), &w, &h);
        return h;
    }
    void present() override { SDL_RenderPresent(renderer_.get()); }
    bool keeps_frame() const override {
        SDL_RendererInfo info{};
        return SDL_GetRendererInfo(renderer_.get(), &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    }

private:
    WindowPtr window_;
    RendererPtr renderer_;  // declared after the window: destroyed first
};

class OffscreenTarget final : public RenderTarget {
public:
    OffscreenTarget(SurfacePtr surface, RendererPtr renderer) : surface_(std::move(surface)), renderer_(std::move(renderer)) {}
    SDL_Renderer* renderer() const override { return renderer_.get(); }
    int width() const override { return surface_->w; }
    int height() const override { return surface_->h; }
    // The software renderer draws straight into the surface; there is nothing to flip.
    void present() override { SDL_RenderPresent(renderer_.get()); }
    bool keeps_frame() const override { return true; }

protected:
    std::optional<PixelView> frame_in_memory() const override {
        // Queued draw calls land in the surface first. ARGB8888 is B, G, R, A in memory on
        // the little-endian boards the kiosk runs on; elsewhere the frame is read back.
        if (SDL_BYTEORDER != SDL_LIL_ENDIAN || surface_->format->format != SDL_PIXELFORMAT_ARGB8888 ||
            SDL_RenderFlush(renderer_.get()) != 0 || SDL_MUSTLOCK(surface_.get()))
            return std::nullopt;
        return PixelView{static_cast<const std::uint8_t*>(surface_->pixels), surface_->w, surface_->h, surface_->pitch,
                         PixelView::Order::bgra};
    }

private:
    SurfacePtr surface_;
    RendererPtr renderer_;
};

}  // namespace

std::expected<std::unique_ptr<RenderTarget>, std::string> RenderTarget::open_window(const WindowOptions& options) {
    Uint32 flags = SDL_WINDOW_SHOWN;
    int width = options.width;
    int height = options.height;
    if (options.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
            width = mode.w;
            height = mode.h;
        }
    }
    WindowPtr window(SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                                      height, flags));
    if (!window) {
        return std::unexpected(sdl_error("SDL_CreateWindow(" + std::to_string(width) + "x" + std::to_string(height) +
                                         (options.fullscreen ? ", fullscreen" : "") + ")"));
    }
    Uint32 renderer_flags = SDL_RENDERER_ACCELERATED | (options.vsync ? SDL_RENDERER_PRESENTVSYNC : 0);
    RendererPtr renderer(SDL_CreateRenderer(window.get(), -1, renderer_flags));
    if (!renderer) {
        // Boards without a usable GPU driver still get a picture, only slower.
        renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
    }
    if (!renderer) return std::unexpected(sdl_error("SDL_CreateRenderer (accelerated, then software)"));
    SDL_SetRenderDrawBlendMode(renderer.get(), SDL_BLENDMODE_BLEND);
    if (options.hide_cursor) SDL_ShowCursor(SDL_DISABLE);
    return std::make_unique<WindowTarget>(std::move(window), std::move(renderer));
}

std::expected<std::unique_ptr<RenderTarget>, std::string> RenderTarget::offscreen(int width, int height) {
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
        return std::unexpected("offscreen target: bad size " + std::to_string(width) + "x" + std::to_string(height));
    }
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) return std::unexpected(sdl_error("SDL_CreateRGBSurfaceWithFormat(offscreen)"));
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer) return std::unexpected(sdl_error("SDL_CreateSoftwareRenderer(offscreen)"));
    SDL_SetRenderDrawBlendMode(renderer.get(), SDL_BLENDMODE_BLEND);
    return std::make_unique<OffscreenTarget>(std::move(surface), std::move(renderer));
}

std::expected<PixelImage, std::string> RenderTarget::read_pixels() const {
    PixelImage image;
    image.width = width();
    image.height = height();
    image.rgba.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
    if (SDL_RenderReadPixels(renderer(), nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(), image.width * 4) != 0) {
        return std::unexpected(sdl_error("SDL_RenderReadPixels"));
    }
    return image;
}

std::expected<void, std::string> RenderTarget::save_png(const std::string& path) const {
    std::expected<std::string, std::string> png = std::unexpected(std::string());
    if (const auto frame = frame_in_memory()) {
        png = encode_png(*frame);
    } else {
        auto pixels = read_pixels();
        if (!pixels) return std::unexpected("save_png " + path + ": " + pixels.error());
        png = encode_png(*pixels);
    }
    if (!png) return std::unexpected("save_png " + path + ": " + png.error());
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) return std::unexpected("save_png " + path + ": " + std::strerror(errno));
    file.write(png->data(), static_cast<std::streamsize>(png->size()));
    file.close();
    if (!file) return std::unexpected("save_png " + path + ": write failed: " + std::strerror(errno));
    return {};
}

}  // namespace redgrid::render

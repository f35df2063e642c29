#include "redgrid/kiosk/app/screenshot.h"

#include <memory>

#include "redgrid/config/log.h"
#include "redgrid/render/painter.h"

namespace redgrid::kiosk {

std::expected<render::PixelImage, std::string> capture_frame(SDL_Renderer* renderer, render::Painter& painter,
                                                             const render::DrawList& frame, int width, int height) {
    // The same format as the rotated canvas's texture and the offscreen targets.
    CanvasTexturePtr texture(
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, width, height));
    if (!texture)
        return std::unexpected("screenshot: cannot create a " + std::to_string(width) + "x" + std::to_string(height) +
                               " texture: " + SDL_GetError());
    SDL_Texture* previous = SDL_GetRenderTarget(renderer);
    if (SDL_SetRenderTarget(renderer, texture.get()) != 0)
        return std::unexpected(std::string("screenshot: cannot draw into a texture: ") + SDL_GetError());
    // The painter's last frame is the screen's; this one goes elsewhere, in full.
    painter.forget_frame();
    painter.draw(frame);
    render::PixelImage image{width, height, {}};
    image.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    const int read = SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(), width * 4);
    const std::string read_error = read != 0 ? SDL_GetError() : "";
    SDL_SetRenderTarget(renderer, previous);
    painter.forget_frame();
    if (read != 0) return std::unexpected("screenshot: cannot read the picture back: " + read_error);
    return image;
}

void take_screenshots(App& app, SDL_Renderer* renderer, render::Painter& painter, const render::TextMeasurer& measurer,
                      Size logical) {
    auto requests = app.take_screenshot_requests();
    if (requests.empty()) return;
    const auto started = std::chrono::steady_clock::now();
    auto image = capture_frame(renderer, painter, app.screenshot_frame(measurer), static_cast<int>(logical.width),
                               static_cast<int>(logical.height));
    if (!image)
        config::log(config::LogLevel::warning, "{}", image.error());
    else
        config::log(
            config::LogLevel::info, "screenshot: {}x{} taken in {} ms", image->width, image->height,
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    std::expected<std::shared_ptr<const render::PixelImage>, std::string> shared =
        image ? std::expected<std::shared_ptr<const render::PixelImage>, std::string>(
                    std::make_shared<const render::PixelImage>(std::move(*image)))
              : std::unexpected(image.error());
    for (auto& done : requests) done(shared);
}

}  // namespace redgrid::kiosk

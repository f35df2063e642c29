#include "redgrid/kiosk/app/rotation.h"

#include "redgrid/render/painter.h"

namespace redgrid::kiosk {

Size logical_size(Size physical, Rotation rotation) {
    return rotation.swaps_axes() ? Size{physical.height, physical.width} : physical;
}

render::Point to_physical(render::Point p, Size physical, Rotation rotation) {
    // Turning the picture clockwise by 90: its top-left corner goes to the panel's top-right.
    switch (rotation.degrees) {
        case 90: return {physical.width - p.y, p.x};
        case 180: return {physical.width - p.x, physical.height - p.y};
        case 270: return {p.y, physical.height - p.x};
        default: return p;
    }
}

render::Point to_logical(render::Point p, Size physical, Rotation rotation) {
    switch (rotation.degrees) {
        case 90: return {p.y, physical.width - p.x};
        case 180: return {physical.width - p.x, physical.height - p.y};
        case 270: return {physical.height - p.y, p.x};
        default: return p;
    }
}

std::expected<RotatedCanvas, std::string> RotatedCanvas::create(SDL_Renderer* renderer, Size physical,
                                                                Rotation rotation) {
    if (rotation.degrees != 0 && rotation.degrees != 90 && rotation.degrees != 180 && rotation.degrees != 270)
        return std::unexpected("rotation must be 0, 90, 180 or 270, got " + std::to_string(rotation.degrees));
    if (rotation.degrees == 0) return RotatedCanvas(renderer, physical, rotation, nullptr);
    const Size logical = logical_size(physical, rotation);
    SDL_Texture* raw = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                         static_cast<int>(logical.width), static_cast<int>(logical.height));
    if (!raw)
        return std::unexpected(std::string("rotation: cannot create the ") + std::to_string(int(logical.width)) + "x" +
                               std::to_string(int(logical.height)) + " frame texture: " + SDL_GetError());
    return RotatedCanvas(renderer, physical, rotation, CanvasTexturePtr(raw));
}

void RotatedCanvas::draw(render::Painter& painter, const render::DrawList& frame, bool partial) {
    if (!texture_) {
        if (partial) painter.draw_changes(frame);
        else painter.draw(frame);
        return;
    }
    SDL_SetRenderTarget(renderer_, texture_.get());
    painter.draw_changes(frame);
    SDL_SetRenderTarget(renderer_, nullptr);
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    SDL_RenderClear(renderer_);
    // RenderCopyEx turns the picture about the centre of dst, clockwise: dst is the unturned
    // picture centred on the panel, so after the turn it covers the panel exactly.
    const SDL_Rect dst{static_cast<int>((physical_.width - logical_.width) / 2),
                       static_cast<int>((physical_.height - logical_.height) / 2), static_cast<int>(logical_.width),
                       static_cast<int>(logical_.height)};
    SDL_RenderCopyEx(renderer_, texture_.get(), nullptr, &dst, rotation_.degrees, nullptr, SDL_FLIP_NONE);
}

}  // namespace redgrid::kiosk

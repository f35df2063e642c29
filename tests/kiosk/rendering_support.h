// Real frames in a kiosk test: SDL on the dummy video driver, the kiosk's own fonts,
// offscreen targets as the screenshot path and the benches use them, and the partial-vs-full
// comparison of the repaint tests.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "redgrid/render/sdl_handles.h"

namespace redgrid::kiosk::test {

struct RealRendering {
    render::SdlLibrary sdl;  // declared first: SDL outlives the fonts
    render::FontSet fonts;

    // Throws with SDL's or the font set's message, which fails the test and says why.
    static RealRendering open() {
        setenv("SDL_VIDEODRIVER", "dummy", 0);  // run by hand, the binary needs no display either
        auto sdl = render::SdlLibrary::init();
        if (!sdl) throw std::runtime_error(sdl.error());
        auto fonts = render::FontSet::load();
        if (!fonts) throw std::runtime_error(fonts.error());
        return RealRendering{std::move(*sdl), std::move(*fonts)};
    }
};

inline std::unique_ptr<render::RenderTarget> offscreen_target(int width, int height) {
    auto target = render::RenderTarget::offscreen(width, height);
    if (!target) throw std::runtime_error(target.error());
    return std::move(*target);
}

// Every frame drawn two ways, Painter::draw_changes on one target and a full draw on
// another: a partial repaint must leave exactly the full draw's pixels.
class TwoWayDrawing {
public:
    struct Result {
        render::Repaint repaint;       // what draw_changes did
        std::size_t differing = 0;     // pixels that differ from the full draw
        int first_x = 0, first_y = 0;  // the first of them
    };

    TwoWayDrawing(render::FontSet& fonts, render::MediaStore& media, int width, int height)
        : width_(width),
          partial_target_(offscreen_target(width, height)),
          full_target_(offscreen_target(width, height)),
          partial_(partial_target_->renderer(), fonts, media),
          full_(full_target_->renderer(), fonts, media) {}

    Result draw(const render::DrawList& list) {
        Result result{partial_.draw_changes(list)};
        partial_target_->present();
        full_.draw(list);
        full_target_->present();
        auto a = partial_target_->read_pixels();
        auto b = full_target_->read_pixels();
        if (!a || !b) throw std::runtime_error("read_pixels: " + (a ? b.error() : a.error()));
        for (std::size_t i = 0; i < a->rgba.size(); ++i)
            if (a->rgba[i] != b->rgba[i] && result.differing++ == 0) {
                result.first_x = static_cast<int>(i / 4) % width_;
                result.first_y = static_cast<int>(i / 4) / width_;
            }
        return result;
    }

    const render::Painter& partial_painter() const { return partial_; }

private:
    int width_;
    std::unique_ptr<render::RenderTarget> partial_target_, full_target_;
    render::Painter partial_, full_;
};

}  // namespace redgrid::kiosk::test

// Partial repaints (issue 7): a clock tick or a press changes a handful of ops; repainting
// the 1920x1080 frame for them cost as much as any full frame. Painter::draw_changes finds
// the ops that differ from the last frame by value, repaints the rectangle that their old
// and new pixels cover, and leaves every other pixel as the last frame left it.
//
// Why the result is the pixels of a full draw: a pixel outside the damage is touched only by
// ops that are the same, under the same clips, as last frame, so it is what the last frame
// drew there; inside the damage, the pixel is cleared and every op that touches it is drawn
// again in list order. "Touches" is exact, not estimated: every draw records the rectangles
// it copies or fills (Painter::touch), and a changed op is first run with nothing drawn to
// learn where it will go (Painter::measure).
#include "redgrid/render/painter.h"

#include <algorithm>

namespace redgrid::render {
namespace {

bool is_clip(const DrawOp& op) { return std::holds_alternative<PushClip>(op) || std::holds_alternative<PopClip>(op); }

void unite(SDL_Rect& into, bool& any, const SDL_Rect& rect) {
    if (SDL_RectEmpty(&rect)) return;
    if (!any) {
        into = rect;
        any = true;
    } else {
        SDL_UnionRect(&into, &rect, &into);
    }
}

// Above this share of the target, a full draw costs about the same and is simpler.
constexpr double kMaxPartialShare = 0.5;

}  // namespace

void Painter::forget_frame() {
    have_frame_ = false;
    last_ = DrawList{};
    extents_.clear();
    provisional_.clear();
}

void Painter::touch(const SDL_Rect& rect) {
    if (SDL_RectEmpty(&rect)) return;
    if (SDL_RectEmpty(&extent_)) {
        extent_ = rect;
    } else {
        SDL_UnionRect(&extent_, &rect, &extent_);
    }
}

SDL_Rect Painter::measure(const DrawOp& op) {
    measuring_ = true;
    extent_ = {0, 0, 0, 0};
    std::visit([this](const auto& o) { draw_op(o); }, op);
    measuring_ = false;
    return extent_;
}

Repaint Painter::draw_changes(const DrawList& list) {
    if (!have_frame_ || list.clear != last_.clear) {
        draw(list);
        return {};
    }
    const std::vector<DrawOp>& before = last_.ops;
    const std::vector<DrawOp>& after = list.ops;
    // Align the lists: the same ops at the start and at the end; in between, op by op when
    // both have the same number of ops (a value changed), else all of it changed.
    std::size_t prefix = 0;
    while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
           before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t middle_before = before.size() - prefix - suffix;
    const std::size_t middle_after = after.size() - prefix - suffix;
    const bool positional = middle_before == middle_after;

    std::vector<SDL_Rect> extents(after.size(), SDL_Rect{0, 0, 0, 0});
    SDL_Rect damage{0, 0, 0, 0};
    bool any = false;
    bool clip_changed = false;
    const auto changed_before = [&](std::size_t i) {
        clip_changed = clip_changed || is_clip(before[i]);
        unite(damage, any, extents_[i]);
    };
    const auto changed_after = [&](std::size_t j) {
        if (is_clip(after[j])) {
            clip_changed = true;
            return;
        }
        extents[j] = measure(after[j]);
        unite(damage, any, extents[j]);
    };
    // i in the old list is j in the new one and holds the same op: keep its extent, unless
    // what it showed was temporary (a placeholder for a photo still decoding).
    const auto same = [&](std::size_t i, std::size_t j) {
        if (provisional_[i]) {
            changed_before(i);
            changed_after(j);
        } else {
            extents[j] = extents_[i];
        }
    };
    for (std::size_t k = 0; k < prefix; ++k) same(k, k);
    for (std::size_t k = 0; k < suffix; ++k) same(before.size() - suffix + k, after.size() - suffix + k);
    if (positional) {
        for (std::size_t k = prefix; k < prefix + middle_after; ++k) {
            if (before[k] == after[k]) {
                same(k, k);
            } else {
                changed_before(k);
                changed_after(k);
            }
        }
    } else {
        for (std::size_t i = prefix; i < prefix + middle_before; ++i) changed_before(i);
        for (std::size_t j = prefix; j < prefix + middle_after; ++j) changed_after(j);
    }

    // A changed clip changes what every op under it shows: not worth tracking.
    if (clip_changed) {
        draw(list);
        return {};
    }
    if (!any) {
        ++counters_.frames;
        ++counters_.unchanged_frames;
        return {Repaint::Kind::none, {0, 0, 0, 0}};
    }
    int width = 0, height = 0;
    SDL_GetRendererOutputSize(renderer_, &width, &height);
    const SDL_Rect screen{0, 0, width, height};
    SDL_Rect visible{0, 0, 0, 0};
    if (!SDL_IntersectRect(&damage, &screen, &visible)) {
        // Only off-screen ops changed: nothing to repaint, but remember the new list.
        ++counters_.frames;
        ++counters_.unchanged_frames;
        extents_ = std::move(extents);
        provisional_.assign(after.size(), false);
        last_ = list;
        return {Repaint::Kind::none, {0, 0, 0, 0}};
    }
    const double share = static_cast<double>(visible.w) * visible.h / (static_cast<double>(width) * height);
    if (share > kMaxPartialShare) {
        draw(list);
        return {};
    }
    ++counters_.frames;
    ++counters_.partial_frames;
    counters_.damaged_pixels += static_cast<std::uint64_t>(visible.w) * static_cast<std::uint64_t>(visible.h);
    extents_ = std::move(extents);
    provisional_.assign(after.size(), false);
    paint_ops(list, &visible);
    last_ = list;
    return {Repaint::Kind::partial, visible};
}

}  // namespace redgrid::render

// What a screen wants drawn, as plain values: screens build a DrawList from (state, size);
// a backend (painter.h) executes it. Ops compare by value, so the Painter can repaint only
// the ops that differ from the previous frame. Tests inspect the list (touch-target sizes, overflow)
// as well as the pixels it produces.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace redgrid::render {

struct Color {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    static constexpr Color rgba(std::uint32_t v) {
        return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    }
    constexpr Color with_alpha(std::uint8_t alpha) const { return {r, g, b, alpha}; }
    bool operator==(const Color&) const = default;
};

struct Point {
    float x = 0, y = 0;
    bool operator==(const Point&) const = default;
};

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    constexpr float right() const { return x + w; }
    constexpr float bottom() const { return y + h; }
    constexpr bool contains(Point p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
    constexpr bool contains(const Rect& r) const {
        return r.x >= x - 0.5f && r.y >= y - 0.5f && r.right() <= right() + 0.5f && r.bottom() <= bottom() + 0.5f;
    }
    constexpr bool intersects(const Rect& r) const {
        return r.x < right() && x < r.right() && r.y < bottom() && y < r.bottom();
    }
    constexpr Rect inset(float d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
    bool operator==(const Rect&) const = default;
};

enum class FontWeight : std::uint8_t { regular, bold };
enum class Align : std::uint8_t { left, center, right };
enum class VAlign : std::uint8_t { top, middle, bottom };

struct TextStyle {
    float size = 32;  // pixel height of the font
    FontWeight weight = FontWeight::regular;
    Color color{};
    Align align = Align::left;
    VAlign valign = VAlign::top;
    int max_lines = 1;       // lines beyond this are cut and the last one ends in "…"
    float line_spacing = 1.3f;
    bool operator==(const TextStyle&) const = default;
};

// Filled rounded rectangle, optionally with a soft drop shadow (blur radius in px, 0 = none).
struct RoundRect {
    Rect rect;
    float radius = 0;
    Color fill{};
    Color stroke{0, 0, 0, 0};
    float stroke_width = 0;
    float shadow = 0;
    bool operator==(const RoundRect&) const = default;
};

struct Circle {
    Point center;
    float radius = 0;
    Color fill{};
    Color stroke{0, 0, 0, 0};
    float stroke_width = 0;
    float shadow = 0;
    bool operator==(const Circle&) const = default;
};

// Any simple polygon (convex or not), antialiased.
struct Polygon {
    std::vector<Point> points;
    Color fill{};
    Color stroke{0, 0, 0, 0};
    float stroke_width = 0;
    bool operator==(const Polygon&) const = default;
};

struct Line {
    Point from, to;
    Color color{};
    float width = 1;
    bool operator==(const Line&) const = default;
};

// UTF-8 text laid out inside box: wrapped at CJK character and word boundaries,
// cut to style.max_lines with an ellipsis.
struct Text {
    Rect box;
    std::string utf8;
    TextStyle style;
    bool operator==(const Text&) const = default;
};

// A glyph of the icon font, by its Material Icons ligature name ("phone", "home").
struct Icon {
    Rect box;
    std::string name;
    Color color{};
    bool operator==(const Icon&) const = default;
};

enum class ImageFit : std::uint8_t { cover, contain };

// Content-addressed media (photo, logo), by SHA-256 key; drawn clipped to a rounded
// rectangle (or a circle when corner_radius >= half the shorter side).
struct Image {
    Rect box;
    std::string media_key;
    ImageFit fit = ImageFit::cover;
    float corner_radius = 0;
    bool operator==(const Image&) const = default;
};

// A QR code that carries data, dark modules on white, with its quiet zone, fitted to box.
struct QrCode {
    Rect box;
    std::string data;
    bool operator==(const QrCode&) const = default;
};

struct PushClip {
    Rect rect;
    bool operator==(const PushClip&) const = default;
};
struct PopClip {
    bool operator==(const PopClip&) const = default;
};

using DrawOp = std::variant<RoundRect, Circle, Polygon, Line, Text, Icon, Image, QrCode, PushClip, PopClip>;

// An interactive element: a stable id ("call", "tile:notices", "member:m-0042") that replay
// scripts and tests tap by, and the rectangle that takes the touch.
struct HitTarget {
    std::string id;
    Rect rect;
};

struct DrawList {
    Color clear{255, 255, 255, 255};
    // The part of the screen that is the screen's own (under the header, above the nav bar):
    // a route change fades only this in, so the chrome around it stays put. Empty: all of it.
    Rect stage{};
    std::vector<DrawOp> ops;
    std::vector<HitTarget> targets;  // later targets are on top

    template <class Op>
    void add(Op op) { ops.emplace_back(std::move(op)); }
    void target(std::string id, Rect rect) { targets.push_back({std::move(id), rect}); }

    // The topmost target under p, or nullptr.
    const HitTarget* hit(Point p) const;
    const HitTarget* find(std::string_view id) const;
};

}  // namespace redgrid::render

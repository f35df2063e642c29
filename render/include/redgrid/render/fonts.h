// The fonts the kiosk draws with: one CJK text font (regular + bold) opened lazily at any
// pixel size, and the Material Icons font addressed by ligature name.
#pragma once

#include "redgrid/render/sdl_handles.h"
#include "redgrid/render/text_layout.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace redgrid::render {

struct FontOptions {
    std::vector<std::filesystem::path> text_font_files;  // tried in order before the built-in list
    std::filesystem::path icon_font_file;                 // "" = the Debian package's path
    std::filesystem::path icon_codepoints_file;           // "" = the package's scss map (if present)
    bool use_default_text_fonts = true;                   // then try default_text_font_files()
};

// The built-in search lists, in the order they are tried.
std::vector<std::filesystem::path> default_text_font_files();
std::filesystem::path default_icon_font_file();

class FontSet final : public TextMeasurer {
public:
    // Opens the first text font that loads (choosing the Simplified Chinese face of a
    // collection) and the icon font; the error lists every path tried and why it failed.
    static std::expected<FontSet, std::string> load(const FontOptions& options = {});

    float text_width(std::string_view utf8, float size, FontWeight weight) const override;
    float line_height(float size, FontWeight weight) const override;
    float ascent(float size, FontWeight weight) const override;

    // The face's one font, set to this size: use the pointer before asking for another size
    // of the same face, which moves the same font. nullptr only if the file became
    // unreadable since load.
    TTF_Font* text_font(int pixel_size, FontWeight weight) const;
    TTF_Font* icon_font(int pixel_size) const;

    // "phone" -> U+E0CD; nullopt for a name the icon font does not have.
    std::optional<char32_t> icon_codepoint(std::string_view name) const;

    // "Noto Sans CJK SC (/usr/share/.../NotoSansCJK-Regular.ttc #2); bold: ..." for logs.
    std::string description() const;

    static int pixel_size(float size);

    // How many fonts are open (one per face at most: regular, bold, icons); each holds
    // FreeType's and HarfBuzz's tables for its face.
    std::size_t open_font_count() const {
        std::size_t open = 0;
        for (const auto& face : state_->fonts) open += face.font ? 1 : 0;
        return open;
    }
    // How many times a face's font was moved to another size.
    std::uint64_t font_rescales() const { return state_->rescales; }

private:
    struct Face {
        std::filesystem::path path;
        long index = 0;
        bool synthetic_bold = false;  // no bold file: SDL_ttf emboldens the regular face
        std::string family;
    };
    struct VerticalMetrics {
        float height = 0;
        float ascent = 0;
    };
    VerticalMetrics vertical_metrics(float size, FontWeight weight) const;
    static constexpr std::size_t kMaxMeasuredStrings = 8192;
    struct State {
        Face regular, bold, icons;
        std::unordered_map<std::string, char32_t> icon_codepoints;
        struct OpenFace {
            FontPtr font;
            int size = 0;
        };
        std::array<OpenFace, 3> fonts;  // by face id: regular, bold, icons
        std::uint64_t rescales = 0;
        // What was measured, so laying out a screen again neither rescales a font nor loads
        // a glyph: "r28:text" / "b28:text" -> width; (face id, pixel size) -> heights.
        std::unordered_map<std::string, float> widths;
        std::map<std::pair<int, int>, VerticalMetrics> vertical;
    };
    explicit FontSet(std::unique_ptr<State> state) : state_(std::move(state)) {}
    TTF_Font* open(int face_id, int pixel_size) const;
    void prepare(int face_id) const;  // hinting and synthetic bold of a newly opened font

    std::unique_ptr<State> state_;  // behind a pointer so a FontSet moves cheaply and safely
};

}  // namespace redgrid::render

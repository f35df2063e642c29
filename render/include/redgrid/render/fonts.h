// The fonts the kiosk draws with: one CJK text font (regular + bold) opened lazily at any
// pixel size, and the Material Icons font addressed by ligature name.
#pragma once

#include "redgrid/render/sdl_handles.h"
#include "redgrid/render/text_layout.h"

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

    // Opened on first use and kept, at most kMaxOpenSizesPerFace sizes of each face (the
    // least recently used one is rescaled to a new size): use the pointer before asking
    // for another size. nullptr only if the file became unreadable since load.
    TTF_Font* text_font(int pixel_size, FontWeight weight) const;
    TTF_Font* icon_font(int pixel_size) const;
    // More sizes of a weight than a screen uses (the soak's screens use some 25 across all
    // screens, languages and text sizes), so drawing one screen does not rescale back and forth.
    static constexpr std::size_t kMaxOpenSizesPerFace = 16;

    // "phone" -> U+E0CD; nullopt for a name the icon font does not have.
    std::optional<char32_t> icon_codepoint(std::string_view name) const;

    // "Noto Sans CJK SC (/usr/share/.../NotoSansCJK-Regular.ttc #2); bold: ..." for logs.
    std::string description() const;

    static int pixel_size(float size);

    // How many (face, pixel size) fonts are open: each holds FreeType's and HarfBuzz's
    // tables for its face (at most kMaxOpenSizesPerFace per face).
    std::size_t open_font_count() const { return state_->open_fonts.size(); }
    // How many times a font was rescaled to another size (the bound at work).
    std::uint64_t font_rescales() const { return state_->rescales; }

private:
    struct Face {
        std::filesystem::path path;
        long index = 0;
        bool synthetic_bold = false;  // no bold file: SDL_ttf emboldens the regular face
        std::string family;
    };
    struct State {
        Face regular, bold, icons;
        std::unordered_map<std::string, char32_t> icon_codepoints;
        struct OpenFont {
            FontPtr font;
            std::uint64_t last_used = 0;
        };
        std::map<std::pair<int, int>, OpenFont> open_fonts;  // (face id, pixel size)
        std::uint64_t uses = 0, rescales = 0;
    };
    explicit FontSet(std::unique_ptr<State> state) : state_(std::move(state)) {}
    TTF_Font* open(int face_id, int pixel_size) const;

    std::unique_ptr<State> state_;  // behind a pointer so a FontSet moves cheaply and safely
};

}  // namespace redgrid::render

#include "demo_photos.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <array>
#include <cstdint>

#include "demo_support.h"

namespace redgrid::demo {

namespace {

struct FreeTypeLibraryDeleter {
    void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
struct FontFaceDeleter {
    void operator()(cairo_font_face_t* face) const { cairo_font_face_destroy(face); }
};
struct SurfaceDeleter {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

using FreeTypeLibrary = std::unique_ptr<std::remove_pointer_t<FT_Library>, FreeTypeLibraryDeleter>;
using FontFace = std::unique_ptr<cairo_font_face_t, FontFaceDeleter>;
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

// The FT_Face must live as long as cairo uses it; cairo frees it through this key.
const cairo_user_data_key_t ft_face_key{};

void done_face(void* face) { FT_Done_Face(static_cast<FT_Face>(face)); }

// Disc colours: varied hues, each dark enough for white text at WCAG AA (checked
// when painting).
constexpr std::array<std::uint32_t, 12> disc_colors = {
    0xB3261EFF, 0x8E24AAFF, 0x3949ABFF, 0x1565C0FF, 0x00796BFF, 0x2E7D32FF,
    0xA0522DFF, 0x6D4C41FF, 0xC2185BFF, 0x455A64FF, 0xAD4E00FF, 0x5E35B1FF,
};

std::uint32_t fnv1a(const std::string& text) {
    std::uint32_t hash = 2166136261u;
    for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
    return hash;
}

cairo_status_t append_png_bytes(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::vector<unsigned char>*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct PhotoFont {
    // Destroyed in reverse: the cairo face (and with it the FT_Face) before the library.
    FreeTypeLibrary library;
    FontFace face;

    ~PhotoFont() {
        face.reset();
        // cairo keeps recently used fonts cached; make it let go of the FT_Face now,
        // while the FreeType library that owns it is still alive.
        cairo_debug_reset_static_data();
    }
};

PhotoPainter::PhotoPainter(std::unique_ptr<PhotoFont> font) : font_(std::move(font)) {}
PhotoPainter::PhotoPainter(PhotoPainter&&) noexcept = default;
PhotoPainter& PhotoPainter::operator=(PhotoPainter&&) noexcept = default;
PhotoPainter::~PhotoPainter() = default;

std::expected<PhotoPainter, std::string> PhotoPainter::open(const std::filesystem::path& font_file, int face_index) {
    FT_Library raw_library = nullptr;
    if (FT_Init_FreeType(&raw_library) != 0) return std::unexpected("photo font: cannot initialise FreeType");
    auto font = std::make_unique<PhotoFont>();
    font->library.reset(raw_library);

    FT_Face ft_face = nullptr;
    if (FT_New_Face(font->library.get(), font_file.c_str(), face_index, &ft_face) != 0)
        return std::unexpected("photo font: cannot open face " + std::to_string(face_index) + " of " +
                               font_file.string());
    font->face.reset(cairo_ft_font_face_create_for_ft_face(ft_face, 0));
    if (cairo_font_face_set_user_data(font->face.get(), &ft_face_key, ft_face, done_face) != CAIRO_STATUS_SUCCESS) {
        FT_Done_Face(ft_face);
        return std::unexpected("photo font: cairo cannot take " + font_file.string());
    }
    return PhotoPainter(std::move(font));
}

std::expected<std::vector<unsigned char>, std::string> PhotoPainter::paint(const std::string& seed_text,
                                                                           const std::string& glyph,
                                                                           int size) const {
    const std::uint32_t color = disc_colors[fnv1a(seed_text) % disc_colors.size()];
    if (contrast_ratio(color, 0xFFFFFFFF) < 4.5)
        return std::unexpected("photo: disc colour of " + seed_text + " is too light for white text");

    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size));
    Context cr(cairo_create(surface.get()));
    const double half = size / 2.0;
    cairo_arc(cr.get(), half, half, half, 0, 2 * 3.14159265358979323846);
    cairo_set_source_rgb(cr.get(), ((color >> 24) & 0xFF) / 255.0, ((color >> 16) & 0xFF) / 255.0,
                         ((color >> 8) & 0xFF) / 255.0);
    cairo_fill(cr.get());

    cairo_set_font_face(cr.get(), font_->face.get());
    cairo_set_font_size(cr.get(), size * 0.52);
    // Without fontconfig there is no fallback font: a character the face lacks would
    // be drawn as the .notdef box, which is worse than failing the build.
    cairo_glyph_t* glyphs = nullptr;
    int glyph_count = 0;
    if (cairo_scaled_font_text_to_glyphs(cairo_get_scaled_font(cr.get()), 0, 0, glyph.c_str(), -1, &glyphs,
                                         &glyph_count, nullptr, nullptr, nullptr) != CAIRO_STATUS_SUCCESS)
        return std::unexpected("photo: cannot shape " + glyph);
    bool missing = glyph_count == 0;
    for (int i = 0; i < glyph_count; ++i) missing = missing || glyphs[i].index == 0;
    cairo_glyph_free(glyphs);
    if (missing) return std::unexpected("photo: the font has no glyph for " + glyph);

    cairo_text_extents_t extents;
    cairo_text_extents(cr.get(), glyph.c_str(), &extents);
    if (extents.width <= 0 || extents.height <= 0)
        return std::unexpected("photo: the font has no visible glyph for " + glyph);
    // Centre the ink, not the advance box: CJK glyphs sit low in their em square.
    cairo_move_to(cr.get(), half - extents.x_bearing - extents.width / 2,
                  half - extents.y_bearing - extents.height / 2);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_show_text(cr.get(), glyph.c_str());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        return std::unexpected(std::string("photo: cairo failed: ") + cairo_status_to_string(cairo_status(cr.get())));

    cairo_surface_flush(surface.get());
    std::vector<unsigned char> png;
    if (cairo_surface_write_to_png_stream(surface.get(), append_png_bytes, &png) != CAIRO_STATUS_SUCCESS)
        return std::unexpected("photo: cannot encode PNG for " + seed_text);
    return png;
}

}  // namespace redgrid::demo

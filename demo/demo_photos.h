// Placeholder member photos: the member's surname in white on a coloured disc, the
// way many service boards show people without a portrait.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace redgrid::demo {

struct PhotoFont;  // FreeType library + face, owned through cairo

class PhotoPainter {
public:
    // `face_index` picks a face of a .ttc collection (2 is Simplified Chinese in
    // NotoSansCJK-*.ttc).
    static std::expected<PhotoPainter, std::string> open(const std::filesystem::path& font_file, int face_index);

    PhotoPainter(PhotoPainter&&) noexcept;
    PhotoPainter& operator=(PhotoPainter&&) noexcept;
    ~PhotoPainter();

    // PNG bytes of a `size` x `size` photo: `glyph` (one UTF-8 character) centred on
    // a disc whose colour is derived from `seed_text`, so a member keeps their colour
    // between runs and neighbours in a list rarely share one.
    std::expected<std::vector<unsigned char>, std::string> paint(const std::string& seed_text,
                                                                 const std::string& glyph, int size = 160) const;

private:
    explicit PhotoPainter(std::unique_ptr<PhotoFont> font);
    std::unique_ptr<PhotoFont> font_;
};

}  // namespace redgrid::demo

// Image safety (docs/reliability.md, "Image safety"): only PNG and JPEG reach a decoder,
// chosen by the file's magic bytes, never by its name or SDL_image's guessing; the size
// in the header is checked before the decoder runs, so a real, decodable image over
// the limit is refused from its header alone.
#include "render_harness.h"

#include <SDL_image.h>
#include <gtest/gtest.h>

#include <fstream>

namespace redgrid::render {
namespace {

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

SurfacePtr solid(int w, int h) {
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (s) SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, 200, 16, 46, 255));
    return s;
}

// A BMP (and a TGA, which has no magic at all) are images SDL_image decodes happily
// through IMG_Load; the kiosk must not, whatever the file is called.
TEST(ImageSafety, FormatsSdlImageDecodesButTheKioskDoesNotAreRefusedByTheirBytes) {
    auto library = testing::init_sdl_for_tests();
    testing::TempDir dir;
    auto surface = solid(8, 8);
    ASSERT_TRUE(surface);
    const auto bmp_path = dir.path() / "photo.png";  // a BMP named like a PNG
    ASSERT_EQ(SDL_SaveBMP(surface.get(), bmp_path.c_str()), 0) << SDL_GetError();
    SurfacePtr sdl_would(IMG_Load(bmp_path.c_str()));
    ASSERT_TRUE(sdl_would) << "precondition: SDL_image itself decodes the BMP";

    const auto bmp = read_bytes(bmp_path);
    const auto probed = probe_image_header(bmp);
    ASSERT_FALSE(probed.has_value());
    EXPECT_FALSE(decode_image(bmp, "photo.png").has_value());
    std::filesystem::copy_file(bmp_path, dir.path() / "b1d0");
    DirectoryMediaStore store(dir.path());
    const auto loaded = store.load("b1d0");  // the kiosk's path from media key to surface
    EXPECT_FALSE(loaded.has_value());

    // TGA: no magic bytes; SDL_image's IMG_LoadTGA_RW would read nearly anything.
    std::vector<std::uint8_t> tga = {0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 24, 0};
    for (int i = 0; i < 4; ++i) tga.insert(tga.end(), {46, 16, 200});
    EXPECT_FALSE(decode_image(tga, "t.jpg").has_value());
}

// A genuine 4097 x 1 PNG decodes fine with libpng; it is refused with the header's size
// in the message, i.e. before any decoder saw it. 4096 x 1 passes the same path.
TEST(ImageSafety, AValidPngOverTheSideLimitIsRefusedFromItsHeader) {
    auto library = testing::init_sdl_for_tests();
    testing::TempDir dir;
    for (const int width : {4096, 4097}) {
        auto surface = solid(width, 1);
        ASSERT_TRUE(surface);
        const auto path = dir.path() / ("w" + std::to_string(width) + ".png");
        ASSERT_EQ(IMG_SavePNG(surface.get(), path.c_str()), 0) << IMG_GetError();
        const auto bytes = read_bytes(path);
        const auto decoded = decode_image(bytes, path.filename().string());
        if (width == 4096) {
            ASSERT_TRUE(decoded.has_value()) << decoded.error();
            EXPECT_EQ((*decoded)->w, 4096);
        } else {
            ASSERT_FALSE(decoded.has_value());
            EXPECT_NE(decoded.error().find("4097x1"), std::string::npos) << decoded.error();
        }
    }
}

// The same for JPEG: a real 4097 x 2 JPEG (its SOF found by walking the segments).
TEST(ImageSafety, AValidJpegOverTheSideLimitIsRefusedFromItsHeader) {
    auto library = testing::init_sdl_for_tests();
    testing::TempDir dir;
    auto surface = solid(4097, 2);
    ASSERT_TRUE(surface);
    const auto path = dir.path() / "wide.jpg";
    ASSERT_EQ(IMG_SaveJPG(surface.get(), path.c_str(), 80), 0) << IMG_GetError();
    const auto decoded = decode_image(read_bytes(path), "wide.jpg");
    ASSERT_FALSE(decoded.has_value());
    EXPECT_NE(decoded.error().find("4097x2"), std::string::npos) << decoded.error();
}

}  // namespace
}  // namespace redgrid::render

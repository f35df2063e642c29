// Photos: header checks before decoding, cover/contain fit, round clipping, placeholder.
#include "render_harness.h"

#include <SDL_image.h>
#include <gtest/gtest.h>

#include <fstream>

namespace redgrid::render {
namespace {

using testing::Harness;
using testing::rgb;

// A w x h image, left half red and right half blue.
void write_split_image(const std::filesystem::path& path, int w, int h, bool jpeg = false) {
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    ASSERT_TRUE(s);
    SDL_Rect left{0, 0, w / 2, h}, right{w / 2, 0, w - w / 2, h};
    SDL_FillRect(s.get(), &left, SDL_MapRGBA(s->format, 255, 0, 0, 255));
    SDL_FillRect(s.get(), &right, SDL_MapRGBA(s->format, 0, 0, 255, 255));
    const int rc = jpeg ? IMG_SaveJPG(s.get(), path.c_str(), 95) : IMG_SavePNG(s.get(), path.c_str());
    ASSERT_EQ(rc, 0) << IMG_GetError();
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
}

bool near(Color a, Color b, int tolerance = 12) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

TEST(ImageHeader, ReadsPngAndJpegDimensions) {
    auto library = testing::init_sdl_for_tests();
    testing::TempDir dir;
    write_split_image(dir.path() / "a.png", 120, 80);
    write_split_image(dir.path() / "b.jpg", 64, 48, true);
    auto png = probe_image_header(read_bytes(dir.path() / "a.png"));
    ASSERT_TRUE(png) << png.error();
    EXPECT_EQ(png->format, ImageFormat::png);
    EXPECT_EQ(png->width, 120);
    EXPECT_EQ(png->height, 80);
    auto jpeg = probe_image_header(read_bytes(dir.path() / "b.jpg"));
    ASSERT_TRUE(jpeg) << jpeg.error();
    EXPECT_EQ(jpeg->format, ImageFormat::jpeg);
    EXPECT_EQ(jpeg->width, 64);
    EXPECT_EQ(jpeg->height, 48);
}

TEST(ImageHeader, RejectsOversizedTruncatedAndForeignFiles) {
    auto library = testing::init_sdl_for_tests();
    testing::TempDir dir;
    write_split_image(dir.path() / "a.png", 16, 16);
    auto bytes = read_bytes(dir.path() / "a.png");
    auto huge = bytes;
    huge[16] = 0, huge[17] = 0, huge[18] = 0x13, huge[19] = 0x88;  // width 5000
    auto rejected = probe_image_header(huge);
    ASSERT_FALSE(rejected);
    EXPECT_NE(rejected.error().find("5000x16"), std::string::npos) << rejected.error();
    EXPECT_FALSE(decode_image(huge, "huge.png"));
    EXPECT_FALSE(probe_image_header(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 12)));
    const std::string gif = "GIF89a\x10\x00\x10\x00";
    EXPECT_FALSE(probe_image_header(std::vector<std::uint8_t>(gif.begin(), gif.end())));
    EXPECT_FALSE(probe_image_header(std::vector<std::uint8_t>{0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x04, 0, 0}));
}

TEST(DirectoryMediaStore, LoadsByKeyAndRefusesPathsOutsideIt) {
    auto library = testing::init_sdl_for_tests();
    testing::TempDir dir;
    write_split_image(dir.path() / "0f3a9c", 40, 30);
    DirectoryMediaStore store(dir.path());
    auto image = store.load("0f3a9c");
    ASSERT_TRUE(image) << image.error();
    EXPECT_EQ((*image)->w, 40);
    EXPECT_FALSE(store.load("../etc/passwd"));
    EXPECT_FALSE(store.load(".hidden"));
    EXPECT_FALSE(store.load("missing"));
    write_bytes(dir.path() / "corrupt", {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                         0, 0, 0, 8, 0, 0, 0, 8, 8, 6, 0, 0, 0});
    auto corrupt = store.load("corrupt");
    ASSERT_FALSE(corrupt);
    EXPECT_NE(corrupt.error().find("corrupt"), std::string::npos);
}

TEST(Image, CoverFillsTheBoxCroppingTheSides) {
    Harness h(200, 200);
    write_split_image(h.media_dir.path() / "photo", 200, 100);
    DrawList list;
    list.add(Image{{50, 50, 100, 100}, "photo", ImageFit::cover, 0});
    auto px = h.draw(list);
    // Scaled to 200x100 px and centred: the box shows source columns 50..150.
    EXPECT_TRUE(near(px.at(60, 55), rgb(255, 0, 0)));
    EXPECT_TRUE(near(px.at(140, 145), rgb(0, 0, 255)));
    EXPECT_EQ(px.at(45, 100), rgb(255, 255, 255));
    EXPECT_EQ(h.painter->stats().missing_images, 0u);
}

TEST(Image, ContainLetterboxesInsideTheBox) {
    Harness h(200, 200);
    write_split_image(h.media_dir.path() / "photo", 200, 100);
    DrawList list;
    list.add(Image{{50, 50, 100, 100}, "photo", ImageFit::contain, 0});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(100, 60), rgb(255, 255, 255));  // above the 100x50 picture
    EXPECT_TRUE(near(px.at(55, 100), rgb(255, 0, 0)));
    EXPECT_TRUE(near(px.at(145, 100), rgb(0, 0, 255)));
}

TEST(Image, ClipsToACircleWhenTheRadiusIsHalfTheSide) {
    Harness h(200, 200);
    write_split_image(h.media_dir.path() / "photo", 100, 100);
    DrawList list;
    list.add(Image{{50, 50, 100, 100}, "photo", ImageFit::cover, 50});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(52, 52), rgb(255, 255, 255));
    EXPECT_EQ(px.at(147, 147), rgb(255, 255, 255));
    EXPECT_TRUE(near(px.at(70, 100), rgb(255, 0, 0)));
    EXPECT_TRUE(near(px.at(130, 100), rgb(0, 0, 255)));
}

TEST(Image, MissingOrBrokenMediaDrawsANeutralPlaceholder) {
    Harness h(300, 200);
    write_bytes(h.media_dir.path() / "broken", {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'});
    DrawList list;
    list.add(Image{{20, 20, 120, 120}, "absent", ImageFit::cover, 60});
    list.add(Image{{160, 20, 120, 120}, "broken", ImageFit::cover, 60});
    auto px = h.draw(list);
    for (int cx : {80, 220}) {
        const Color edge = px.at(cx - 50, 80);  // inside the disc, beside the silhouette
        EXPECT_GT(edge.r, 180);
        EXPECT_LT(edge.r, 250);
        EXPECT_NEAR(edge.r, edge.b, 12);
        EXPECT_EQ(px.at(cx - 58, 22), rgb(255, 255, 255));  // outside the disc
    }
    EXPECT_EQ(h.painter->stats().missing_images, 2u);
    h.draw(list);  // cached: the disk is not read again
    EXPECT_EQ(h.painter->stats().missing_images, 2u);
    // New media arrives: after forget_media the photo replaces the placeholder.
    write_split_image(h.media_dir.path() / "absent", 100, 100);
    h.painter->forget_media();
    auto after = h.draw(list);
    EXPECT_TRUE(near(after.at(50, 80), rgb(255, 0, 0)));
}

}  // namespace
}  // namespace redgrid::render

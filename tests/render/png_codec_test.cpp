// PNG bytes in memory (the screenshot the server asks for): what goes in comes back out.
#include <gtest/gtest.h>

#include "redgrid/render/png_codec.h"

namespace redgrid::render {
namespace {

TEST(PngCodec, EncodesOpaqueAndDecodesTheSamePixels) {
    PixelImage image{37, 19, {}};
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            image.rgba.insert(image.rgba.end(), {static_cast<std::uint8_t>(x * 7), static_cast<std::uint8_t>(y * 13),
                                                 static_cast<std::uint8_t>((x * y) % 251), 255});
    auto png = encode_png(image);
    ASSERT_TRUE(png) << png.error();
    EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    auto back = decode_png(*png);
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(back->width, 37);
    EXPECT_EQ(back->height, 19);
    EXPECT_EQ(back->rgba, image.rgba);
}

// The offscreen frame is encoded in place: B, G, R, A in memory, rows padded.
TEST(PngCodec, EncodesBgraRowsWithPaddingInPlace) {
    const int width = 5, height = 3, pitch = 28;
    std::vector<std::uint8_t> memory(static_cast<std::size_t>(pitch * height), 0xEE);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            auto* px = memory.data() + y * pitch + x * 4;
            px[0] = static_cast<std::uint8_t>(10 * x);       // B
            px[1] = static_cast<std::uint8_t>(50 + y);       // G
            px[2] = static_cast<std::uint8_t>(200 - x - y);  // R
            px[3] = 7;                                       // alpha is not written: the PNG is opaque
        }
    auto png = encode_png(PixelView{memory.data(), width, height, pitch, PixelView::Order::bgra});
    ASSERT_TRUE(png) << png.error();
    auto back = decode_png(*png);
    ASSERT_TRUE(back) << back.error();
    ASSERT_EQ(back->width, width);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            EXPECT_EQ(back->at(x, y), (Color{static_cast<std::uint8_t>(200 - x - y), static_cast<std::uint8_t>(50 + y),
                                             static_cast<std::uint8_t>(10 * x), 255}))
                << x << "," << y;
    EXPECT_FALSE(encode_png(PixelView{memory.data(), width, height, 12, PixelView::Order::bgra}));  // rows overlap
    EXPECT_FALSE(encode_png(PixelView{nullptr, width, height, pitch, PixelView::Order::rgba}));
}

// Bands of rows are deflated on separate threads and laid end to end as one zlib stream:
// whatever the number of bands, the file is one valid PNG (libpng checks every CRC, zlib
// the combined Adler-32) with every pixel in place.
TEST(PngCodec, BandsDeflatedInParallelMakeOneValidStream) {
    PixelImage image{333, 517, {}};
    std::uint32_t noise = 12345;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            noise = noise * 1103515245u + 12345u;
            const bool flat = (x / 40 + y / 30) % 2 == 0;  // flat areas and noise, as a screen with photos
            image.rgba.insert(image.rgba.end(), {static_cast<std::uint8_t>(flat ? 200 : noise >> 24),
                                                 static_cast<std::uint8_t>(flat ? 16 : noise >> 16),
                                                 static_cast<std::uint8_t>(flat ? 46 : noise >> 8), 255});
        }
    std::size_t single_thread_size = 0;
    for (unsigned threads : {1u, 2u, 3u, 4u, 0u}) {
        auto png = encode_png(PixelView::of(image), threads);
        ASSERT_TRUE(png) << png.error();
        if (threads == 1) single_thread_size = png->size();
        auto back = decode_png(*png);
        ASSERT_TRUE(back) << threads << " threads: " << back.error();
        ASSERT_EQ(back->width, image.width);
        ASSERT_EQ(back->height, image.height);
        EXPECT_TRUE(back->rgba == image.rgba) << threads << " threads";
        // Cutting the stream costs a few bytes per band, not a worse compression.
        EXPECT_LT(png->size(), single_thread_size + single_thread_size / 50) << threads << " threads";
    }
    // A flipped byte in the pixel data is caught, not decoded into a wrong picture.
    auto png = encode_png(PixelView::of(image), 3);
    ASSERT_TRUE(png);
    (*png)[png->size() / 2] = static_cast<char>((*png)[png->size() / 2] ^ 0x40);
    EXPECT_FALSE(decode_png(*png));
}

TEST(PngCodec, SaysWhyItCannot) {
    EXPECT_FALSE(encode_png(PixelImage{4, 4, std::vector<std::uint8_t>(10)}));
    EXPECT_FALSE(encode_png(PixelImage{0, 0, {}}));
    const auto garbage = decode_png("not a png");
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().find("decode_png"), std::string::npos);
}

}  // namespace
}  // namespace redgrid::render

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

TEST(PngCodec, SaysWhyItCannot) {
    EXPECT_FALSE(encode_png(PixelImage{4, 4, std::vector<std::uint8_t>(10)}));
    EXPECT_FALSE(encode_png(PixelImage{0, 0, {}}));
    const auto garbage = decode_png("not a png");
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().find("decode_png"), std::string::npos);
}

}  // namespace
}  // namespace redgrid::render

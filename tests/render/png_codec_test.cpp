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

TEST(PngCodec, SaysWhyItCannot) {
    EXPECT_FALSE(encode_png(PixelImage{4, 4, std::vector<std::uint8_t>(10)}));
    EXPECT_FALSE(encode_png(PixelImage{0, 0, {}}));
    const auto garbage = decode_png("not a png");
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().find("decode_png"), std::string::npos);
}

}  // namespace
}  // namespace redgrid::render

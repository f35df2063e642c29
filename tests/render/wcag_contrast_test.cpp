// The WCAG 2.x ratio the palette and the kiosk's contrast audit rely on, held to values
// published with the specification and its usual checkers, so an error in it cannot hide
// behind both sides of a comparison.
#include <gtest/gtest.h>

#include "redgrid/render/contrast.h"

namespace redgrid::render {
namespace {

constexpr Color kWhite{255, 255, 255, 255};
constexpr Color kBlack{0, 0, 0, 255};

TEST(WcagContrast, LuminanceEndsAndPrimaries) {
    EXPECT_DOUBLE_EQ(relative_luminance(kBlack), 0.0);
    EXPECT_DOUBLE_EQ(relative_luminance(kWhite), 1.0);
    // The channel weights of sRGB.
    EXPECT_NEAR(relative_luminance({255, 0, 0, 255}), 0.2126, 1e-12);
    EXPECT_NEAR(relative_luminance({0, 255, 0, 255}), 0.7152, 1e-12);
    EXPECT_NEAR(relative_luminance({0, 0, 255, 255}), 0.0722, 1e-12);
    EXPECT_DOUBLE_EQ(relative_luminance(kWhite.with_alpha(0)), 1.0) << "alpha is not the ratio's business";
}

TEST(WcagContrast, RatioMatchesTheSpecification) {
    EXPECT_NEAR(contrast_ratio(kBlack, kWhite), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(kWhite, kWhite), 1.0, 1e-9);
    EXPECT_DOUBLE_EQ(contrast_ratio(kWhite, kBlack), contrast_ratio(kBlack, kWhite)) << "order does not matter";
    // #767676 on white is the lightest grey that passes 4.5:1; #777777 just fails.
    EXPECT_NEAR(contrast_ratio(Color::rgba(0x767676FF), kWhite), 4.54, 0.01);
    EXPECT_NEAR(contrast_ratio(Color::rgba(0x777777FF), kWhite), 4.48, 0.01);
    // Pure red on white, a pair often quoted: 4.0:1.
    EXPECT_NEAR(contrast_ratio({255, 0, 0, 255}, kWhite), 4.00, 0.01);
}

}  // namespace
}  // namespace redgrid::render

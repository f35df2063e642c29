#include "redgrid/render/draw_list.h"

#include <gtest/gtest.h>

namespace redgrid::render {
namespace {

TEST(DrawListHit, ReturnsTheTopmostTargetUnderThePoint) {
    DrawList list;
    list.target("tile:notices", {0, 0, 400, 300});
    list.target("call", {100, 100, 100, 50});
    ASSERT_NE(list.hit({150, 120}), nullptr);
    EXPECT_EQ(list.hit({150, 120})->id, "call");
    EXPECT_EQ(list.hit({10, 10})->id, "tile:notices");
    EXPECT_EQ(list.hit({500, 10}), nullptr);
}

TEST(DrawListHit, EdgesAreHalfOpen) {
    DrawList list;
    list.target("a", {10, 10, 10, 10});
    EXPECT_NE(list.hit({10, 10}), nullptr);
    EXPECT_EQ(list.hit({20, 15}), nullptr);
}

TEST(DrawListFind, FindsByIdOrNull) {
    DrawList list;
    list.target("member:m-0042", {1, 2, 3, 4});
    list.target("back", {0, 0, 50, 50});
    ASSERT_NE(list.find("member:m-0042"), nullptr);
    EXPECT_EQ(list.find("member:m-0042")->rect, (Rect{1, 2, 3, 4}));
    EXPECT_EQ(list.find("nope"), nullptr);
}

}  // namespace
}  // namespace redgrid::render

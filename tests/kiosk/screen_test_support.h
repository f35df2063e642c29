// Shared by the screen tests: what text a frame draws, and an App on the demo bundle at a
// fixed morning (2026-11-25 09:30 Beijing, the bundle generated at 08:00) that opens
// screens by route name, as a resident gets to them.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk::test {

// Every Text op's string, in drawing order.
inline std::vector<std::string> texts(const render::DrawList& dl) {
    std::vector<std::string> out;
    for (const auto& op : dl.ops)
        if (const auto* t = std::get_if<render::Text>(&op)) out.push_back(t->utf8);
    return out;
}

// Some text contains part.
inline bool shows(const render::DrawList& dl, std::string_view part) {
    const auto all = texts(dl);
    return std::ranges::any_of(all, [&](const std::string& t) { return t.find(part) != std::string::npos; });
}

// Some text is exactly want.
inline bool has_text(const render::DrawList& dl, std::string_view want) {
    const auto all = texts(dl);
    return std::ranges::find(all, want) != all.end();
}

class DemoScreenTest : public ::testing::Test {
protected:
    explicit DemoScreenTest(AppOptions options = {}, float width = 1920, float height = 1080)
        : app{clock, std::move(options)}, width_(width), height_(height) {}

    void SetUp() override {
        app.set_content(demo_content());
        app.set_size(width_, height_);
    }

    // Navigates to a route ("home", "notice:n-002") and builds its frame.
    const render::DrawList& open(std::string_view route) {
        std::string error;
        const auto parsed = parse_route(route, &error);
        EXPECT_TRUE(parsed) << route << ": " << error;
        if (parsed) app.navigate(*parsed);
        return app.frame(measurer);
    }

    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    FakeMeasurer measurer;
    App app;

private:
    float width_, height_;
};

}  // namespace redgrid::kiosk::test

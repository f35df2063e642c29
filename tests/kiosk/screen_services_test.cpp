// Services as a resident meets them: the "five ones" first, each with where, when, whom to
// contact and a QR code that carries its contact link.
#include <gtest/gtest.h>

#include <algorithm>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

TEST(ServicesScreen, FiveOnesFirstEachWithWhereWhenContactAndQr) {
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, {}};
    const auto content = test::demo_content();
    app.set_content(content);
    app.set_size(1080, 1920);
    app.navigate(*parse_route("services", nullptr));
    const auto& dl = app.frame(measurer);

    std::vector<std::string> titles, qrs;
    for (const auto& op : dl.ops) {
        if (const auto* t = std::get_if<render::Text>(&op)) titles.push_back(t->utf8);
        if (const auto* q = std::get_if<render::QrCode>(&op)) qrs.push_back(q->data);
    }
    const Service* first = nullptr;
    for (const Service& s : content->bundle().services)
        if (!first && s.kind == ServiceKind::five_ones) first = &s;
    ASSERT_NE(first, nullptr);
    const auto at = std::find(titles.begin(), titles.end(), first->title);
    ASSERT_NE(at, titles.end());
    EXPECT_NE(std::find(titles.begin(), titles.end(), first->where), titles.end());
    EXPECT_NE(std::find(titles.begin(), titles.end(), first->when), titles.end());
    ASSERT_FALSE(qrs.empty());
    EXPECT_EQ(qrs.front(), first->contact_url);
    // Every service's title comes after every "five ones" title that is on screen.
    for (const Service& s : content->bundle().services) {
        const auto pos = std::find(titles.begin(), titles.end(), s.title);
        if (pos != titles.end() && s.kind != ServiceKind::five_ones) {
            EXPECT_GT(pos, at) << s.title;
        }
    }
}

}  // namespace
}  // namespace redgrid::kiosk

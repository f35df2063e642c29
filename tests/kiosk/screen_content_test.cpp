// Honours, activities, the red map and a grid as a resident meets them: what is on the
// screen and where a touch takes them.
#include <gtest/gtest.h>

#include <algorithm>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

constexpr const char* kNow = "2026-11-25T09:30:00+08:00";

struct Screen {
    FakeClock clock{*parse_rfc3339(kNow)};
    test::FakeMeasurer measurer;
    App app{clock, {}};
    std::shared_ptr<const Content> content = test::demo_content();

    explicit Screen(const std::string& route, float w = 1920, float h = 1080) {
        app.set_content(content);
        app.set_size(w, h);
        app.navigate(*parse_route(route, nullptr));
    }
    const render::DrawList& frame() { return app.frame(measurer); }
    std::vector<std::string> texts() {
        std::vector<std::string> out;
        for (const auto& op : frame().ops)
            if (const auto* t = std::get_if<render::Text>(&op)) out.push_back(t->utf8);
        return out;
    }
    bool shows(const std::string& text) {
        const auto all = texts();
        return std::find(all.begin(), all.end(), text) != all.end();
    }
    bool shows_part(const std::string& part) {
        for (const auto& t : texts())
            if (t.find(part) != std::string::npos) return true;
        return false;
    }
    std::vector<std::string> targets_with(std::string_view prefix) {
        std::vector<std::string> out;
        for (const auto& t : frame().targets)
            if (t.id.starts_with(prefix) && std::find(out.begin(), out.end(), t.id) == out.end()) out.push_back(t.id);
        return out;
    }
};

TEST(HonoursScreen, ShowsBothBoardsOfTheCurrentPeriodAndOpensTheMember) {
    Screen s("honours");
    EXPECT_TRUE(s.shows("治理之星"));
    EXPECT_TRUE(s.shows("服务之星"));
    const Honour& first = s.content->bundle().honours.front();
    const Member& star = *s.content->member(first.member_id);
    EXPECT_TRUE(s.shows(star.name));
    EXPECT_TRUE(s.shows(first.reason));
    // Last period's stars are not on the board.
    std::vector<std::string> current;
    for (const Honour& h : s.content->bundle().honours)
        if (h.period == first.period) current.push_back(h.reason);
    for (const Honour& h : s.content->bundle().honours)
        if (h.period != first.period && std::find(current.begin(), current.end(), h.reason) == current.end()) {
            EXPECT_FALSE(s.shows(h.reason)) << h.id;
        }
    bool photo = false;
    for (const auto& op : s.frame().ops)
        if (const auto* i = std::get_if<render::Image>(&op)) photo |= star.photo && i->media_key == *star.photo;
    EXPECT_TRUE(photo);
    ASSERT_TRUE(s.app.tap("member:" + star.id));
    EXPECT_EQ(route_name(s.app.state().route), "member:" + star.id);
}

TEST(ActivitiesScreen, CalendarOfThisMonthAndUpcomingListOpeningTheDetail) {
    Screen s("activities");
    EXPECT_TRUE(s.shows("2026年11月"));
    EXPECT_TRUE(s.shows("25"));  // today, in the calendar
    const auto upcoming = s.content->upcoming_activities(std::chrono::floor<std::chrono::seconds>(*parse_rfc3339(kNow)));
    ASSERT_FALSE(upcoming.empty());
    EXPECT_TRUE(s.shows(upcoming.front()->title));
    EXPECT_TRUE(s.shows_part(upcoming.front()->place));
    const auto rows = s.targets_with("activity:");
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.front(), "activity:" + upcoming.front()->id);

    ASSERT_TRUE(s.app.tap(rows.front()));
    EXPECT_EQ(route_name(s.app.state().route), rows.front());
    EXPECT_TRUE(s.shows(upcoming.front()->title));
    EXPECT_TRUE(s.shows(upcoming.front()->place));
    // The detail's map opens the activity's grid.
    if (upcoming.front()->grid_id) {
        ASSERT_TRUE(s.app.tap("grid:" + *upcoming.front()->grid_id));
        EXPECT_EQ(route_name(s.app.state().route), "grid:" + *upcoming.front()->grid_id);
    }
    s.app.tap("back");
    s.clock.advance(std::chrono::seconds(1));
    s.app.tap("back");
    EXPECT_EQ(route_name(s.app.state().route), "activities");
}

TEST(ActivitiesScreen, EnglishCalendarAndAGoneActivitySaysSo) {
    Screen s("activities");
    s.frame();
    s.app.tap("lang");
    EXPECT_TRUE(s.shows("November 2026"));
    EXPECT_TRUE(s.shows("Mon"));
    Screen gone("activity:no-such-activity");
    EXPECT_TRUE(gone.shows_part("已结束"));
}

TEST(MapScreen, ZoomStepsBetweenLimitsAndGridsOpenTheirDetail) {
    Screen s("map");
    EXPECT_EQ(s.targets_with("map:zoom_out").size(), 0u);  // already at the widest
    const std::size_t grids_at_1 = s.targets_with("grid:").size();
    EXPECT_EQ(grids_at_1, s.content->bundle().grids.size());
    for (int i = 0; i < 5; ++i) {
        s.frame();
        s.clock.advance(std::chrono::seconds(1));
        s.app.tap("map:zoom_in");
    }
    EXPECT_EQ(s.app.state().map_zoom, kMaxMapZoom);
    EXPECT_TRUE(s.targets_with("map:zoom_in").empty());  // at the closest
    EXPECT_LT(s.targets_with("grid:").size(), grids_at_1);  // closer in, fewer grids fit
    // The kiosk's own grid stays in view: zoom centres on "you are here".
    const std::string own = "grid:" + s.content->bundle().place.grid_id;
    const auto near = s.targets_with("grid:");
    EXPECT_NE(std::find(near.begin(), near.end(), own), near.end());
    // Nothing on the map can be touched outside it: the nav bar keeps its buttons.
    const render::HitTarget* back = s.frame().find("back");
    ASSERT_NE(back, nullptr);
    const render::Point c{back->rect.x + back->rect.w / 2, back->rect.y + back->rect.h / 2};
    EXPECT_EQ(s.frame().hit(c)->id, "back");

    s.clock.advance(std::chrono::seconds(1));
    s.app.tap("map:zoom_out");
    EXPECT_EQ(s.app.state().map_zoom, kMaxMapZoom - 1);
    // A touch in the middle of the grid (its middle strip) opens it.
    std::vector<render::Rect> strips;
    for (const auto& t : s.frame().targets)
        if (t.id == own) strips.push_back(t.rect);
    ASSERT_FALSE(strips.empty());
    const render::Rect mid = strips[strips.size() / 2];
    const render::Point at{mid.x + mid.w / 2, mid.y + mid.h / 2};
    s.app.press(at);
    s.app.release(at);
    EXPECT_EQ(route_name(s.app.state().route), own);
}

TEST(MapScreen, DragPansTheZoomedMapAndDoesNotOpenAGrid) {
    Screen s("map");
    s.frame();
    s.app.tap("map:zoom_in");
    const auto& before = s.frame();
    const std::string own = "grid:" + s.content->bundle().place.grid_id;
    const render::HitTarget* t = before.find(own);
    ASSERT_NE(t, nullptr);
    const render::Point start{t->rect.x + t->rect.w / 2, t->rect.y + t->rect.h / 2};
    const render::Rect was = t->rect;
    s.app.press(start);
    s.app.move({start.x + 60, start.y + 30});
    s.app.move({start.x + 120, start.y + 60});
    s.app.release({start.x + 120, start.y + 60});
    EXPECT_EQ(route_name(s.app.state().route), "map");  // a drag is not a tap
    const float pan_x = s.app.state().map_pan_x, pan_y = s.app.state().map_pan_y;
    EXPECT_GT(pan_x, 0);
    EXPECT_GT(pan_y, 0);
    EXPECT_LE(pan_x, 120);
    EXPECT_LE(pan_y, 60);
    // The same strip of the grid moved with the finger (as far as the map's edges allow).
    bool moved = false;
    for (const auto& target : s.frame().targets)
        if (target.id == own && target.rect.h == was.h && target.rect.y > was.y) moved = true;
    EXPECT_TRUE(moved);
    // Dragging far past the edge piles nothing up: the way back moves the map at once.
    const render::Point far{start.x + 3000, start.y + 3000};
    s.app.frame(s.measurer);
    s.app.press(start);
    s.app.move(far);
    const float edge_y = s.app.state().map_pan_y;
    EXPECT_LT(edge_y, 3000);
    s.app.move({far.x, far.y - 40});
    EXPECT_FLOAT_EQ(s.app.state().map_pan_y, edge_y - 40);
    s.app.release({far.x, far.y - 40});
}

TEST(MapScreen, TouchOpensTheGridUnderTheFingerNotABoundingBoxNeighbour) {
    Screen s("map");
    const auto& dl = s.frame();
    const Bundle& b = s.content->bundle();
    // Every grid's label anchor, touched, opens that grid.
    int checked = 0;
    for (const Grid& g : b.grids) {
        const render::HitTarget* t = dl.find("grid:" + g.id);
        ASSERT_NE(t, nullptr) << g.id;
        // The anchor on screen: the grid's strips include it.
        bool hit_self = false;
        for (const auto& target : dl.targets)
            if (target.id == "grid:" + g.id) {
                const render::HitTarget* h =
                    dl.hit({target.rect.x + target.rect.w / 2, target.rect.y + target.rect.h / 2});
                hit_self |= h && (h->id == target.id || h->id.starts_with("member:"));
            }
        EXPECT_TRUE(hit_self) << g.id;
        ++checked;
    }
    EXPECT_EQ(checked, 48);
}

TEST(GridScreen, BranchTeamsOnDutyServicesAndNextActivity) {
    Screen s("grid:" + test::demo_content()->bundle().place.grid_id, 1080, 1920);
    const Content& c = *s.content;
    const Grid& g = *c.grid(c.bundle().place.grid_id);
    EXPECT_TRUE(s.shows(g.name));
    EXPECT_TRUE(s.shows_part(g.branch));
    EXPECT_TRUE(s.shows_part(c.community(g.community_id)->name));
    for (const Team* t : c.teams_of_grid(g.id)) EXPECT_TRUE(s.shows_part(t->name)) << t->id;
    const auto members = s.targets_with("member:");
    for (const Member* m : c.members_of_grid(g.id)) {
        const bool listed = std::find(members.begin(), members.end(), "member:" + m->id) != members.end();
        EXPECT_EQ(listed, m->on_duty) << m->id;
    }
    const Activity* next = c.next_activity(g.id, std::chrono::floor<std::chrono::seconds>(*parse_rfc3339(kNow)));
    ASSERT_NE(next, nullptr);
    EXPECT_TRUE(s.shows(next->title));
    EXPECT_TRUE(s.shows_part("走访一次邻居"));  // the "five ones" are every grid's services
    ASSERT_TRUE(s.app.tap("activity:" + next->id));
    EXPECT_EQ(route_name(s.app.state().route), "activity:" + next->id);
    Screen gone("grid:no-such-grid");
    EXPECT_TRUE(gone.shows_part("找不到这个网格"));
}

}  // namespace
}  // namespace redgrid::kiosk

// Notices as a resident meets them: current ones only, urgent first, the urgent banner on
// every screen, a long notice that scrolls under the finger and keeps gliding after a flick.
#include <gtest/gtest.h>

#include "redgrid/content/content_index.h"
#include "screen_test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

using test::shows;

const Notice& notice_titled(std::string_view prefix) {
    for (const auto& n : test::demo_content()->bundle().notices)
        if (n.title.starts_with(prefix)) return n;
    throw std::runtime_error("no demo notice " + std::string(prefix));
}

class NoticesTest : public test::DemoScreenTest {
protected:
    NoticesTest() : DemoScreenTest(AppOptions{.idle_return = 90s}) {}
    // Notice ids in list order, read from the row targets.
    std::vector<std::string> listed(const render::DrawList& dl) {
        std::vector<std::string> ids;
        for (const auto& t : dl.targets)
            if (t.id.starts_with("notice:") && t.rect.y > 300) ids.push_back(t.id.substr(7));
        return ids;
    }
};

TEST_F(NoticesTest, ListShowsOnlyCurrentNoticesUrgentFirst) {
    const auto& dl = open("notices");
    const Notice& water = notice_titled("停水通知");
    EXPECT_TRUE(shows(dl, water.title));
    EXPECT_TRUE(shows(dl, "冬季消防安全告居民书"));
    EXPECT_FALSE(shows(dl, "流感疫苗免费接种")) << "expired on 11-20";
    EXPECT_FALSE(shows(dl, "12月电梯维保时间安排")) << "not valid before 12-01";
    const auto ids = listed(dl);
    ASSERT_FALSE(ids.empty());
    EXPECT_EQ(ids.front(), water.id);
    EXPECT_TRUE(shows(dl, "7 条有效通知"));
}

TEST_F(NoticesTest, UrgentNoticeIsABannerOnEveryScreenUntilItExpires) {
    const Notice& water = notice_titled("停水通知");
    const std::string member = "member:" + test::demo_content()->bundle().members.front().id;
    for (const std::string screen : {"home", "notices", "services", member.c_str()}) {
        const auto& dl = open(screen);
        EXPECT_NE(dl.find("notice:" + water.id), nullptr) << screen;
    }
    open("services");
    ASSERT_TRUE(app.tap("notice:" + water.id));
    EXPECT_EQ(route_name(app.state().route), "notice:" + water.id);

    clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(water.valid_to - clock.now()));
    const auto& later = open("home");
    EXPECT_EQ(later.find("notice:" + water.id), nullptr);
    EXPECT_FALSE(shows(later, water.title));
}

TEST_F(NoticesTest, ExpiredNoticeIsNotShownEvenByItsId) {
    const Notice& flu = notice_titled("流感疫苗");
    const auto& dl = open("notice:" + flu.id);
    EXPECT_FALSE(shows(dl, flu.body.substr(0, 30)));
    EXPECT_TRUE(shows(dl, "已过期"));
}

TEST_F(NoticesTest, LongTextScrollsUnderTheFingerAndGlidesAfterAFlick) {
    const Notice& fire = notice_titled("冬季消防安全");
    open("notice:" + fire.id);
    const render::HitTarget* scroll = nullptr;
    for (const auto& t : app.frame(measurer).targets)
        if (t.id.starts_with(kScrollTargetPrefix)) scroll = &t;
    ASSERT_NE(scroll, nullptr);
    const float max = std::stof(scroll->id.substr(kScrollTargetPrefix.size()));
    ASSERT_GT(max, 300) << "the demo's fire-safety notice is longer than one screen";
    const render::Rect view = scroll->rect;
    EXPECT_FALSE(shows(app.frame(measurer), "2026年11月15日")) << "the signature is below the fold";

    // A slow drag moves the text with the finger and stops when the finger stops.
    const render::Point start{view.x + view.w / 2, view.y + view.h - 20};
    app.press(start);
    for (int i = 1; i <= 10; ++i) {
        clock.advance(50ms);
        app.move({start.x, start.y - 20.f * static_cast<float>(i)});
    }
    EXPECT_FLOAT_EQ(app.state().scroll, 200);
    clock.advance(200ms);
    app.release({start.x, start.y - 200});
    EXPECT_FALSE(app.flinging());
    app.frame(measurer);
    EXPECT_GT(app.time_until_next_change(), 1s) << "a still screen costs nothing";

    // A flick keeps it gliding, one frame at a time, slowing down to the end of the text.
    app.press(start);
    clock.advance(16ms);
    app.move({start.x, start.y - 60});
    clock.advance(16ms);
    app.move({start.x, start.y - 120});
    app.release({start.x, start.y - 120});
    ASSERT_TRUE(app.flinging());
    const float after_release = app.state().scroll;
    EXPECT_FLOAT_EQ(after_release, std::min(max, 320.f));
    app.frame(measurer);
    EXPECT_LE(app.time_until_next_change(), 16ms);
    float previous = after_release, previous_step = 1e9f;
    int frames = 0;
    while (app.flinging() && frames < 600) {
        clock.advance(16ms);
        app.tick();
        app.frame(measurer);
        const float step = app.state().scroll - previous;
        EXPECT_GE(step, 0);
        EXPECT_LE(step, previous_step + 0.01f) << "a fling only slows down";
        previous_step = step;
        previous = app.state().scroll;
        ++frames;
    }
    EXPECT_GT(frames, 3);
    EXPECT_LT(frames, 600);
    EXPECT_GT(app.state().scroll, after_release);
    EXPECT_LE(app.state().scroll, max);
    EXPECT_GT(app.time_until_next_change(), 1s);

    // Dragging far past the end stops at the notice's last line, which is then in view.
    app.press(start);
    for (int i = 1; i <= 20; ++i) {
        clock.advance(100ms);
        app.move({start.x, start.y - 40.f * static_cast<float>(i)});
    }
    clock.advance(300ms);
    app.release({start.x, start.y - 800});
    EXPECT_FLOAT_EQ(app.state().scroll, max);
    EXPECT_TRUE(shows(app.frame(measurer), "2026年11月15日"));
}

TEST_F(NoticesTest, DraggingTheListDoesNotOpenTheRowUnderTheFinger) {
    app.set_size(1920, 1080);
    const auto& dl = open("notices");
    const render::HitTarget* row = nullptr;
    for (const auto& t : dl.targets)
        if (t.id.starts_with("notice:") && t.rect.y > 400) row = &t;
    ASSERT_NE(row, nullptr);
    const render::Point p{row->rect.x + row->rect.w / 2, row->rect.y + row->rect.h / 2};
    app.press(p);
    EXPECT_EQ(app.state().pressed_id, row->id);
    clock.advance(100ms);
    app.move({p.x, p.y - 60});
    EXPECT_TRUE(app.state().pressed_id.empty());
    clock.advance(300ms);
    app.release({p.x, p.y - 60});
    EXPECT_EQ(app.state().route.screen, ScreenId::notices);
}

TEST_F(NoticesTest, ATouchCatchesAGlidingListWithoutOpeningARow) {
    const Notice& fire = notice_titled("冬季消防安全");
    open("notice:" + fire.id);
    const render::HitTarget* scroll = nullptr;
    for (const auto& t : app.frame(measurer).targets)
        if (t.id.starts_with(kScrollTargetPrefix)) scroll = &t;
    ASSERT_NE(scroll, nullptr);
    const render::Point start{scroll->rect.x + 200, scroll->rect.bottom() - 20};
    app.press(start);
    clock.advance(16ms);
    app.move({start.x, start.y - 80});
    app.release({start.x, start.y - 80});
    ASSERT_TRUE(app.flinging());
    clock.advance(16ms);
    app.tick();
    app.press(start);
    EXPECT_FALSE(app.flinging());
    app.release(start);
    EXPECT_EQ(app.state().route.screen, ScreenId::notice);
}

TEST_F(NoticesTest, LeavingAScreenForgetsItsScroll) {
    const Notice& fire = notice_titled("冬季消防安全");
    open("notice:" + fire.id);
    const render::HitTarget* scroll = nullptr;
    for (const auto& t : app.frame(measurer).targets)
        if (t.id.starts_with(kScrollTargetPrefix)) scroll = &t;
    ASSERT_NE(scroll, nullptr);
    const render::Point start{scroll->rect.x + 200, scroll->rect.bottom() - 20};
    app.press(start);
    clock.advance(500ms);
    app.move({start.x, start.y - 100});
    clock.advance(500ms);
    app.release({start.x, start.y - 100});
    EXPECT_GT(app.state().scroll, 0);
    app.frame(measurer);
    ASSERT_TRUE(app.tap("back"));
    EXPECT_EQ(app.state().scroll, 0);
}

}  // namespace
}  // namespace redgrid::kiosk

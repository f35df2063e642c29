// Freshness (issue #3): every screen says when its content was last known current, and once
// that is longer ago than the bundle allows, phone numbers and on-duty status are hidden
// everywhere and the screen says it is waiting for new information. A sync that finds nothing
// new (the server confirms the content) keeps it fresh.
#include <gtest/gtest.h>

#include <algorithm>

#include "redgrid/content/content_index.h"
#include "screen_test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

using test::has_text;
using test::shows;

int member_targets(const render::DrawList& dl) {
    return static_cast<int>(std::count_if(dl.targets.begin(), dl.targets.end(),
                                          [](const render::HitTarget& t) { return t.id.starts_with("member:"); }));
}

// The demo bundle was generated at 08:00 (Beijing) and may be 48 h old.
class FreshnessTest : public test::DemoScreenTest {
protected:
    FreshnessTest() : DemoScreenTest(AppOptions{.transition = 0ms}) {}
    const Content& content = *test::demo_content();
    const std::string place_grid = content.bundle().place.grid_id;

    void go_stale() {
        clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(
            content.bundle().generated_at + content.bundle().stale_after + 1min - clock.now()));
        app.tick();
    }

    // A member on duty in the kiosk's grid, with a phone number to hide.
    const Member& on_duty_member() const {
        for (const Member* m : content.members_of_grid(place_grid))
            if (m->on_duty && !m->phone_masked.empty()) return *m;
        return *content.on_duty_nearest(place_grid, 1).front();
    }
};

TEST_F(FreshnessTest, EveryScreenSaysWhenItWasUpdated) {
    const std::string updated(tr(Str::updated_at, Lang::zh));
    for (std::string name : {"home", "map", "members", "services", "activities", "notices", "honours", "attract",
                             "call", "notice:n-002", "member:m-0008", "grid:g-01-8", "activity:a-062"}) {
        const auto& dl = open(name);
        EXPECT_TRUE(has_text(dl, updated)) << name;
        EXPECT_TRUE(has_text(dl, "08:00")) << name << ": the bundle's generated_at, local time";
    }
    // English too.
    ASSERT_TRUE(app.tap("lang"));
    const auto& en = app.frame(measurer);
    EXPECT_TRUE(has_text(en, std::string(tr(Str::updated_at, Lang::en))));
}

TEST_F(FreshnessTest, AnOlderDayIsNamed) {
    clock.advance(24h);
    app.tick();
    const auto& dl = open("home");
    EXPECT_TRUE(has_text(dl, "11月25日")) << "yesterday's content names its day";
    EXPECT_FALSE(has_text(dl, std::string(tr(Str::stale_hidden, Lang::zh)))) << "a day old is still fresh (48 h)";
}

TEST_F(FreshnessTest, FreshContentShowsPhonesAndWhoIsOnDuty) {
    const Member& mem = on_duty_member();
    EXPECT_GT(member_targets(open("home")), 0);
    EXPECT_GT(member_targets(open("members")), 0);
    EXPECT_GT(member_targets(open("grid:" + place_grid)), 0);
    EXPECT_TRUE(shows(open("member:" + mem.id), mem.phone_masked));
    open("map");
    ASSERT_TRUE(app.tap("map:zoom_in"));
    EXPECT_GT(member_targets(app.frame(measurer)), 0) << "members appear on the map from zoom 2";
}

TEST_F(FreshnessTest, StaleContentHidesPhonesAndOnDutyEverywhere) {
    const Member& mem = on_duty_member();
    go_stale();
    const std::string waiting(tr(Str::stale_waiting, Lang::zh));
    const std::string stale_label(tr(Str::stale_hidden, Lang::zh));

    const auto& home = open("home");
    EXPECT_EQ(member_targets(home), 0);
    EXPECT_TRUE(has_text(home, waiting));
    EXPECT_TRUE(has_text(home, stale_label)) << "the header's badge says so";
    EXPECT_TRUE(has_text(home, "11月25日")) << "and since when";

    const auto& members = open("members");
    EXPECT_EQ(member_targets(members), 0);
    EXPECT_TRUE(has_text(members, waiting));

    const auto& member = open("member:" + mem.id);
    EXPECT_FALSE(shows(member, mem.phone_masked));
    EXPECT_FALSE(has_text(member, std::string(tr(Str::on_duty, Lang::zh))));
    EXPECT_TRUE(has_text(member, stale_label));

    const auto& grid = open("grid:" + place_grid);
    EXPECT_EQ(member_targets(grid), 0);
    EXPECT_FALSE(shows(grid, mem.phone_masked));
    EXPECT_TRUE(has_text(grid, waiting));

    open("map");
    ASSERT_TRUE(app.tap("map:zoom_in"));
    EXPECT_EQ(member_targets(app.frame(measurer)), 0) << "no on-duty markers on the map";
}

TEST_F(FreshnessTest, TheServersConfirmationKeepsItFresh) {
    go_stale();
    EXPECT_EQ(member_targets(open("home")), 0);
    // A sync an hour ago found nothing new: the content is as of then.
    app.content_confirmed(clock.now() - 1h);
    EXPECT_TRUE(app.needs_redraw());
    const auto& home = app.frame(measurer);
    EXPECT_GT(member_targets(home), 0);
    const auto at = clock.now() - 1h;
    const auto local = std::chrono::floor<std::chrono::minutes>(at + 8h).time_since_epoch() % std::chrono::days(1);
    char hhmm[8];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(local.count() / 60), static_cast<int>(local.count() % 60));
    EXPECT_TRUE(has_text(home, hhmm)) << "updated " << hhmm;
    EXPECT_FALSE(has_text(home, std::string(tr(Str::stale_hidden, Lang::zh))));

    // An older confirmation changes nothing; new content starts again from its own time.
    app.content_confirmed(clock.now() - 10h);
    EXPECT_GT(member_targets(app.frame(measurer)), 0);
    app.set_content(test::demo_content());
    EXPECT_EQ(member_targets(app.frame(measurer)), 0);
}

}  // namespace
}  // namespace redgrid::kiosk

// The on-duty list and a member's page as a resident meets them: nearest first, filters that
// narrow the list, the member's contact QR and call button, and nothing stale shown as true.
#include <gtest/gtest.h>

#include "redgrid/content/content_index.h"
#include "screen_test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

using test::shows;

std::vector<const Member*> listed(const render::DrawList& dl, const Content& content) {
    std::vector<const Member*> out;
    for (const auto& t : dl.targets)
        if (t.id.starts_with("member:")) out.push_back(content.member(t.id.substr(7)));
    return out;
}

class MembersTest : public test::DemoScreenTest {
protected:
    MembersTest() : DemoScreenTest(AppOptions{}, 1080, 1920) {}
    std::shared_ptr<const Content> content = test::demo_content();

    const render::DrawList& tap(std::string_view id) {
        clock.advance(1s);
        EXPECT_TRUE(app.tap(id)) << id;
        return app.frame(measurer);
    }
};

TEST_F(MembersTest, NearestOnDutyFirst) {
    const auto& dl = open("members");
    const auto shown = listed(dl, *content);
    const auto nearest = content->on_duty_nearest(content->bundle().place.grid_id);
    ASSERT_GE(shown.size(), 5u);
    for (std::size_t i = 0; i < shown.size(); ++i) EXPECT_EQ(shown[i], nearest[i]) << i;
    EXPECT_TRUE(shows(dl, std::to_string(nearest.size()) + " 人在岗"));
}

TEST_F(MembersTest, FiltersNarrowTheListAndAllResetsThem) {
    open("members");
    const Community& other = content->bundle().communities.back();
    const auto& by_community = tap("filter:community:" + other.id);
    auto shown = listed(by_community, *content);
    ASSERT_FALSE(shown.empty());
    for (const Member* m : shown) {
        const Grid* g = content->grid(content->team(m->team_id)->grid_id);
        EXPECT_EQ(g->community_id, other.id) << m->id;
    }
    const auto& both = tap("filter:role:mediator");
    for (const Member* m : listed(both, *content)) {
        EXPECT_EQ(m->role, Role::mediator) << m->id;
        EXPECT_EQ(content->grid(content->team(m->team_id)->grid_id)->community_id, other.id);
    }
    tap("filter:community:");
    const auto& roles_only = tap("filter:role:");
    EXPECT_EQ(listed(roles_only, *content).front(), content->on_duty_nearest(content->bundle().place.grid_id).front());
    EXPECT_FALSE(app.state().filter_role);
    EXPECT_TRUE(app.state().filter_community.empty());
}

TEST_F(MembersTest, TappingAMemberOpensTheirPageWithContactAndHonours) {
    const Honour& honour = content->bundle().honours.front();
    const Member& mem = *content->member(honour.member_id);
    const auto& dl = open("member:" + mem.id);
    EXPECT_TRUE(shows(dl, mem.name));
    EXPECT_TRUE(shows(dl, mem.phone_masked));
    EXPECT_TRUE(shows(dl, honour.period));
    EXPECT_TRUE(shows(dl, content->team(mem.team_id)->name));
    bool qr = false;
    for (const auto& op : dl.ops)
        if (const auto* q = std::get_if<render::QrCode>(&op)) qr = q->data == mem.contact_url;
    EXPECT_TRUE(qr) << "the QR carries the member's contact link";
    tap("call");
    EXPECT_EQ(app.state().route.screen, ScreenId::call);

    const auto& list = open("members");
    const std::string first = "member:" + content->on_duty_nearest(content->bundle().place.grid_id).front()->id;
    ASSERT_NE(list.find(first), nullptr);
    tap(first);
    EXPECT_EQ(route_name(app.state().route), first);
}

TEST_F(MembersTest, StaleContentHidesPhonesAndDutyStatus) {
    const Member& mem = *content->on_duty_nearest(content->bundle().place.grid_id).front();
    clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(
        content->bundle().generated_at + content->bundle().stale_after + 1min - clock.now()));
    const auto& page = open("member:" + mem.id);
    EXPECT_TRUE(shows(page, mem.name));
    EXPECT_FALSE(shows(page, mem.phone_masked));
    EXPECT_FALSE(shows(page, "在岗"));
    EXPECT_TRUE(shows(page, "信息待更新"));
    const auto& list = open("members");
    EXPECT_TRUE(listed(list, *content).empty());
    EXPECT_TRUE(shows(list, "值班和联系信息正在等待更新"));
}

}  // namespace
}  // namespace redgrid::kiosk

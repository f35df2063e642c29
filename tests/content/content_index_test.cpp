// The lookups screens make, answered from the good test bundle.
#include "redgrid/content/content_index.h"

#include <gtest/gtest.h>

#include "content_test_support.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/content/time_format.h"

namespace redgrid::content {
namespace {

using testing::describe;

std::shared_ptr<const Content> good_content() {
    auto bundle = parse_bundle(testing::good_text());
    if (!bundle) {
        ADD_FAILURE() << describe(bundle.error());
        return Content::make(Bundle{});
    }
    return Content::make(std::move(*bundle));
}

TimePoint at(std::string_view text) { return parse_rfc3339(text).value(); }

template <typename Range>
std::vector<std::string> ids(const Range& items) {
    std::vector<std::string> result;
    for (const auto* item : items) result.push_back(item->id);
    return result;
}

TEST(Content, LooksUpEveryKindById) {
    const auto content = good_content();
    ASSERT_NE(content->community("c-02"), nullptr);
    EXPECT_EQ(content->community("c-02")->name, "東周社區(qū)");
    ASSERT_NE(content->grid("g-01-2"), nullptr);
    EXPECT_EQ(content->grid("g-01-2")->branch, "碧眼第二網(wǎng)格黨支部");
    ASSERT_NE(content->team("t-003"), nullptr);
    EXPECT_EQ(content->team("t-003")->leader_id, "m-0008");
    ASSERT_NE(content->member("m-0007"), nullptr);
    EXPECT_EQ(content->member("m-0007")->name, "趙敏");
    const std::string hash = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    ASSERT_NE(content->media(hash), nullptr);
    EXPECT_EQ(content->media(hash)->mime_type, "image/jpeg");

    EXPECT_EQ(content->community("c-99"), nullptr);
    EXPECT_EQ(content->grid(""), nullptr);
    EXPECT_EQ(content->team("m-0001"), nullptr) << "ids of one kind do not leak into another";
    EXPECT_EQ(content->member("t-001"), nullptr);
    EXPECT_EQ(content->media(std::string(64, '0')), nullptr);
}

TEST(Content, ListsByParent) {
    const auto content = good_content();
    EXPECT_EQ(ids(content->grids_of_community("c-01")), (std::vector<std::string>{"g-01-1", "g-01-2"}));
    EXPECT_EQ(ids(content->grids_of_community("c-02")), (std::vector<std::string>{"g-02-1", "g-02-2"}));
    EXPECT_EQ(ids(content->teams_of_grid("g-01-2")), (std::vector<std::string>{"t-002"}));
    EXPECT_TRUE(content->teams_of_grid("g-02-2").empty()) << "a grid with no team yet";
    EXPECT_EQ(ids(content->members_of_team("t-003")), (std::vector<std::string>{"m-0007", "m-0008", "m-0009"}));
    EXPECT_EQ(ids(content->members_of_grid("g-01-1")), (std::vector<std::string>{"m-0001", "m-0002", "m-0003"}));
    EXPECT_TRUE(content->members_of_grid("g-02-2").empty());
    EXPECT_TRUE(content->members_of_grid("nowhere").empty());
    EXPECT_EQ(ids(content->honours_of("m-0001")), (std::vector<std::string>{"h-001", "h-002"}));
    EXPECT_EQ(ids(content->honours_of("m-0007")), (std::vector<std::string>{"h-003"}));
    EXPECT_TRUE(content->honours_of("m-0002").empty());
}

TEST(Content, LocatesMembersByPositionOrTheirGrid) {
    const auto content = good_content();
    EXPECT_EQ(content->location_of(*content->member("m-0001")), (MapPoint{120, 75}));
    // m-0003 has no position: the label anchor of team t-001's grid g-01-1 stands in.
    EXPECT_EQ(content->location_of(*content->member("m-0003")), (MapPoint{150, 150}));
}

TEST(Content, OnDutyMembersNearestToTheGridFirst) {
    const auto content = good_content();
    // On duty: m-0001 (120,75), m-0003 (grid anchor 150,150), m-0004 (460,160),
    // m-0006 (590,10), m-0007 (140,440), m-0009 (grid anchor 150,450).
    EXPECT_EQ(ids(content->on_duty_nearest("g-01-1")),
              (std::vector<std::string>{"m-0003", "m-0001", "m-0007", "m-0009", "m-0004", "m-0006"}));
    EXPECT_EQ(ids(content->on_duty_nearest("g-01-2")),
              (std::vector<std::string>{"m-0004", "m-0006", "m-0003", "m-0001", "m-0009", "m-0007"}));
    EXPECT_EQ(ids(content->on_duty_nearest("g-02-1", 2)), (std::vector<std::string>{"m-0009", "m-0007"}));
    EXPECT_EQ(ids(content->on_duty_nearest("unknown-grid")),
              (std::vector<std::string>{"m-0001", "m-0003", "m-0004", "m-0006", "m-0007", "m-0009"}));
    EXPECT_TRUE(content->on_duty_nearest("g-01-1", 0).empty());
}

TEST(Content, EqualDistancesAreOrderedById) {
    auto bundle = parse_bundle(testing::good_text());
    ASSERT_TRUE(bundle.has_value());
    for (Member& member : bundle->members) {
        member.on_duty = true;
        member.position = MapPoint{0, 0};
    }
    const auto content = Content::make(std::move(*bundle));
    EXPECT_EQ(ids(content->on_duty_nearest("g-02-2", 4)),
              (std::vector<std::string>{"m-0001", "m-0002", "m-0003", "m-0004"}));
}

TEST(Content, ActiveNoticesByPriorityThenNewest) {
    const auto content = good_content();
    EXPECT_EQ(ids(content->active_notices(at("2026-11-25T12:00:00+08:00"))),
              (std::vector<std::string>{"n-001", "n-003", "n-004", "n-002"}));
    // n-003 ends at midnight on the 30th: gone at that instant, there the moment before.
    EXPECT_EQ(ids(content->active_notices(at("2026-11-29T23:59:59+08:00"))),
              (std::vector<std::string>{"n-001", "n-003", "n-004", "n-002"}));
    EXPECT_EQ(ids(content->active_notices(at("2026-11-30T00:00:00+08:00"))),
              (std::vector<std::string>{"n-001", "n-004", "n-002"}));
    EXPECT_EQ(ids(content->active_notices(at("2026-10-05T00:00:00+08:00"))), (std::vector<std::string>{"n-005"}));
    EXPECT_TRUE(content->active_notices(at("2030-01-01T00:00:00Z")).empty());
}

TEST(Content, NextActivityOfAGrid) {
    const auto content = good_content();
    const auto next_id = [&](std::string_view grid, std::string_view time) -> std::string {
        const Activity* activity = content->next_activity(grid, at(time));
        return activity == nullptr ? "none" : activity->id;
    };
    EXPECT_EQ(next_id("g-01-1", "2026-11-25T00:00:00+08:00"), "a-001");
    EXPECT_EQ(next_id("g-01-1", "2026-11-28T10:00:00+08:00"), "a-001") << "under way still counts";
    EXPECT_EQ(next_id("g-01-1", "2026-11-28T11:30:00+08:00"), "a-002") << "ended at that instant";
    EXPECT_EQ(next_id("g-01-1", "2026-12-06T00:00:00+08:00"), "none");
    EXPECT_EQ(next_id("g-02-1", "2026-11-25T00:00:00+08:00"), "none");
    EXPECT_EQ(ids(content->upcoming_activities(at("2026-11-29T00:00:00+08:00"))),
              (std::vector<std::string>{"a-002", "a-003"}));
}

TEST(Content, BundleIsKeptAsGiven) {
    const auto content = good_content();
    EXPECT_EQ(content->bundle().version, "2026-11-25.3");
    EXPECT_EQ(content->bundle().members.size(), 9u);
    EXPECT_EQ(content->member("m-0004"), &content->bundle().members[3]) << "lookups point into the bundle";
}

TEST(Content, UnvalidatedReferencesGiveEmptyAnswersNotCrashes) {
    Bundle bundle;
    Member member;
    member.id = "m-1";
    member.team_id = "t-none";
    member.on_duty = true;
    bundle.members.push_back(member);
    Honour honour;
    honour.id = "h-1";
    honour.member_id = "m-none";
    bundle.honours.push_back(honour);
    Activity activity;
    activity.id = "a-1";
    activity.grid_id = "g-none";
    bundle.activities.push_back(activity);
    const auto content = Content::make(std::move(bundle));
    EXPECT_TRUE(content->members_of_grid("g-none").empty());
    EXPECT_TRUE(content->honours_of("m-none").empty());
    EXPECT_EQ(content->next_activity("g-none", TimePoint{}), nullptr);
    EXPECT_FALSE(content->location_of(*content->member("m-1")).has_value());
}

}  // namespace
}  // namespace redgrid::content

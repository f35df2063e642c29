// Every way a bundle can be wrong that docs/content.md names, one bad bundle each: the
// good test bundle with one change. Each must be rejected with the exact JSON pointer
// of the problem and a message that says what is wrong.
#include <gtest/gtest.h>

#include <functional>

#include "content_test_support.h"
#include "redgrid/content/content_parse.h"

namespace redgrid::content {
namespace {

using nlohmann::json;
using testing::describe;
using testing::good_json;
using testing::good_text;

struct BadBundle {
    std::string name;
    // Changes the good bundle's JSON; text_edit then changes the dumped text (for what
    // a JSON value cannot hold, such as 1e999).
    std::function<void(json&)> edit;
    std::string pointer;
    std::string word;  // must occur in the message
    std::function<std::string(std::string)> text_edit = nullptr;
};

void set(json& doc, const std::string& pointer, json value) { doc[json::json_pointer(pointer)] = std::move(value); }

void erase(json& doc, const std::string& pointer) {
    const json::json_pointer where(pointer);
    doc[where.parent_pointer()].erase(where.back());
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "test setup: " << from << " not in the bundle";
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

std::function<void(json&)> setting(std::string pointer, json value) {
    return [=](json& doc) { set(doc, pointer, value); };
}

const std::string hash_a(64, 'a');

std::vector<BadBundle> bad_bundles() {
    return {
        {"missing_required_field", [](json& d) { erase(d, "/members/2/name"); }, "/members/2/name", "missing"},
        {"missing_top_level_array", [](json& d) { erase(d, "/grids"); }, "/grids", "missing"},
        {"wrong_type_bool", setting("/members/0/on_duty", "yes"), "/members/0/on_duty", "true or false"},
        {"wrong_type_string", setting("/teams/1/name", 42), "/teams/1/name", "string"},
        {"wrong_type_object", setting("/place", json::array()), "/place", "object"},
        {"unknown_field", setting("/members/1/nmae", "王秀英"), "/members/1/nmae", "unknown field"},
        {"unknown_top_level_field", setting("/notice", json::array()), "/notice", "unknown field"},
        {"bad_role", setting("/members/3/role", "boss"), "/members/3/role", "unknown role"},
        {"bad_priority", setting("/notices/1/priority", "URGENT"), "/notices/1/priority", "priority"},
        {"bad_board", setting("/honours/0/board", "star"), "/honours/0/board", "honour board"},
        {"duplicate_member_id", setting("/members/4/id", "m-0001"), "/members/4/id", "duplicate member id"},
        {"duplicate_media_hash", setting("/media/1/sha256", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"),
         "/media/1/sha256", "duplicate"},
        {"invalid_id_characters", setting("/services/0/id", "S_Visit"), "/services/0/id", "invalid id"},
        {"id_too_long", setting("/notices/3/id", std::string(41, 'n')), "/notices/3/id", "too long"},
        {"member_unknown_team", setting("/members/1/team_id", "t-99"), "/members/1/team_id", "no team \"t-99\""},
        {"member_not_listed_by_team", setting("/members/1/team_id", "t-002"), "/members/1/team_id", "listed by team"},
        {"member_listed_by_two_teams",
         [](json& d) { d["teams"][1]["member_ids"].push_back("m-0001"); }, "/teams/1/member_ids/3",
         "belongs to team"},
        {"member_listed_twice", [](json& d) { d["teams"][0]["member_ids"].push_back("m-0002"); },
         "/teams/0/member_ids/3", "twice"},
        {"team_unknown_grid", setting("/teams/0/grid_id", "g-99"), "/teams/0/grid_id", "no grid \"g-99\""},
        {"grid_unknown_community", setting("/grids/1/community_id", "c-99"), "/grids/1/community_id",
         "no community"},
        {"leader_unknown", setting("/teams/1/leader_id", "m-9999"), "/teams/1/leader_id", "no member"},
        {"leader_not_in_team", setting("/teams/2/leader_id", "m-0001"), "/teams/2/leader_id", "not in member_ids"},
        {"place_unknown_grid", setting("/place/grid_id", "g-09-9"), "/place/grid_id", "no grid"},
        {"activity_unknown_grid", setting("/activities/0/grid_id", "g-09-9"), "/activities/0/grid_id", "no grid"},
        {"honour_unknown_member", setting("/honours/2/member_id", "m-4242"), "/honours/2/member_id", "no member"},
        {"service_unknown_contact", setting("/services/0/contact_member_id", "m-4242"),
         "/services/0/contact_member_id", "no member"},
        {"photo_unknown_media", setting("/members/0/photo", hash_a), "/members/0/photo", "no media"},
        {"logo_unknown_media", setting("/theme/logo", hash_a), "/theme/logo", "no media"},
        {"polygon_two_points", setting("/grids/0/polygon", json::parse("[[0,0],[10,0]]")), "/grids/0/polygon",
         "at least 3"},
        {"polygon_outside_map", setting("/grids/0/polygon/2", json::parse("[300, 700]")), "/grids/0/polygon/2",
         "outside the map"},
        {"polygon_infinite_coordinate", setting("/grids/1/polygon/0/1", "@INF@"), "/grids/1/polygon/0/1",
         "not a finite number", [](std::string t) { return replace_once(t, "\"@INF@\"", "1e999"); }},
        {"number_overflow_in_object", setting("/map/height", "@INF@"), "/map/height", "not a finite number",
         [](std::string t) { return replace_once(t, "\"@INF@\"", "-1e999"); }},
        {"number_overflow_first_in_array", setting("/members/0/position/0", "@INF@"), "/members/0/position/0",
         "not a finite number", [](std::string t) { return replace_once(t, "\"@INF@\"", "1e999"); }},
        {"polygon_self_intersecting", setting("/grids/0/polygon", json::parse("[[0,0],[300,200],[300,0],[0,300]]")),
         "/grids/0/polygon", "self-intersecting"},
        {"polygon_zero_area", setting("/grids/3/polygon", json::parse("[[300,300],[500,300],[700,300]]")),
         "/grids/3/polygon", "zero area"},
        {"polygon_doubling_back", setting("/grids/0/polygon", json::parse("[[0,0],[300,0],[300,300],[300,100]]")),
         "/grids/0/polygon", "self-intersecting"},
        {"polygon_repeated_point", setting("/grids/2/polygon/1", json::parse("[0, 300]")), "/grids/2/polygon/1",
         "repeats"},
        {"point_with_three_numbers", setting("/grids/0/label_anchor", json::parse("[1, 2, 3]")),
         "/grids/0/label_anchor", "[x, y]"},
        {"label_anchor_outside_map", setting("/grids/2/label_anchor", json::parse("[150, 601]")),
         "/grids/2/label_anchor", "outside the map"},
        {"member_position_outside_map", setting("/members/0/position", json::parse("[-1, 5]")),
         "/members/0/position", "outside the map"},
        {"map_without_area", setting("/map/width", 0), "/map/width", "finite number"},
        {"name_too_long", setting("/members/0/name", [] {
             std::string name;
             for (int i = 0; i < 65; ++i) name += "名";
             return name;
         }()),
         "/members/0/name", "too long: 65 characters"},
        {"body_too_long", setting("/notices/0/body", std::string(4001, 'x')), "/notices/0/body",
         "the limit is 4000"},
        {"empty_title", setting("/activities/2/title", ""), "/activities/2/title", "empty"},
        {"name_with_newline", setting("/communities/1/name", "東周\n社區(qū)"), "/communities/1/name", "one line"},
        {"too_many_notices",
         [](json& d) {
             const json notice = d["notices"][0];
             for (int i = 0; d["notices"].size() <= 5000; ++i) {
                 json copy = notice;
                 copy["id"] = "n-bulk-" + std::to_string(i);
                 d["notices"].push_back(std::move(copy));
             }
         },
         "/notices", "too many notices: 5001"},
        {"bad_time_string", setting("/activities/0/starts_at", "2026-11-28 09:00"), "/activities/0/starts_at",
         "RFC 3339"},
        {"time_without_offset", setting("/notices/2/valid_from", "2026-11-22T00:00:00"), "/notices/2/valid_from",
         "RFC 3339"},
        {"impossible_date", setting("/generated_at", "2026-02-30T00:00:00Z"), "/generated_at", "RFC 3339"},
        {"activity_ends_before_start", setting("/activities/1/ends_at", "2026-12-05T13:00:00+08:00"),
         "/activities/1/ends_at", "is not after starts_at"},
        {"notice_valid_to_before_from", setting("/notices/0/valid_to", "2026-11-19T00:00:00+08:00"),
         "/notices/0/valid_to", "is not after valid_from"},
        {"bad_colour", setting("/communities/0/color", "#GG0000"), "/communities/0/color", "colour"},
        {"colour_without_hash", setting("/theme/accent", "FFC93C"), "/theme/accent", "#RRGGBB"},
        {"media_hash_wrong_length", setting("/media/2/sha256", "abc123"), "/media/2/sha256", "64 lowercase hex"},
        {"media_hash_uppercase", setting("/media/2/sha256", std::string(64, 'A')), "/media/2/sha256",
         "lowercase"},
        {"media_bad_type", setting("/media/0/type", "image/gif"), "/media/0/type", "unsupported media type"},
        {"media_empty", setting("/media/1/size", 0), "/media/1/size", "outside"},
        {"media_too_big", setting("/media/1/size", 8 * 1024 * 1024 + 1), "/media/1/size", "outside"},
        {"media_size_fraction", setting("/media/1/size", 12.5), "/media/1/size", "integer"},
        {"phone_not_masked", setting("/members/3/phone_masked", "13612345521"), "/members/3/phone_masked",
         "masked"},
        {"contact_url_not_http", setting("/members/0/contact_url", "javascript:alert(1)"), "/members/0/contact_url",
         "https://"},
        {"stale_after_too_short", setting("/stale_after_s", 10), "/stale_after_s", "between"},
        {"format_2", setting("/format", 2), "/format", "unsupported format 2"},
        {"format_as_string", setting("/format", "1"), "/format", "integer"},
        {"empty_version", setting("/version", ""), "/version", "empty"},
        {"duplicate_key", [](json&) {}, "/version", "duplicate key",
         [](std::string t) { return replace_once(t, "\"version\": ", "\"version\": \"x\", \"version\": "); }},
    };
}

class RejectedBundle : public ::testing::TestWithParam<BadBundle> {};

TEST_P(RejectedBundle, ReportsTheProblemAtItsPointer) {
    const BadBundle& bad = GetParam();
    json doc = good_json();
    bad.edit(doc);
    std::string text = doc.dump(2);
    if (bad.text_edit) text = bad.text_edit(text);

    const auto result = parse_bundle(text);
    ASSERT_FALSE(result.has_value()) << "accepted a bundle with " << bad.name;
    const ContentErrors& errors = result.error();
    const auto found = std::find_if(errors.begin(), errors.end(), [&](const ContentError& e) {
        return e.pointer == bad.pointer && e.message.find(bad.word) != std::string::npos;
    });
    EXPECT_NE(found, errors.end()) << "expected " << bad.pointer << ": ..." << bad.word << "..., got:\n"
                                   << describe(errors);
}

INSTANTIATE_TEST_SUITE_P(ContentRules, RejectedBundle, ::testing::ValuesIn(bad_bundles()),
                         [](const auto& info) { return info.param.name; });

TEST(RejectedBundle, TheIssueExampleReadsExactly) {
    json doc = good_json();
    set(doc, "/members/1/team_id", "t-99");
    const auto result = parse_bundle(doc.dump());
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().size(), 1u) << describe(result.error());
    EXPECT_EQ(result.error()[0].to_string(), "/members/1/team_id: no team \"t-99\"");
}

TEST(RejectedBundle, IndependentProblemsAreAllReportedAndNothingElse) {
    json doc = good_json();
    set(doc, "/members/4/role", "boss");
    set(doc, "/grids/3/polygon/0", json::parse("[300, 9999]"));
    erase(doc, "/notices/2/title");
    set(doc, "/teams/2/grid_id", "g-77");
    set(doc, "/services/1/extra", true);
    const auto result = parse_bundle(doc.dump());
    ASSERT_FALSE(result.has_value());
    std::vector<std::string> pointers;
    for (const ContentError& e : result.error()) pointers.push_back(e.pointer);
    std::sort(pointers.begin(), pointers.end());
    EXPECT_EQ(pointers, (std::vector<std::string>{"/grids/3/polygon/0", "/members/4/role", "/notices/2/title",
                                                  "/services/1/extra", "/teams/2/grid_id"}))
        << describe(result.error());
}

TEST(RejectedBundle, AWrongTypeIsNotAlsoReportedAsABadReference) {
    json doc = good_json();
    set(doc, "/members/0/team_id", 7);
    const auto result = parse_bundle(doc.dump());
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().size(), 1u) << describe(result.error());
    EXPECT_EQ(result.error()[0].to_string(), "/members/0/team_id: must be a string, not number");
}

TEST(RejectedBundle, HostileVolumeOfProblemsIsCappedWithASummary) {
    json doc = good_json();
    for (int i = 0; i < 3000; ++i) doc["bogus-" + std::to_string(i)] = i;
    const auto result = parse_bundle(doc.dump());
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().size(), content_limits::max_errors + 1);
    EXPECT_EQ(result.error().back().pointer, "");
    EXPECT_NE(result.error().back().message.find("2000 more problems"), std::string::npos);
}

TEST(RejectedBundle, PointersEscapeSlashAndTilde) {
    json doc = good_json();
    doc["a/b~c"] = 1;
    const auto result = parse_bundle(doc.dump());
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error()[0].pointer, "/a~1b~0c");
}

}  // namespace
}  // namespace redgrid::content

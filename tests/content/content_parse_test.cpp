// The good test bundle read field by field, the raw-text defences, files on disk, and
// what a rejected update means for the content already on screen.
#include <gtest/gtest.h>

#include "content_test_support.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/content/time_format.h"

namespace redgrid::content {
namespace {

using nlohmann::json;
using testing::bundle_path;
using testing::describe;
using testing::good_json;
using testing::good_text;

TimePoint at(std::string_view text) { return parse_rfc3339(text).value(); }

// The one error of a rejected parse; fails the test if there is not exactly one.
ContentError only_error(const std::expected<Bundle, ContentErrors>& result) {
    if (result.has_value()) {
        ADD_FAILURE() << "bundle was accepted";
        return {};
    }
    if (result.error().size() != 1) ADD_FAILURE() << "expected one error, got:\n" << describe(result.error());
    return result.error().empty() ? ContentError{} : result.error().front();
}

TEST(ParseBundle, ReadsEveryPartOfTheGoodBundle) {
    const auto result = parse_bundle(good_text());
    ASSERT_TRUE(result.has_value()) << describe(result.error());
    const Bundle& b = *result;
    EXPECT_EQ(b.format, 1);
    EXPECT_EQ(b.version, "2026-11-25.3");
    EXPECT_EQ(b.generated_at, at("2026-11-25T00:00:00Z"));
    EXPECT_EQ(b.stale_after, std::chrono::hours(48));
    EXPECT_EQ(b.map.width, 1000);
    EXPECT_EQ(b.place.kiosk_id, "kiosk-bm-01");
    EXPECT_EQ(b.place.position, (MapPoint{150, 120}));
    EXPECT_EQ(b.subdistrict.committee, "光明街道黨工委");

    ASSERT_EQ(b.communities.size(), 2u);
    EXPECT_EQ(b.communities[0].color, 0xC8102EFFu);
    EXPECT_EQ(b.communities[1].color, 0xE0533D80u);
    ASSERT_EQ(b.grids.size(), 4u);
    EXPECT_EQ(b.grids[3].polygon.size(), 5u);
    EXPECT_EQ(b.grids[3].polygon[3], (MapPoint{650, 450.5}));
    EXPECT_EQ(b.grids[1].label_anchor, (MapPoint{450, 150}));
    ASSERT_EQ(b.teams.size(), 3u);
    EXPECT_EQ(b.teams[2].member_ids, (std::vector<std::string>{"m-0007", "m-0008", "m-0009"}));

    ASSERT_EQ(b.members.size(), 9u);
    const Member& li = b.members[0];
    EXPECT_EQ(li.name, "李建國(guó)");
    EXPECT_EQ(li.role, Role::liaison);
    EXPECT_TRUE(li.full_time);
    EXPECT_TRUE(li.on_duty);
    EXPECT_EQ(li.photo, "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
    EXPECT_EQ(li.position, (MapPoint{120, 75}));
    EXPECT_EQ(li.contact_url, "https://example.invalid/m/m-0001");
    // Optional fields: null and absent both mean "none"; booleans default to false.
    EXPECT_FALSE(b.members[1].photo.has_value());
    EXPECT_FALSE(b.members[2].photo.has_value());
    EXPECT_FALSE(b.members[2].position.has_value());
    EXPECT_FALSE(b.members[2].full_time);
    EXPECT_EQ(b.members[2].contact_url, "");

    ASSERT_EQ(b.services.size(), 2u);
    EXPECT_EQ(b.services[0].kind, ServiceKind::five_ones);
    EXPECT_EQ(b.services[0].description, "每月上門走訪結(jié)對(duì)困難群眾。\n有需要請(qǐng)聯(lián)系網(wǎng)格員。");
    EXPECT_EQ(b.services[0].contact_member_id, "m-0001");
    EXPECT_FALSE(b.services[1].contact_member_id.has_value());
    ASSERT_EQ(b.activities.size(), 3u);
    EXPECT_EQ(b.activities[0].kind, ActivityKind::reception_day);
    EXPECT_EQ(b.activities[0].starts_at, at("2026-11-28T01:00:00Z"));
    EXPECT_EQ(b.activities[2].kind, ActivityKind::joint_meeting);
    EXPECT_FALSE(b.activities[2].grid_id.has_value());
    ASSERT_EQ(b.notices.size(), 5u);
    EXPECT_EQ(b.notices[0].priority, NoticePriority::urgent);
    ASSERT_EQ(b.honours.size(), 3u);
    EXPECT_EQ(b.honours[1].board, HonourBoard::governance_star);
    EXPECT_EQ(b.honours[0].period, "2026年11月");
    ASSERT_EQ(b.media.size(), 3u);
    EXPECT_EQ(b.media[1].mime_type, "image/jpeg");
    EXPECT_EQ(b.media[1].size, 88001);
    EXPECT_EQ(b.theme.accent, 0xFFC93CFFu);
    EXPECT_EQ(b.theme.logo, std::string(64, '1'));
}

TEST(ParseBundle, OptionalTopLevelPartsFallBackToDefaults) {
    json doc = good_json();
    doc.erase("theme");
    doc.erase("stale_after_s");
    const auto result = parse_bundle(doc.dump());
    ASSERT_TRUE(result.has_value()) << describe(result.error());
    EXPECT_EQ(result->theme.primary, Theme{}.primary);
    EXPECT_FALSE(result->theme.logo.has_value());
    EXPECT_EQ(result->stale_after, std::chrono::hours(48));
}

TEST(ParseBundle, AcceptsEveryLimitExactly) {
    json doc = good_json();
    doc["members"][0]["name"] = std::string(64, 'x');
    doc["notices"][0]["title"] = std::string(120, 't');
    doc["notices"][0]["body"] = std::string(4000, 'b');
    doc["services"][0]["id"] = std::string(40, 's');
    doc["media"][2]["size"] = 8 * 1024 * 1024;
    const auto result = parse_bundle(doc.dump());
    EXPECT_TRUE(result.has_value()) << describe(result.error());
}

TEST(ParseBundle, SyntaxErrorNamesLineColumnAndByte) {
    const ContentError error = only_error(parse_bundle("{\n  \"format\": 1,\n  \"version\" \"x\"\n}"));
    EXPECT_EQ(error.pointer, "");
    EXPECT_NE(error.message.find("JSON syntax error at line 3, column 15 (byte 31)"), std::string::npos)
        << error.message;
}

TEST(ParseBundle, TruncatedFileIsASyntaxError) {
    const auto result = load_bundle_file(bundle_path("bad/truncated.json"));
    const ContentError error = only_error(result);
    EXPECT_EQ(error.pointer, "");
    EXPECT_NE(error.message.find("JSON syntax error"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("JSON syntax error at line 29, column 9 (byte 2000)"), std::string::npos)
        << error.message;
    EXPECT_NE(error.message.find("truncated.json"), std::string::npos) << "errors name the file";
}

TEST(ParseBundle, EmptyDocument) {
    EXPECT_EQ(only_error(parse_bundle("")).message, "empty document: a bundle is a JSON object");
    EXPECT_EQ(only_error(parse_bundle(" \n\t ")).message, "empty document: a bundle is a JSON object");
}

TEST(ParseBundle, TopLevelArray) {
    const ContentError error = only_error(load_bundle_file(bundle_path("bad/top-level-array.json")));
    EXPECT_EQ(error.pointer, "");
    EXPECT_NE(error.message.find("a bundle must be a JSON object, not array"), std::string::npos) << error.message;
}

TEST(ParseBundle, InvalidUtf8IsRejectedWithItsPosition) {
    const ContentError error = only_error(load_bundle_file(bundle_path("bad/invalid-utf8.json")));
    EXPECT_EQ(error.pointer, "");
    EXPECT_NE(error.message.find("invalid UTF-8 at line 1, column 31 (byte 30)"), std::string::npos)
        << error.message;
}

TEST(ParseBundle, OverlongAndSurrogateEncodingsAreInvalidUtf8) {
    EXPECT_NE(only_error(parse_bundle("{\"version\": \"\xC0\xAF\"}")).message.find("invalid UTF-8"), std::string::npos);
    EXPECT_NE(only_error(parse_bundle("{\"version\": \"\xED\xA0\x80\"}")).message.find("invalid UTF-8"),
              std::string::npos);
}

TEST(ParseBundle, EscapedLoneSurrogateIsASyntaxError) {
    json doc = good_json();
    std::string text = doc.dump();
    text.replace(text.find("2026-11-25.3"), 12, "\\ud800");
    const ContentError error = only_error(parse_bundle(text));
    EXPECT_NE(error.message.find("surrogate"), std::string::npos) << error.message;
}

TEST(ParseBundle, DeepNestingIsRejectedBeforeParsing) {
    const std::string deep = std::string(10000, '[') + std::string(10000, ']');
    const ContentError error = only_error(parse_bundle(deep));
    EXPECT_EQ(error.pointer, "");
    EXPECT_NE(error.message.find("nesting deeper than 64 levels at line 1, column 65 (byte 64)"), std::string::npos)
        << error.message;

    // Brackets inside strings are text, not nesting.
    json doc = good_json();
    doc["notices"][0]["body"] = std::string(200, '[') + "\"{\\";
    EXPECT_TRUE(parse_bundle(doc.dump()).has_value());
}

TEST(ParseBundle, SixtyFourLevelsAreStillParsed) {
    const std::string deep = std::string(64, '[') + std::string(64, ']');
    const ContentError error = only_error(parse_bundle(deep));
    EXPECT_NE(error.message.find("must be a JSON object"), std::string::npos) << error.message;
}

TEST(ParseBundle, OversizedDocumentIsRejectedFirst) {
    std::string text = good_text();
    text.append(content_limits::max_document_bytes + 1 - text.size(), ' ');
    const ContentError error = only_error(parse_bundle(text));
    EXPECT_NE(error.message.find("16777217 bytes, more than the limit of 16777216"), std::string::npos)
        << error.message;
    text.pop_back();
    EXPECT_TRUE(parse_bundle(text).has_value()) << "exactly at the limit is fine";
}

TEST(ParseBundle, SeveralProblemsInOneFileAreReportedTogether) {
    const auto result = load_bundle_file(bundle_path("bad/several-problems.json"));
    ASSERT_FALSE(result.has_value());
    const std::string suffix = " (in " + bundle_path("bad/several-problems.json").string() + ")";
    std::vector<std::string> lines;
    for (const ContentError& e : result.error()) lines.push_back(e.to_string());
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "/communities/0/colour: unknown field \"colour\"" + suffix,
                         "/grids/0/polygon: polygon needs at least 3 points, has 2" + suffix,
                         "/members/1/team_id: no team \"t-99\"" + suffix,
                         "/activities/0/ends_at: ends_at 2026-11-28T00:00:00Z is not after starts_at "
                         "2026-11-28T01:00:00Z" + suffix,
                     }));
}

// Whatever arrives, parse_bundle answers with a value or errors: it never throws or
// crashes. Every cut of the good bundle and a sweep of damaged bytes stand in for
// interrupted downloads and corrupted caches.
TEST(ParseBundle, DamagedBundlesAreRejectedNeverThrown) {
    const std::string text = good_text();
    const std::size_t closing_brace = text.find_last_of('}');
    for (std::size_t length = 0; length <= closing_brace; ++length) {
        const std::string_view prefix(text.data(), length);
        std::expected<Bundle, ContentErrors> result;
        ASSERT_NO_THROW(result = parse_bundle(prefix)) << "cut at " << length;
        ASSERT_FALSE(result.has_value()) << "cut at " << length;
        ASSERT_FALSE(result.error().empty());
    }
    for (std::size_t at = 0; at < text.size(); at += 5) {
        for (const char replacement : {'"', '{', ']', '\\', ',', '9', '\0', '\xFF'}) {
            std::string damaged = text;
            damaged[at] = replacement;
            std::expected<Bundle, ContentErrors> result;
            ASSERT_NO_THROW(result = parse_bundle(damaged)) << "byte " << at;
            if (!result) {
                ASSERT_FALSE(result.error().empty()) << "byte " << at;
            }
        }
    }
}

TEST(LoadBundleFile, ReadsTheGoodFile) {
    const auto result = load_bundle_file(bundle_path("good.json"));
    ASSERT_TRUE(result.has_value()) << describe(result.error());
    EXPECT_EQ(result->members.size(), 9u);
}

TEST(LoadBundleFile, MissingFileIsNamed) {
    const auto path = bundle_path("no-such-bundle.json");
    EXPECT_EQ(only_error(load_bundle_file(path)).message, "cannot open the bundle file " + path.string());
}

TEST(ContentError, ToStringJoinsPointerAndMessage) {
    EXPECT_EQ((ContentError{"/members/17/team_id", "no team \"t-99\""}.to_string()),
              "/members/17/team_id: no team \"t-99\"");
    EXPECT_EQ((ContentError{"", "empty document"}.to_string()), "empty document");
}

TEST(Colour, ParsesBothFormsInEitherCase) {
    EXPECT_EQ(parse_color("#C8102E"), 0xC8102EFFu);
    EXPECT_EQ(parse_color("#c8102e"), 0xC8102EFFu);
    EXPECT_EQ(parse_color("#C8102E80"), 0xC8102E80u);
    EXPECT_EQ(parse_color("#00000000"), 0x00000000u);
    for (const char* bad : {"", "#", "C8102E", "#C8102", "#C8102E8", "#C8102E800", "#G8102E", "# 8102E", "red"}) {
        EXPECT_FALSE(parse_color(bad).has_value()) << bad;
    }
    EXPECT_EQ(format_color(0xC8102EFF), "#C8102E");
    EXPECT_EQ(format_color(0xC8102E80), "#C8102E80");
}

TEST(ValidateBundle, ChecksABundleMadeInCode) {
    Bundle bundle;
    bundle.version = "code-1";
    bundle.subdistrict = {"sd-1", "光明街道", "光明街道黨工委"};
    bundle.place = {"k-1", "服務(wù)中心", "", {10, 10}, "g-1"};
    bundle.communities.push_back({"c-1", "碧眼社區(qū)", "碧眼社區(qū)黨委", 0xC8102EFF});
    bundle.grids.push_back({"g-1", "c-1", "第一網(wǎng)格", "第一網(wǎng)格黨支部", {{0, 0}, {100, 0}, {0, 100}}, {20, 20}});
    EXPECT_EQ(validate_bundle(bundle), ContentErrors{});

    bundle.grids[0].polygon[1].x = std::numeric_limits<double>::quiet_NaN();
    bundle.grids[0].community_id = "c-2";
    const ContentErrors errors = validate_bundle(bundle);
    EXPECT_EQ(errors, (ContentErrors{{"/grids/0/community_id", "no community \"c-2\""},
                                     {"/grids/0/polygon/1", "coordinate is not a finite number"}}))
        << describe(errors);
}

// The sync worker parses a new bundle while the screen holds the current Content; a
// rejected update must leave what is shown exactly as it was.
TEST(ContentUpdate, ARejectedBundleLeavesTheShownContentUntouched) {
    auto first = parse_bundle(good_text());
    ASSERT_TRUE(first.has_value());
    std::shared_ptr<const Content> shown = Content::make(std::move(*first));
    const std::shared_ptr<const Content> held_by_screen = shown;

    json update = good_json();
    update["version"] = "2026-11-26.1";
    update["members"][0]["name"] = "改過的名字";
    update["members"][3]["team_id"] = "t-99";
    if (auto parsed = parse_bundle(update.dump())) shown = Content::make(std::move(*parsed));

    EXPECT_EQ(shown, held_by_screen);
    EXPECT_EQ(shown->bundle().version, "2026-11-25.3");
    ASSERT_NE(shown->member("m-0001"), nullptr);
    EXPECT_EQ(shown->member("m-0001")->name, "李建國(guó)");

    update["members"][3]["team_id"] = "t-002";
    if (auto parsed = parse_bundle(update.dump())) shown = Content::make(std::move(*parsed));
    EXPECT_EQ(shown->bundle().version, "2026-11-26.1");
    EXPECT_EQ(held_by_screen->member("m-0001")->name, "李建國(guó)") << "the old Content stays valid for its holders";
}

// A district-sized bundle (10,000 members, 150 grids, 2,000 notices) built in memory.
TEST(ParseBundle, LargeBundleParses) {
    json doc = good_json();
    doc["map"] = {{"width", 15000}, {"height", 10000}};
    doc["grids"] = json::array();
    doc["teams"] = json::array();
    doc["members"] = json::array();
    doc["notices"] = json::array();
    doc["honours"] = json::array();
    doc["services"][0]["contact_member_id"] = "m-00000";
    doc["place"]["grid_id"] = "g-000";
    for (int g = 0; g < 150; ++g) {
        const double x = (g % 15) * 1000.0;
        const double y = (g / 15) * 1000.0;
        char grid_id[16];
        std::snprintf(grid_id, sizeof grid_id, "g-%03d", g);
        doc["grids"].push_back({{"id", grid_id},
                                {"community_id", g % 2 == 0 ? "c-01" : "c-02"},
                                {"name", "網(wǎng)格 " + std::to_string(g)},
                                {"branch", "網(wǎng)格黨支部 " + std::to_string(g)},
                                {"polygon", {{x, y}, {x + 1000, y}, {x + 1000, y + 1000}, {x, y + 1000}}},
                                {"label_anchor", {x + 500, y + 500}}});
    }
    constexpr int members = 10000;
    constexpr int team_size = 4;
    for (int t = 0; t < members / team_size; ++t) {
        char team_id[16];
        std::snprintf(team_id, sizeof team_id, "t-%04d", t);
        json ids = json::array();
        for (int k = 0; k < team_size; ++k) {
            const int m = t * team_size + k;
            char member_id[16];
            std::snprintf(member_id, sizeof member_id, "m-%05d", m);
            ids.push_back(member_id);
            doc["members"].push_back({{"id", member_id},
                                      {"name", "隊(duì)員" + std::to_string(m)},
                                      {"role", "server"},
                                      {"team_id", team_id},
                                      {"on_duty", m % 3 == 0},
                                      {"phone_masked", "138****" + std::to_string(1000 + m % 9000)},
                                      {"position", {(m * 37) % 15000, (m * 53) % 10000}}});
        }
        char grid_id[16];
        std::snprintf(grid_id, sizeof grid_id, "g-%03d", t % 150);
        doc["teams"].push_back(
            {{"id", team_id}, {"name", "紅小二 " + std::to_string(t)}, {"grid_id", grid_id}, {"leader_id", ids[0]},
             {"member_ids", ids}});
    }
    for (int n = 0; n < 2000; ++n) {
        doc["notices"].push_back({{"id", "n-" + std::to_string(n)},
                                  {"title", "通知 " + std::to_string(n)},
                                  {"body", std::string(200, 'x')},
                                  {"priority", n % 10 == 0 ? "urgent" : "normal"},
                                  {"valid_from", "2026-11-01T00:00:00+08:00"},
                                  {"valid_to", "2026-12-01T00:00:00+08:00"}});
    }
    doc["activities"][0]["grid_id"] = "g-000";
    doc["activities"][1]["grid_id"] = "g-001";
    const std::string text = doc.dump();

    const auto result = parse_bundle(text);
    ASSERT_TRUE(result.has_value()) << describe(result.error());
    EXPECT_EQ(result->members.size(), 10000u);
    EXPECT_EQ(result->grids.size(), 150u);
    EXPECT_EQ(result->notices.size(), 2000u);
    const auto content = Content::make(std::move(*result));
    EXPECT_EQ(content->members_of_grid("g-007").size(), 68u);  // 17 teams of 4 for grids 0..99, 16 after
    EXPECT_EQ(content->on_duty_nearest("g-042", 10).size(), 10u);
}

}  // namespace
}  // namespace redgrid::content

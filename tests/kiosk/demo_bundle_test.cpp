// The demo bundle the kiosk ships (demo/): generated at build time into
// REDGRID_BINARY_DIR/share/redgrid/demo, it must keep every promise the demo makes
// (counts, a map that tiles, photos that match their hashes) and come out
// byte-identical from every run of the generator.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "demo_support.h"
#include "redgrid/content/content_parse.h"

namespace fs = std::filesystem;
using nlohmann::json;
using redgrid::content::MapPoint;

namespace {

const fs::path demo_dir = fs::path(REDGRID_BINARY_DIR) / "share" / "redgrid" / "demo";

json load_demo() {
    auto bytes = redgrid::demo::read_file(demo_dir / "bundle.json");
    if (!bytes) throw std::runtime_error(bytes.error());
    return json::parse(bytes->begin(), bytes->end());
}

MapPoint point(const json& pair) { return {pair.at(0).get<double>(), pair.at(1).get<double>()}; }

redgrid::demo::Polygon polygon(const json& grid) {
    redgrid::demo::Polygon out;
    for (const auto& p : grid.at("polygon")) out.push_back(point(p));
    return out;
}

std::size_t code_points(const std::string& utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::map<std::string, json> by_id(const json& items) {
    std::map<std::string, json> out;
    for (const auto& item : items) out.emplace(item.at("id").get<std::string>(), item);
    return out;
}

// A scratch directory removed at the end of the test, whatever happens.
struct ScratchDir {
    fs::path path;
    explicit ScratchDir(const std::string& name)
        : path(fs::temp_directory_path() / ("redgrid-demo-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
    }
    ~ScratchDir() { fs::remove_all(path); }
};

void run_generator(const fs::path& out_dir) {
    const std::string command = std::string("'") + REDGRID_DEMO_GEN + "' '" + out_dir.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

std::map<std::string, std::vector<unsigned char>> tree_bytes(const fs::path& root) {
    std::map<std::string, std::vector<unsigned char>> out;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        auto bytes = redgrid::demo::read_file(entry.path());
        if (!bytes) throw std::runtime_error(bytes.error());
        out.emplace(fs::relative(entry.path(), root).string(), std::move(*bytes));
    }
    return out;
}

}  // namespace

TEST(DemoBundle, PassesTheKioskContentParserWithoutErrors) {
    const auto bundle = redgrid::content::load_bundle_file(demo_dir / "bundle.json");
    std::string problems;
    if (!bundle)
        for (const auto& error : bundle.error()) problems += error.to_string() + "\n";
    ASSERT_TRUE(bundle.has_value()) << problems;
    EXPECT_EQ(bundle->place.kiosk_id, "demo");
    EXPECT_EQ(bundle->grids.size(), 48u);
}

TEST(DemoBundle, HasTheOrganisationThePlacePromises) {
    const json b = load_demo();
    EXPECT_EQ(b.at("format"), 1);
    EXPECT_EQ(b.at("version"), "demo-1");
    EXPECT_EQ(b.at("generated_at"), "2026-11-25T08:00:00+08:00");
    EXPECT_FALSE(b.at("subdistrict").at("name").get<std::string>().empty());
    ASSERT_EQ(b.at("communities").size(), 6u);
    ASSERT_EQ(b.at("grids").size(), 48u);

    std::map<std::string, int> grids_per_community;
    for (const auto& grid : b.at("grids")) ++grids_per_community[grid.at("community_id").get<std::string>()];
    for (const auto& community : b.at("communities")) {
        EXPECT_EQ(grids_per_community[community.at("id").get<std::string>()], 8) << community.at("id");
        const auto color = redgrid::content::parse_color(community.at("color").get<std::string>());
        ASSERT_TRUE(color.has_value());
        // Grid names are drawn in white on the community's shade.
        EXPECT_GE(redgrid::demo::contrast_ratio(*color, 0xFFFFFFFF), 4.5) << community.at("color");
    }

    const auto members = by_id(b.at("members"));
    EXPECT_GE(b.at("teams").size(), 60u);
    EXPECT_GE(members.size(), 240u);
    std::set<std::string> grid_ids;
    for (const auto& grid : b.at("grids")) grid_ids.insert(grid.at("id").get<std::string>());
    for (const auto& team : b.at("teams")) {
        EXPECT_TRUE(grid_ids.contains(team.at("grid_id").get<std::string>())) << team.at("id");
        ASSERT_GE(team.at("member_ids").size(), 3u) << team.at("id");
        const std::string leader = team.at("leader_id");
        ASSERT_TRUE(members.contains(leader)) << team.at("id");
        EXPECT_TRUE(members.at(leader).at("full_time").get<bool>()) << "leader of " << team.at("id");
        for (const auto& member_id : team.at("member_ids"))
            EXPECT_EQ(members.at(member_id.get<std::string>()).at("team_id"), team.at("id"));
    }

    std::set<std::string> roles;
    std::set<std::string> names;
    int full_time = 0;
    int on_duty = 0;
    for (const auto& [id, member] : members) {
        roles.insert(member.at("role").get<std::string>());
        names.insert(member.at("name").get<std::string>());
        full_time += member.at("full_time").get<bool>();
        on_duty += member.at("on_duty").get<bool>();
        const std::string phone = member.at("phone_masked");
        EXPECT_EQ(phone.size(), 11u) << id;
        EXPECT_EQ(phone.substr(3, 4), "****") << id;  // the bundle never carries a full number
        EXPECT_EQ(member.at("contact_url"), "https://example.invalid/m/" + id);
    }
    EXPECT_EQ(roles.size(), 5u);
    EXPECT_EQ(names.size(), members.size()) << "two members share a name";
    EXPECT_GT(full_time * 4, static_cast<int>(members.size())) << "about a third are full-time";
    EXPECT_GT(on_duty * 3, static_cast<int>(members.size())) << "about 40% are on duty";
}

TEST(DemoBundle, OffersServicesActivitiesNoticesAndHonours) {
    const json b = load_demo();
    int five_ones = 0;
    int brands = 0;
    for (const auto& service : b.at("services")) {
        five_ones += service.at("kind") == "five_ones";
        brands += service.at("kind") == "brand";
        for (const char* field : {"title", "description", "where", "when", "contact_phone"})
            EXPECT_FALSE(service.at(field).get<std::string>().empty()) << service.at("id") << " " << field;
    }
    EXPECT_EQ(five_ones, 5);
    EXPECT_GE(brands, 4);

    std::string first_start = "9999";
    std::string last_end;
    std::set<std::string> kinds;
    for (const auto& activity : b.at("activities")) {
        first_start = std::min(first_start, activity.at("starts_at").get<std::string>());
        last_end = std::max(last_end, activity.at("ends_at").get<std::string>());
        kinds.insert(activity.at("kind").get<std::string>());
    }
    // All times carry +08:00, so the text orders like the time.
    EXPECT_LE(first_start, "2026-11-01T23:59:59+08:00");
    EXPECT_GE(last_end, "2026-12-31T00:00:00+08:00");
    EXPECT_EQ(kinds, (std::set<std::string>{"reception_day", "joint_meeting", "service_event"}));

    const std::string now = b.at("generated_at");
    int urgent_now = 0;
    int expired = 0;
    std::size_t longest_body = 0;
    for (const auto& notice : b.at("notices")) {
        const bool current = notice.at("valid_from") <= now && now < notice.at("valid_to");
        urgent_now += current && notice.at("priority") == "urgent";
        expired += notice.at("valid_to") <= now;
        longest_body = std::max(longest_body, code_points(notice.at("body")));
    }
    EXPECT_GE(b.at("notices").size(), 8u);
    EXPECT_EQ(urgent_now, 1);
    EXPECT_GE(expired, 1);
    EXPECT_GE(longest_body, 800u) << "one notice must be long enough to scroll";

    const auto members = by_id(b.at("members"));
    std::set<std::pair<std::string, std::string>> boards;
    for (const auto& honour : b.at("honours")) {
        EXPECT_TRUE(members.contains(honour.at("member_id").get<std::string>())) << honour.at("id");
        EXPECT_FALSE(honour.at("reason").get<std::string>().empty()) << honour.at("id");
        boards.emplace(honour.at("board").get<std::string>(), honour.at("period").get<std::string>());
    }
    for (const char* board : {"governance_star", "service_star"}) {
        EXPECT_TRUE(boards.contains({board, "2026年11月"})) << board;
        EXPECT_TRUE(boards.contains({board, "2026年10月"})) << board;
    }
}

TEST(DemoBundle, GridsTileTheMapWithoutOverlapsOrHoles) {
    const json b = load_demo();
    const double width = b.at("map").at("width");
    const double height = b.at("map").at("height");
    std::vector<redgrid::demo::Polygon> polygons;
    for (const auto& grid : b.at("grids")) {
        auto shape = polygon(grid);
        EXPECT_TRUE(redgrid::demo::is_simple(shape)) << grid.at("id");
        for (const auto& p : shape) {
            EXPECT_TRUE(p.x >= 0 && p.x <= width && p.y >= 0 && p.y <= height) << grid.at("id");
        }
        EXPECT_TRUE(redgrid::demo::point_in_polygon(shape, point(grid.at("label_anchor")))) << grid.at("id");
        polygons.push_back(std::move(shape));
    }

    // No point of the map lies in two grids. The lattice is offset from round
    // numbers so samples do not land exactly on shared vertices.
    int covered = 0;
    for (double y = 0.37; y < height; y += 3) {
        for (double x = 0.29; x < width; x += 3) {
            int inside = 0;
            for (const auto& shape : polygons) inside += redgrid::demo::point_in_polygon(shape, {x, y});
            ASSERT_LE(inside, 1) << "grids overlap at " << x << "," << y;
            covered += inside;
        }
    }
    EXPECT_GT(covered, 0);

    // No holes: every edge is either shared (reversed) by a neighbour or on the
    // outline, and the outline edges form one closed loop.
    using Edge = std::pair<std::pair<double, double>, std::pair<double, double>>;
    std::multiset<Edge> edges;
    for (const auto& shape : polygons)
        for (std::size_t i = 0; i < shape.size(); ++i) {
            const auto& a = shape[i];
            const auto& c = shape[(i + 1) % shape.size()];
            edges.insert({{a.x, a.y}, {c.x, c.y}});
        }
    std::map<std::pair<double, double>, std::pair<double, double>> outline;
    for (const auto& [from, to] : edges) {
        EXPECT_EQ(edges.count({from, to}), 1u) << "two grids run the same way along an edge";
        if (!edges.contains({to, from})) {
            EXPECT_FALSE(outline.contains(from)) << "the outline branches";
            outline[from] = to;
        }
    }
    ASSERT_FALSE(outline.empty());
    auto at = outline.begin()->first;
    std::size_t steps = 0;
    do {
        ASSERT_TRUE(outline.contains(at)) << "the outline is not closed";
        at = outline.at(at);
        ++steps;
    } while (at != outline.begin()->first && steps <= outline.size());
    EXPECT_EQ(steps, outline.size()) << "the outline is more than one loop: a hole or an island";
}

TEST(DemoBundle, KioskAndMembersStandInsideTheirGrids) {
    const json b = load_demo();
    const auto grids = by_id(b.at("grids"));
    const auto teams = by_id(b.at("teams"));
    const json& place = b.at("place");
    const json& home = grids.at(place.at("grid_id").get<std::string>());
    EXPECT_EQ(home.at("community_id"), b.at("communities").at(0).at("id"));
    EXPECT_TRUE(redgrid::demo::point_in_polygon(polygon(home), point(place.at("position"))));
    // Roughly central, so the "you are here" marker is never clipped by the map's edge.
    const MapPoint here = point(place.at("position"));
    EXPECT_NEAR(here.x / b.at("map").at("width").get<double>(), 0.5, 0.2);
    EXPECT_NEAR(here.y / b.at("map").at("height").get<double>(), 0.5, 0.2);

    int placed = 0;
    for (const auto& member : b.at("members")) {
        if (member.at("position").is_null()) continue;
        ++placed;
        const json& team = teams.at(member.at("team_id").get<std::string>());
        const json& grid = grids.at(team.at("grid_id").get<std::string>());
        EXPECT_TRUE(redgrid::demo::point_in_polygon(polygon(grid), point(member.at("position")))) << member.at("id");
    }
    EXPECT_GT(placed, 50);
}

TEST(DemoBundle, EveryPhotoIsAPngThatMatchesItsHash) {
    const json b = load_demo();
    std::set<std::string> listed;
    std::int64_t total = 0;
    for (const auto& media : b.at("media")) {
        const std::string hash = media.at("sha256");
        listed.insert(hash);
        auto bytes = redgrid::demo::read_file(demo_dir / "media" / hash);
        ASSERT_TRUE(bytes.has_value()) << bytes.error();
        EXPECT_EQ(redgrid::demo::sha256_hex(*bytes), hash);
        EXPECT_EQ(media.at("size").get<std::int64_t>(), static_cast<std::int64_t>(bytes->size())) << hash;
        EXPECT_EQ(media.at("type"), "image/png");
        const std::vector<unsigned char> png_signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        ASSERT_GE(bytes->size(), png_signature.size());
        EXPECT_TRUE(std::equal(png_signature.begin(), png_signature.end(), bytes->begin())) << hash;
        total += static_cast<std::int64_t>(bytes->size());
    }
    for (const auto& member : b.at("members")) {
        ASSERT_TRUE(member.at("photo").is_string()) << member.at("id");
        EXPECT_TRUE(listed.contains(member.at("photo").get<std::string>())) << member.at("id");
    }
    for (const auto& entry : fs::directory_iterator(demo_dir / "media"))
        EXPECT_TRUE(listed.contains(entry.path().filename().string())) << "stray " << entry.path();
    EXPECT_LT(total, 4 * 1024 * 1024) << "the demo must stay small";
}

TEST(DemoBundle, TextIsCleanUtf8Chinese) {
    auto bytes = redgrid::demo::read_file(demo_dir / "bundle.json");
    ASSERT_TRUE(bytes.has_value());
    const std::string text(bytes->begin(), bytes->end());
    // A '?' or a Latin letter with a diacritic (lead bytes 0xC3..0xC9) would be
    // mojibake or a pinyin annotation left in the source text.
    EXPECT_EQ(text.find('?'), std::string::npos);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        ASSERT_FALSE(c >= 0xC3 && c <= 0xC9) << "Latin-1 text near byte " << i << ": " << text.substr(i > 30 ? i - 30 : 0, 60);
    }
}

TEST(DemoBundle, GenerationIsByteIdenticalOnEveryRun) {
    ScratchDir first("first");
    ScratchDir second("second");
    run_generator(first.path);
    run_generator(second.path);
    const auto a = tree_bytes(first.path);
    const auto b = tree_bytes(second.path);
    ASSERT_GT(a.size(), 200u);
    EXPECT_TRUE(a == b) << "two runs of the generator differ";
    // And the build's copy is what the current generator makes.
    EXPECT_TRUE(a == tree_bytes(demo_dir)) << "share/redgrid/demo is stale";
}

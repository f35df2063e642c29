#include "large_bundle.h"

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <string_view>

namespace redgrid::bench {
namespace {

constexpr std::array<std::string_view, 6> kCommunities = {"碧眼", "东周", "白花", "光明", "观光", "翠湖"};
constexpr std::array<std::string_view, 6> kColours = {"#C8102E", "#8E1B3E", "#A0155A", "#C24A0E", "#7A1A1A", "#C8501E"};
constexpr std::array<std::string_view, 12> kSurnames = {"李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
constexpr std::array<std::string_view, 12> kGiven = {"建国", "秀英", "伟", "洋", "静", "帆", "敏", "磊", "琳", "涛", "惠玲", "刚"};
constexpr std::array<std::string_view, 5> kRoles = {"liaison", "server", "mediator", "governance", "publicity"};

constexpr int kTeamSize = 20;
constexpr int kColumns = 15;  // grids per lattice row
constexpr double kCell = 100;

void separate(std::string& out, bool first) { out += first ? "\n    " : ",\n    "; }

// printf onto the end of out (GCC 12 has no <format>).
[[gnu::format(printf, 2, 3)]] void appendf(std::string& out, const char* pattern, ...) {
    char buffer[2048];
    va_list args;
    va_start(args, pattern);
    const int n = std::vsnprintf(buffer, sizeof buffer, pattern, args);
    va_end(args);
    if (n > 0) out.append(buffer, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buffer - 1));
}

std::string printed(const char* pattern, int value) {
    std::string out;
    appendf(out, pattern, value);
    return out;
}

std::string member_id(int i) { return printed("m-%05d", i); }
std::string team_id(int i) { return printed("t-%04d", i); }
std::string grid_id(int i) { return printed("g-%04d", i); }

}  // namespace

std::string make_large_bundle(const LargeBundleSize& size) {
    const int grids = std::max(1, size.grids);
    const int members = std::max(kTeamSize, size.members - size.members % kTeamSize);
    const int teams = members / kTeamSize;
    const int rows = (grids + kColumns - 1) / kColumns;
    std::string out;
    out.reserve(static_cast<std::size_t>(members) * 330 + static_cast<std::size_t>(size.notices) * 700 + 200'000);

    appendf(out, R"({
  "format": 1, "version": "bench-large-%d", "generated_at": "2026-11-25T08:00:00+08:00", "stale_after_s": 172800,
  "map": { "width": %g, "height": %g },
  "place": { "kiosk_id": "bench", "name": "碧眼社区党群服务中心", "address": "光明区光明街道碧眼路 18 号",
             "position": [50, 50], "grid_id": "%s" },
  "subdistrict": { "id": "sd-guangming", "name": "光明街道", "committee": "光明街道党工委" },
  "communities": [)",
            members, kColumns * kCell, rows * kCell, grid_id(0).c_str());
    for (std::size_t c = 0; c < kCommunities.size(); ++c) {
        separate(out, c == 0);
        appendf(out, R"({ "id": "c-%02zu", "name": "%s社区", "committee": "%s社区党委", "color": "%s" })", c,
                kCommunities[c].data(), kCommunities[c].data(), kColours[c].data());
    }
    out += "\n  ],\n  \"grids\": [";
    for (int g = 0; g < grids; ++g) {
        const double x = (g % kColumns) * kCell, y = (g / kColumns) * kCell;
        const auto community = static_cast<std::size_t>(g) * kCommunities.size() / static_cast<std::size_t>(grids);
        const char* name = kCommunities[community].data();
        separate(out, g == 0);
        appendf(out,
                R"({ "id": "%s", "community_id": "c-%02zu", "name": "%s第%d网格", "branch": "%s第%d网格党支部", )"
                R"("polygon": [[%g,%g],[%g,%g],[%g,%g],[%g,%g]], "label_anchor": [%g, %g] })",
                grid_id(g).c_str(), community, name, g + 1, name, g + 1, x, y, x + kCell, y, x + kCell, y + kCell, x,
                y + kCell, x + kCell / 2, y + kCell / 2);
    }
    out += "\n  ],\n  \"teams\": [";
    for (int t = 0; t < teams; ++t) {
        separate(out, t == 0);
        appendf(out, R"({ "id": "%s", "name": "红小二·第%d队", "grid_id": "%s", "leader_id": "%s", "member_ids": [)",
                team_id(t).c_str(), t + 1, grid_id(t % grids).c_str(), member_id(t * kTeamSize).c_str());
        for (int k = 0; k < kTeamSize; ++k) appendf(out, R"(%s"%s")", k ? "," : "", member_id(t * kTeamSize + k).c_str());
        out += "] }";
    }
    out += "\n  ],\n  \"members\": [";
    for (int m = 0; m < members; ++m) {
        const int team = m / kTeamSize, grid = team % grids;
        const double x = (grid % kColumns) * kCell + 5 + (m % 9) * 10, y = (grid / kColumns) * kCell + 5 + (m % 7) * 12;
        const auto id = member_id(m);
        separate(out, m == 0);
        appendf(out,
                R"({ "id": "%s", "name": "%s%s", "role": "%s", "team_id": "%s", "full_time": %s, "on_duty": %s, )"
                R"("phone_masked": "13%d****%04d", "position": [%g, %g], "contact_url": "https://example.invalid/m/%s" })",
                id.c_str(), kSurnames[static_cast<std::size_t>(m) % kSurnames.size()].data(),
                kGiven[static_cast<std::size_t>(m / 12) % kGiven.size()].data(),
                kRoles[static_cast<std::size_t>(m) % kRoles.size()].data(), team_id(team).c_str(),
                m % 4 == 0 ? "true" : "false", m % 3 == 0 ? "true" : "false", m % 10, m % 10000, x, y, id.c_str());
    }
    out += "\n  ],\n  \"services\": [";
    for (int s = 0; s < 20; ++s) {
        separate(out, s == 0);
        appendf(out,
                R"({ "id": "s-%03d", "kind": "%s", "title": "便民服务第%d项", "description": "每月上门走访结对困难群众。\n有需要请联系网格员。", )"
                R"("where": "碧眼社区党群服务中心", "when": "周一至周五 9:00-17:00", "contact_member_id": "%s", "contact_phone": "0755-2xxx xxxx" })",
                s, s % 3 == 0 ? "five_ones" : (s % 3 == 1 ? "brand" : "other"), s + 1, member_id(s * 7).c_str());
    }
    out += "\n  ],\n  \"activities\": [";
    const int activities = std::max(1, members / 40);
    for (int a = 0; a < activities; ++a) {
        const int day = 1 + a % 28, hour = 9 + a % 8;
        separate(out, a == 0);
        appendf(out,
                R"({ "id": "a-%04d", "kind": "%s", "title": "网格活动第%d场", "description": "书记接待群众来访。", )"
                R"("starts_at": "2026-12-%02dT%02d:00:00+08:00", "ends_at": "2026-12-%02dT%02d:30:00+08:00", "place": "碧眼广场", "grid_id": "%s" })",
                a, a % 2 ? "service_event" : "reception_day", a + 1, day, hour, day, hour, grid_id(a % grids).c_str());
    }
    out += "\n  ],\n  \"notices\": [";
    for (int n = 0; n < size.notices; ++n) {
        separate(out, n == 0);
        appendf(out,
                R"({ "id": "n-%05d", "title": "社区通知第%d号", "body": "%d月%d日 9:00-17:00 碧眼路段停水，请居民提前储水。如有困难请联系网格员，)"
                R"(党员志愿者将上门送水。长者、残障人士家庭请拨打一键呼叫。", "priority": "%s", )"
                R"("valid_from": "2026-11-%02dT00:00:00+08:00", "valid_to": "2026-12-%02dT00:00:00+08:00" })",
                n, n + 1, 11 + n % 2, 1 + n % 28, n % 50 == 0 ? "urgent" : (n % 7 == 0 ? "high" : "normal"), 1 + n % 24,
                1 + n % 28);
    }
    out += "\n  ],\n  \"honours\": [";
    const int honours = std::max(1, members / 50);
    for (int h = 0; h < honours; ++h) {
        separate(out, h == 0);
        appendf(out, R"({ "id": "h-%04d", "board": "%s", "member_id": "%s", "period": "2026年11月", "reason": "调解邻里纠纷。" })",
                h, h % 2 ? "service_star" : "governance_star", member_id(h * 37 % members).c_str());
    }
    out += R"(
  ],
  "media": [],
  "theme": { "primary": "#C8102E", "primary_dark": "#8E0B20", "accent": "#FFC93C", "background": "#FBF6F1",
             "surface": "#FFFFFF", "text": "#1F1A17", "text_muted": "#5C534D", "logo": null }
}
)";
    return out;
}

}  // namespace redgrid::bench

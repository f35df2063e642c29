// The content bundle of one kiosk: plain values, validated once at the boundary
// (see content_parse.h) and trusted everywhere else. docs/content.md is the format.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace redgrid::content {

using TimePoint = std::chrono::sys_seconds;

struct MapPoint {
    double x = 0;
    double y = 0;
    bool operator==(const MapPoint&) const = default;
};

// A reference to content-addressed media (photo, logo): the lowercase hex SHA-256 of
// its bytes. Always resolves to an entry of Bundle::media.
using MediaRef = std::string;

struct MediaInfo {
    std::string sha256;      // 64 lowercase hex digits
    std::string mime_type;   // "image/png" or "image/jpeg"
    std::int64_t size = 0;   // bytes
};

struct Place {
    std::string kiosk_id;
    std::string name;
    std::string address;
    MapPoint position;
    std::string grid_id;
};

struct Subdistrict {
    std::string id;
    std::string name;       // 光明街道
    std::string committee;  // 街道党工委
};

struct Community {
    std::string id;
    std::string name;       // ...社区
    std::string committee;  // ...社区党委
    std::uint32_t color = 0xC8102EFF;  // RGBA; shade of the community on the red map
};

struct Grid {
    std::string id;
    std::string community_id;
    std::string name;    // 第一网格
    std::string branch;  // ...网格党支部
    std::vector<MapPoint> polygon;  // simple polygon, >= 3 points, inside the map
    MapPoint label_anchor;
};

struct Team {
    std::string id;
    std::string name;
    std::string grid_id;
    std::string leader_id;
    std::vector<std::string> member_ids;
};

enum class Role { liaison, server, mediator, governance, publicity };

struct Member {
    std::string id;
    std::string name;
    std::optional<MediaRef> photo;
    Role role = Role::server;
    std::string team_id;
    bool full_time = false;
    bool on_duty = false;
    std::string phone_masked;  // e.g. 138****1234: the bundle never carries a full number
    std::optional<MapPoint> position;
    std::string contact_url;   // what the member's QR code carries; may be empty
};

enum class ServiceKind { five_ones, brand, other };

struct Service {
    std::string id;
    ServiceKind kind = ServiceKind::other;
    std::string title;
    std::string description;
    std::string where;
    std::string when;
    std::optional<std::string> contact_member_id;
    std::string contact_phone;  // masked or a public hotline
    std::string contact_url;
};

enum class ActivityKind { reception_day, joint_meeting, service_event };

struct Activity {
    std::string id;
    ActivityKind kind = ActivityKind::service_event;
    std::string title;
    std::string description;
    TimePoint starts_at;
    TimePoint ends_at;
    std::string place;
    std::optional<std::string> grid_id;
};

enum class NoticePriority { normal, high, urgent };

struct Notice {
    std::string id;
    std::string title;
    std::string body;
    NoticePriority priority = NoticePriority::normal;
    TimePoint valid_from;
    TimePoint valid_to;
};

enum class HonourBoard { governance_star, service_star };

struct Honour {
    std::string id;
    HonourBoard board = HonourBoard::service_star;
    std::string member_id;
    std::string period;  // "2026-11" or "2026-Q4": shown as given
    std::string reason;
};

struct Theme {
    std::uint32_t primary = 0xC8102EFF;       // party red
    std::uint32_t primary_dark = 0x8E0B20FF;
    std::uint32_t accent = 0xFFC93CFF;        // gold
    std::uint32_t background = 0xFBF6F1FF;
    std::uint32_t surface = 0xFFFFFFFF;
    std::uint32_t text = 0x1F1A17FF;
    std::uint32_t text_muted = 0x5C534DFF;
    std::optional<MediaRef> logo;
};

struct MapBounds {
    double width = 1000;
    double height = 1000;
};

struct Bundle {
    int format = 1;
    std::string version;
    TimePoint generated_at;
    std::chrono::seconds stale_after{std::chrono::hours(48)};
    MapBounds map;
    Place place;
    Subdistrict subdistrict;
    std::vector<Community> communities;
    std::vector<Grid> grids;
    std::vector<Team> teams;
    std::vector<Member> members;
    std::vector<Service> services;
    std::vector<Activity> activities;
    std::vector<Notice> notices;
    std::vector<Honour> honours;
    std::vector<MediaInfo> media;
    Theme theme;
};

}  // namespace redgrid::content

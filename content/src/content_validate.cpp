// The value-level rules of a bundle (docs/content.md, "Validation"): lengths, limits,
// unique ids, references, geometry, time order, media. Every check first asks whether
// its value was already reported (say, as the wrong type), so one mistake gives one
// error rather than a cascade.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "content_detail.h"
#include "redgrid/content/time_format.h"

namespace redgrid::content {

namespace {

using detail::ErrorSink;
using detail::pointer_to;
using detail::in_quotes;
namespace limits = content_limits;

enum class Lines { single, multi };

struct TextRule {
    std::size_t min_chars;
    std::size_t max_chars;
    Lines lines;
};

constexpr TextRule name_rule{1, limits::max_name_chars, Lines::single};
constexpr TextRule title_rule{1, limits::max_title_chars, Lines::single};
constexpr TextRule line_rule{0, limits::max_line_chars, Lines::single};
constexpr TextRule body_rule{0, limits::max_body_chars, Lines::multi};
constexpr TextRule version_rule{1, limits::max_version_chars, Lines::single};
constexpr TextRule phone_rule{0, limits::max_phone_chars, Lines::single};

// Ids of one kind, by id, to the index of the first element that has it.
using IdIndex = std::unordered_map<std::string_view, std::size_t>;

class Validator {
public:
    Validator(const Bundle& bundle, ErrorSink& sink) : b_(bundle), sink_(sink) {}

    void run() {
        check_header();
        index_ids();
        check_place();
        check_communities();
        check_grids();
        // Members before teams: a member whose team_id is wrong is reported once, at
        // the member, and the team-side check then sees it and stays quiet.
        check_members();
        check_teams();
        check_services();
        check_activities();
        check_notices();
        check_honours();
        check_media();
        check_media_ref("/theme/logo", b_.theme.logo);
    }

private:
    // A check at `pointer` only reports if nothing there was reported before.
    bool fresh(std::string_view pointer) const { return !sink_.has_at_or_under(pointer); }

    void report(std::string pointer, std::string message) { sink_.add(std::move(pointer), std::move(message)); }

    void check_text(const std::string& pointer, std::string_view text, TextRule rule) {
        if (!fresh(pointer)) return;
        const auto chars = detail::count_code_points(text);
        if (!chars) return report(pointer, "invalid UTF-8");
        if (*chars < rule.min_chars) return report(pointer, "must not be empty");
        if (*chars > rule.max_chars) {
            return report(pointer, "too long: " + std::to_string(*chars) + " characters, the limit is " +
                                       std::to_string(rule.max_chars));
        }
        for (const char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            const bool allowed_break = rule.lines == Lines::multi && (c == '\n' || c == '\t');
            if ((byte < 0x20 || byte == 0x7F) && !allowed_break) {
                return report(pointer, rule.lines == Lines::single ? "must be one line without control characters"
                                                                   : "contains a control character");
            }
        }
    }

    void check_id_syntax(const std::string& pointer, std::string_view id) {
        if (!fresh(pointer)) return;
        if (id.empty()) return report(pointer, "id must not be empty");
        if (id.size() > limits::max_id_chars) {
            return report(pointer, "id too long: " + std::to_string(id.size()) + " characters, the limit is " +
                                       std::to_string(limits::max_id_chars));
        }
        const bool valid = std::all_of(id.begin(), id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (!valid) report(pointer, "invalid id " + in_quotes(id) + ": use only a-z, 0-9 and -");
    }

    void check_count(std::string_view array, std::size_t count, std::size_t limit) {
        const std::string pointer = "/" + std::string(array);
        if (count > limit && fresh(pointer)) {
            report(pointer, "too many " + std::string(array) + ": " + std::to_string(count) + ", the limit is " +
                                std::to_string(limit));
        }
    }

    // Checks the id syntax of every element and indexes the ids, reporting duplicates
    // at the later element. Invalid ids are indexed too, so references to them do not
    // add a second error for the same mistake.
    template <typename Item, typename IdOf>
    IdIndex index(std::string_view array, std::string_view what, const std::vector<Item>& items, IdOf id_of,
                  std::string_view id_key = "id") {
        IdIndex ids;
        ids.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string_view id = id_of(items[i]);
            const std::string pointer = pointer_to(pointer_to("/" + std::string(array), i), id_key);
            if (id_key == "id") check_id_syntax(pointer, id);
            if (id.empty()) continue;
            const auto [it, inserted] = ids.emplace(id, i);
            if (!inserted && fresh(pointer)) {
                report(pointer, "duplicate " + std::string(what) + " " + in_quotes(id) + " (also at /" +
                                    std::string(array) + "/" + std::to_string(it->second) + ")");
            }
        }
        return ids;
    }

    void index_ids() {
        const auto id = [](const auto& item) -> std::string_view { return item.id; };
        communities_ = index("communities", "community id", b_.communities, id);
        grids_ = index("grids", "grid id", b_.grids, id);
        teams_ = index("teams", "team id", b_.teams, id);
        members_ = index("members", "member id", b_.members, id);
        index("services", "service id", b_.services, id);
        index("activities", "activity id", b_.activities, id);
        index("notices", "notice id", b_.notices, id);
        index("honours", "honour id", b_.honours, id);
        for (std::size_t t = 0; t < b_.teams.size(); ++t) {
            for (const std::string& member_id : b_.teams[t].member_ids) listing_team_.emplace(member_id, t);
        }
        media_ = index(
            "media", "media sha256", b_.media, [](const MediaInfo& m) -> std::string_view { return m.sha256; },
            "sha256");
    }

    // Reports `pointer: no <what> "<id>"` when `id` is not in `ids`; true if it resolved.
    bool check_ref(const std::string& pointer, std::string_view id, const IdIndex& ids, std::string_view what) {
        if (!fresh(pointer)) return false;
        if (ids.contains(id)) return true;
        report(pointer, "no " + std::string(what) + " " + in_quotes(id));
        return false;
    }

    void check_media_ref(const std::string& pointer, const std::optional<MediaRef>& ref) {
        if (ref) check_ref(pointer, *ref, media_, "media");
    }

    void check_url(const std::string& pointer, std::string_view url) {
        check_text(pointer, url, {0, limits::max_url_chars, Lines::single});
        if (url.empty() || !fresh(pointer)) return;
        if ((!url.starts_with("https://") && !url.starts_with("http://")) || url.find(' ') != url.npos) {
            report(pointer, "must be an http:// or https:// URL without spaces, not " + in_quotes(url));
        }
    }

    void check_header() {
        if (b_.format != 1 && fresh("/format")) {
            report("/format", "unsupported format " + std::to_string(b_.format) + " (this kiosk reads format 1)");
        }
        check_text("/version", b_.version, version_rule);
        const auto stale = b_.stale_after.count();
        if ((stale < limits::min_stale_after_s || stale > limits::max_stale_after_s) && fresh("/stale_after_s")) {
            report("/stale_after_s", "must be between " + std::to_string(limits::min_stale_after_s) + " and " +
                                         std::to_string(limits::max_stale_after_s) + " seconds");
        }
        const auto check_extent = [&](const std::string& pointer, double extent) {
            if (!fresh(pointer)) return false;
            if (!std::isfinite(extent) || extent <= 0 || extent > limits::max_map_extent) {
                report(pointer, "must be a finite number in (0, " +
                                    std::to_string(static_cast<long>(limits::max_map_extent)) + "]");
                return false;
            }
            return true;
        };
        const bool width_ok = check_extent("/map/width", b_.map.width);
        const bool height_ok = check_extent("/map/height", b_.map.height);
        map_ok_ = width_ok && height_ok;

        check_id_syntax("/subdistrict/id", b_.subdistrict.id);
        check_text("/subdistrict/name", b_.subdistrict.name, name_rule);
        check_text("/subdistrict/committee", b_.subdistrict.committee, name_rule);
    }

    // True if the point is finite and inside the map; reports at `pointer` otherwise.
    bool check_point(const std::string& pointer, MapPoint point) {
        if (!fresh(pointer)) return false;
        if (!std::isfinite(point.x) || !std::isfinite(point.y)) {
            report(pointer, "coordinate is not a finite number");
            return false;
        }
        if (map_ok_ && (point.x < 0 || point.y < 0 || point.x > b_.map.width || point.y > b_.map.height)) {
            report(pointer, "point (" + std::to_string(point.x) + ", " + std::to_string(point.y) +
                                ") is outside the map (" + std::to_string(b_.map.width) + " x " +
                                std::to_string(b_.map.height) + ")");
            return false;
        }
        return true;
    }

    void check_place() {
        const Place& place = b_.place;
        check_text("/place/kiosk_id", place.kiosk_id, name_rule);
        check_text("/place/name", place.name, name_rule);
        check_text("/place/address", place.address, line_rule);
        check_point("/place/position", place.position);
        check_ref("/place/grid_id", place.grid_id, grids_, "grid");
    }

    void check_communities() {
        check_count("communities", b_.communities.size(), limits::max_communities);
        for (std::size_t i = 0; i < b_.communities.size(); ++i) {
            const std::string at = pointer_to("/communities", i);
            check_text(at + "/name", b_.communities[i].name, name_rule);
            check_text(at + "/committee", b_.communities[i].committee, name_rule);
        }
    }

    void check_grids() {
        check_count("grids", b_.grids.size(), limits::max_grids);
        for (std::size_t i = 0; i < b_.grids.size(); ++i) {
            const Grid& grid = b_.grids[i];
            const std::string at = pointer_to("/grids", i);
            check_ref(at + "/community_id", grid.community_id, communities_, "community");
            check_text(at + "/name", grid.name, name_rule);
            check_text(at + "/branch", grid.branch, name_rule);
            check_polygon(at + "/polygon", grid.polygon);
            check_point(at + "/label_anchor", grid.label_anchor);
        }
    }

    void check_polygon(const std::string& pointer, const std::vector<MapPoint>& polygon);

    void check_teams() {
        check_count("teams", b_.teams.size(), limits::max_teams);
        for (std::size_t i = 0; i < b_.teams.size(); ++i) {
            const Team& team = b_.teams[i];
            const std::string at = pointer_to("/teams", i);
            check_text(at + "/name", team.name, name_rule);
            check_ref(at + "/grid_id", team.grid_id, grids_, "grid");
            const std::string list = at + "/member_ids";
            if (team.member_ids.size() > limits::max_team_members && fresh(list)) {
                report(list, "too many members: " + std::to_string(team.member_ids.size()) + ", the limit is " +
                                 std::to_string(limits::max_team_members));
            }
            std::unordered_set<std::string_view> listed;
            for (std::size_t k = 0; k < team.member_ids.size(); ++k) {
                const std::string_view member_id = team.member_ids[k];
                const std::string pointer = pointer_to(list, k);
                if (!listed.insert(member_id).second) {
                    if (fresh(pointer)) report(pointer, "member " + in_quotes(member_id) + " is listed twice");
                    continue;
                }
                if (!check_ref(pointer, member_id, members_, "member")) continue;
                const std::size_t member_index = members_.at(member_id);
                const Member& member = b_.members[member_index];
                if (member.team_id != team.id &&
                    fresh(pointer_to(pointer_to("/members", member_index), "team_id"))) {
                    report(pointer, "member " + in_quotes(member_id) + " belongs to team " + in_quotes(member.team_id));
                }
            }
            if (check_ref(at + "/leader_id", team.leader_id, members_, "member") &&
                !listed.contains(team.leader_id) && fresh(list)) {
                report(at + "/leader_id", "leader " + in_quotes(team.leader_id) + " is not in member_ids");
            }
        }
    }

    // The member's team_id and the member_ids of the teams must tell the same story.
    void check_team_listing(const std::string& pointer, const Member& member) {
        if (!check_ref(pointer, member.team_id, teams_, "team") || member.id.empty()) return;
        const auto listing = listing_team_.find(member.id);
        if (listing == listing_team_.end()) {
            return report(pointer, "team " + in_quotes(member.team_id) + " does not list this member in member_ids");
        }
        const std::string& listed_by = b_.teams[listing->second].id;
        if (listed_by != member.team_id) {
            report(pointer, "member is listed by team " + in_quotes(listed_by) + ", not by team " +
                                in_quotes(member.team_id));
        }
    }

    void check_members() {
        check_count("members", b_.members.size(), limits::max_members);
        for (std::size_t i = 0; i < b_.members.size(); ++i) {
            const Member& member = b_.members[i];
            const std::string at = pointer_to("/members", i);
            check_text(at + "/name", member.name, name_rule);
            check_media_ref(at + "/photo", member.photo);
            check_team_listing(at + "/team_id", member);
            check_text(at + "/phone_masked", member.phone_masked, phone_rule);
            if (!member.phone_masked.empty() && member.phone_masked.find('*') == std::string::npos &&
                fresh(at + "/phone_masked")) {
                report(at + "/phone_masked", "phone number must be masked like 138****1234");
            }
            if (member.position) check_point(at + "/position", *member.position);
            check_url(at + "/contact_url", member.contact_url);
        }
    }

    void check_services() {
        check_count("services", b_.services.size(), limits::max_services);
        for (std::size_t i = 0; i < b_.services.size(); ++i) {
            const Service& service = b_.services[i];
            const std::string at = pointer_to("/services", i);
            check_text(at + "/title", service.title, title_rule);
            check_text(at + "/description", service.description, body_rule);
            check_text(at + "/where", service.where, line_rule);
            check_text(at + "/when", service.when, line_rule);
            if (service.contact_member_id) {
                check_ref(at + "/contact_member_id", *service.contact_member_id, members_, "member");
            }
            check_text(at + "/contact_phone", service.contact_phone, phone_rule);
            check_url(at + "/contact_url", service.contact_url);
        }
    }

    void check_order(const std::string& at, std::string_view from_key, TimePoint from, std::string_view to_key,
                     TimePoint to) {
        const std::string to_pointer = pointer_to(at, to_key);
        if (to > from || !fresh(pointer_to(at, from_key)) || !fresh(to_pointer)) return;
        report(to_pointer, std::string(to_key) + " " + format_rfc3339(to, 0) + " is not after " +
                               std::string(from_key) + " " + format_rfc3339(from, 0));
    }

    void check_activities() {
        check_count("activities", b_.activities.size(), limits::max_activities);
        for (std::size_t i = 0; i < b_.activities.size(); ++i) {
            const Activity& activity = b_.activities[i];
            const std::string at = pointer_to("/activities", i);
            check_text(at + "/title", activity.title, title_rule);
            check_text(at + "/description", activity.description, body_rule);
            check_order(at, "starts_at", activity.starts_at, "ends_at", activity.ends_at);
            check_text(at + "/place", activity.place, line_rule);
            if (activity.grid_id) check_ref(at + "/grid_id", *activity.grid_id, grids_, "grid");
        }
    }

    void check_notices() {
        check_count("notices", b_.notices.size(), limits::max_notices);
        for (std::size_t i = 0; i < b_.notices.size(); ++i) {
            const Notice& notice = b_.notices[i];
            const std::string at = pointer_to("/notices", i);
            check_text(at + "/title", notice.title, title_rule);
            check_text(at + "/body", notice.body, body_rule);
            check_order(at, "valid_from", notice.valid_from, "valid_to", notice.valid_to);
        }
    }

    void check_honours() {
        check_count("honours", b_.honours.size(), limits::max_honours);
        for (std::size_t i = 0; i < b_.honours.size(); ++i) {
            const Honour& honour = b_.honours[i];
            const std::string at = pointer_to("/honours", i);
            check_ref(at + "/member_id", honour.member_id, members_, "member");
            check_text(at + "/period", honour.period, name_rule);
            check_text(at + "/reason", honour.reason, body_rule);
        }
    }

    void check_media() {
        check_count("media", b_.media.size(), limits::max_media);
        for (std::size_t i = 0; i < b_.media.size(); ++i) {
            const MediaInfo& media = b_.media[i];
            const std::string at = pointer_to("/media", i);
            const bool hex = std::all_of(media.sha256.begin(), media.sha256.end(),
                                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
            if ((media.sha256.size() != 64 || !hex) && fresh(at + "/sha256")) {
                report(at + "/sha256", "sha256 must be 64 lowercase hex digits, not " + in_quotes(media.sha256) + " (" +
                                           std::to_string(media.sha256.size()) + " characters)");
            }
            if (media.mime_type != "image/png" && media.mime_type != "image/jpeg" && fresh(at + "/type")) {
                report(at + "/type", "unsupported media type " + in_quotes(media.mime_type) +
                                         " (expected image/png or image/jpeg)");
            }
            if ((media.size < 1 || media.size > limits::max_media_bytes) && fresh(at + "/size")) {
                report(at + "/size", "size " + std::to_string(media.size) + " is outside 1.." +
                                         std::to_string(limits::max_media_bytes) + " bytes");
            }
        }
    }

    const Bundle& b_;
    ErrorSink& sink_;
    bool map_ok_ = false;
    IdIndex communities_, grids_, teams_, members_, media_;
    std::unordered_map<std::string_view, std::size_t> listing_team_;  // member id -> first team listing it
};

double cross(MapPoint o, MapPoint a, MapPoint b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

int sign(double value) { return (value > 0) - (value < 0); }

// `p` lies within the bounding box of segment a-b (used once p is known to be collinear).
bool within_box(MapPoint a, MapPoint b, MapPoint p) {
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

// Closed segments a-b and c-d share at least one point.
bool segments_touch(MapPoint a, MapPoint b, MapPoint c, MapPoint d) {
    const int d1 = sign(cross(c, d, a));
    const int d2 = sign(cross(c, d, b));
    const int d3 = sign(cross(a, b, c));
    const int d4 = sign(cross(a, b, d));
    if (d1 * d2 < 0 && d3 * d4 < 0) return true;
    return (d1 == 0 && within_box(c, d, a)) || (d2 == 0 && within_box(c, d, b)) ||
           (d3 == 0 && within_box(a, b, c)) || (d4 == 0 && within_box(a, b, d));
}

// Edges a-b and b-c share b; they overlap (the outline doubles back on itself) when c
// lies on the line through a and b on a's side of b.
bool folds_back(MapPoint a, MapPoint b, MapPoint c) {
    const double dot = (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y);
    return sign(cross(a, b, c)) == 0 && dot < 0;
}

void Validator::check_polygon(const std::string& pointer, const std::vector<MapPoint>& polygon) {
    if (!fresh(pointer)) return;
    const std::size_t n = polygon.size();
    if (n < limits::min_polygon_points) {
        return report(pointer, "polygon needs at least " + std::to_string(limits::min_polygon_points) +
                                   " points, has " + std::to_string(n));
    }
    if (n > limits::max_polygon_points) {
        return report(pointer, "polygon has too many points: " + std::to_string(n) + ", the limit is " +
                                   std::to_string(limits::max_polygon_points));
    }
    bool points_ok = true;
    for (std::size_t k = 0; k < n; ++k) points_ok = check_point(pointer_to(pointer, k), polygon[k]) && points_ok;
    if (!points_ok) return;

    for (std::size_t k = 0; k < n; ++k) {
        if (polygon[k] == polygon[(k + 1) % n]) {
            return report(pointer_to(pointer, (k + 1) % n), "repeats the previous point");
        }
    }
    double twice_area = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const MapPoint a = polygon[k];
        const MapPoint b = polygon[(k + 1) % n];
        twice_area += a.x * b.y - b.x * a.y;
    }
    if (std::abs(twice_area) <= 1e-9) return report(pointer, "polygon has zero area");

    // Edge k runs from point k to point k+1. Adjacent edges share a point by design and
    // only count as crossing when the second folds back over the first. O(n^2) is
    // fine at 512 points; bundles are validated once per change.
    for (std::size_t i = 0; i < n; ++i) {
        const MapPoint a = polygon[i];
        const MapPoint b = polygon[(i + 1) % n];
        for (std::size_t j = i + 1; j < n; ++j) {
            const MapPoint c = polygon[j];
            const MapPoint d = polygon[(j + 1) % n];
            bool crosses = false;
            if (j == i + 1) {
                crosses = folds_back(a, b, d);
            } else if (i == 0 && j == n - 1) {
                crosses = folds_back(c, a, b);
            } else {
                crosses = segments_touch(a, b, c, d);
            }
            if (crosses) {
                return report(pointer, "polygon is self-intersecting: edge " + std::to_string(i) + " meets edge " +
                                           std::to_string(j));
            }
        }
    }
}

}  // namespace

namespace detail {

void validate_into(const Bundle& bundle, ErrorSink& sink) { Validator(bundle, sink).run(); }

}  // namespace detail

ContentErrors validate_bundle(const Bundle& bundle) {
    detail::ErrorSink sink;
    detail::validate_into(bundle, sink);
    return sink.take();
}

}  // namespace redgrid::content

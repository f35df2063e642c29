#include "demo_json.h"

#include <cstdio>

#include "demo_support.h"

namespace redgrid::demo {
namespace {

using Json = nlohmann::ordered_json;

std::string color_text(std::uint32_t rgba) {
    char text[10];
    if ((rgba & 0xFF) == 0xFF)
        std::snprintf(text, sizeof text, "#%06X", static_cast<unsigned>(rgba >> 8));
    else
        std::snprintf(text, sizeof text, "#%08X", static_cast<unsigned>(rgba));
    return text;
}

Json point(content::MapPoint p) { return Json::array({p.x, p.y}); }

template <typename T>
Json optional_or_null(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

const char* role_name(content::Role role) {
    switch (role) {
        case content::Role::liaison: return "liaison";
        case content::Role::server: return "server";
        case content::Role::mediator: return "mediator";
        case content::Role::governance: return "governance";
        case content::Role::publicity: return "publicity";
    }
    return "server";
}

const char* service_kind_name(content::ServiceKind kind) {
    switch (kind) {
        case content::ServiceKind::five_ones: return "five_ones";
        case content::ServiceKind::brand: return "brand";
        case content::ServiceKind::other: return "other";
    }
    return "other";
}

const char* activity_kind_name(content::ActivityKind kind) {
    switch (kind) {
        case content::ActivityKind::reception_day: return "reception_day";
        case content::ActivityKind::joint_meeting: return "joint_meeting";
        case content::ActivityKind::service_event: return "service_event";
    }
    return "service_event";
}

const char* priority_name(content::NoticePriority priority) {
    switch (priority) {
        case content::NoticePriority::normal: return "normal";
        case content::NoticePriority::high: return "high";
        case content::NoticePriority::urgent: return "urgent";
    }
    return "normal";
}

const char* board_name(content::HonourBoard board) {
    switch (board) {
        case content::HonourBoard::governance_star: return "governance_star";
        case content::HonourBoard::service_star: return "service_star";
    }
    return "service_star";
}

Json grid_json(const content::Grid& grid) {
    Json polygon = Json::array();
    for (const auto& p : grid.polygon) polygon.push_back(point(p));
    return {{"id", grid.id},         {"community_id", grid.community_id}, {"name", grid.name},
            {"branch", grid.branch}, {"polygon", polygon},                {"label_anchor", point(grid.label_anchor)}};
}

Json member_json(const content::Member& m) {
    return {{"id", m.id},
            {"name", m.name},
            {"photo", optional_or_null(m.photo)},
            {"role", role_name(m.role)},
            {"team_id", m.team_id},
            {"full_time", m.full_time},
            {"on_duty", m.on_duty},
            {"phone_masked", m.phone_masked},
            {"position", m.position ? point(*m.position) : Json(nullptr)},
            {"contact_url", m.contact_url}};
}

Json service_json(const content::Service& s) {
    return {{"id", s.id},
            {"kind", service_kind_name(s.kind)},
            {"title", s.title},
            {"description", s.description},
            {"where", s.where},
            {"when", s.when},
            {"contact_member_id", optional_or_null(s.contact_member_id)},
            {"contact_phone", s.contact_phone},
            {"contact_url", s.contact_url}};
}

Json activity_json(const content::Activity& a) {
    return {{"id", a.id},
            {"kind", activity_kind_name(a.kind)},
            {"title", a.title},
            {"description", a.description},
            {"starts_at", rfc3339_beijing(a.starts_at)},
            {"ends_at", rfc3339_beijing(a.ends_at)},
            {"place", a.place},
            {"grid_id", optional_or_null(a.grid_id)}};
}

Json notice_json(const content::Notice& n) {
    return {{"id", n.id},
            {"title", n.title},
            {"body", n.body},
            {"priority", priority_name(n.priority)},
            {"valid_from", rfc3339_beijing(n.valid_from)},
            {"valid_to", rfc3339_beijing(n.valid_to)}};
}

Json theme_json(const content::Theme& t) {
    return {{"primary", color_text(t.primary)},      {"primary_dark", color_text(t.primary_dark)},
            {"accent", color_text(t.accent)},        {"background", color_text(t.background)},
            {"surface", color_text(t.surface)},      {"text", color_text(t.text)},
            {"text_muted", color_text(t.text_muted)}, {"logo", optional_or_null(t.logo)}};
}

template <typename T, typename F>
Json array_of(const std::vector<T>& items, F to_json) {
    Json out = Json::array();
    for (const auto& item : items) out.push_back(to_json(item));
    return out;
}

}  // namespace

nlohmann::ordered_json bundle_to_json(const content::Bundle& b) {
    Json out;
    out["format"] = b.format;
    out["version"] = b.version;
    out["generated_at"] = rfc3339_beijing(b.generated_at);
    out["stale_after_s"] = b.stale_after.count();
    out["map"] = {{"width", b.map.width}, {"height", b.map.height}};
    out["place"] = {{"kiosk_id", b.place.kiosk_id}, {"name", b.place.name},         {"address", b.place.address},
                    {"position", point(b.place.position)}, {"grid_id", b.place.grid_id}};
    out["subdistrict"] = {{"id", b.subdistrict.id}, {"name", b.subdistrict.name}, {"committee", b.subdistrict.committee}};
    out["communities"] = array_of(b.communities, [](const content::Community& c) {
        return Json{{"id", c.id}, {"name", c.name}, {"committee", c.committee}, {"color", color_text(c.color)}};
    });
    out["grids"] = array_of(b.grids, grid_json);
    out["teams"] = array_of(b.teams, [](const content::Team& t) {
        return Json{{"id", t.id},
                    {"name", t.name},
                    {"grid_id", t.grid_id},
                    {"leader_id", t.leader_id},
                    {"member_ids", t.member_ids}};
    });
    out["members"] = array_of(b.members, member_json);
    out["services"] = array_of(b.services, service_json);
    out["activities"] = array_of(b.activities, activity_json);
    out["notices"] = array_of(b.notices, notice_json);
    out["honours"] = array_of(b.honours, [](const content::Honour& h) {
        return Json{{"id", h.id}, {"board", board_name(h.board)}, {"member_id", h.member_id},
                    {"period", h.period}, {"reason", h.reason}};
    });
    out["media"] = array_of(b.media, [](const content::MediaInfo& m) {
        return Json{{"sha256", m.sha256}, {"type", m.mime_type}, {"size", m.size}};
    });
    out["theme"] = theme_json(b.theme);
    return out;
}

}  // namespace redgrid::demo

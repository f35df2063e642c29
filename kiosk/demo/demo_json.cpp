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

Json point(kiosk::MapPoint p) { return Json::array({p.x, p.y}); }

template <typename T>
Json optional_or_null(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

const char* role_name(kiosk::Role role) {
    switch (role) {
        case kiosk::Role::liaison: return "liaison";
        case kiosk::Role::server: return "server";
        case kiosk::Role::mediator: return "mediator";
        case kiosk::Role::governance: return "governance";
        case kiosk::Role::publicity: return "publicity";
    }
    return "server";
}

const char* service_kind_name(kiosk::ServiceKind kind) {
    switch (kind) {
        case kiosk::ServiceKind::five_ones: return "five_ones";
        case kiosk::ServiceKind::brand: return "brand";
        case kiosk::ServiceKind::other: return "other";
    }
    return "other";
}

const char* activity_kind_name(kiosk::ActivityKind kind) {
    switch (kind) {
        case kiosk::ActivityKind::reception_day: return "reception_day";
        case kiosk::ActivityKind::joint_meeting: return "joint_meeting";
        case kiosk::ActivityKind::service_event: return "service_event";
    }
    return "service_event";
}

const char* priority_name(kiosk::NoticePriority priority) {
    switch (priority) {
        case kiosk::NoticePriority::normal: return "normal";
        case kiosk::NoticePriority::high: return "high";
        case kiosk::NoticePriority::urgent: return "urgent";
    }
    return "normal";
}

const char* board_name(kiosk::HonourBoard board) {
    switch (board) {
        case kiosk::HonourBoard::governance_star: return "governance_star";
        case kiosk::HonourBoard::service_star: return "service_star";
    }
    return "service_star";
}

Json grid_json(const kiosk::Grid& grid) {
    Json polygon = Json::array();
    for (const auto& p : grid.polygon) polygon.push_back(point(p));
    return {{"id", grid.id},         {"community_id", grid.community_id}, {"name", grid.name},
            {"branch", grid.branch}, {"polygon", polygon},                {"label_anchor", point(grid.label_anchor)}};
}

Json member_json(const kiosk::Member& m) {
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

Json service_json(const kiosk::Service& s) {
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

Json activity_json(const kiosk::Activity& a) {
    return {{"id", a.id},
            {"kind", activity_kind_name(a.kind)},
            {"title", a.title},
            {"description", a.description},
            {"starts_at", rfc3339_beijing(a.starts_at)},
            {"ends_at", rfc3339_beijing(a.ends_at)},
            {"place", a.place},
            {"grid_id", optional_or_null(a.grid_id)}};
}

Json notice_json(const kiosk::Notice& n) {
    return {{"id", n.id},
            {"title", n.title},
            {"body", n.body},
            {"priority", priority_name(n.priority)},
            {"valid_from", rfc3339_beijing(n.valid_from)},
            {"valid_to", rfc3339_beijing(n.valid_to)}};
}

Json theme_json(const kiosk::Theme& t) {
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

nlohmann::ordered_json bundle_to_json(const kiosk::Bundle& b) {
    Json out;
    out["format"] = b.format;
    out["version"] = b.version;
    out["generated_at"] = rfc3339_beijing(b.generated_at);
    out["stale_after_s"] = b.stale_after.count();
    out["map"] = {{"width", b.map.width}, {"height", b.map.height}};
    out["place"] = {{"kiosk_id", b.place.kiosk_id}, {"name", b.place.name},         {"address", b.place.address},
                    {"position", point(b.place.position)}, {"grid_id", b.place.grid_id}};
    out["subdistrict"] = {{"id", b.subdistrict.id}, {"name", b.subdistrict.name}, {"committee", b.subdistrict.committee}};
    out["communities"] = array_of(b.communities, [](const kiosk::Community& c) {
        return Json{{"id", c.id}, {"name", c.name}, {"committee", c.committee}, {"color", color_text(c.color)}};
    });
    out["grids"] = array_of(b.grids, grid_json);
    out["teams"] = array_of(b.teams, [](const kiosk::Team& t) {
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
    out["honours"] = array_of(b.honours, [](const kiosk::Honour& h) {
        return Json{{"id", h.id}, {"board", board_name(h.board)}, {"member_id", h.member_id},
                    {"period", h.period}, {"reason", h.reason}};
    });
    out["media"] = array_of(b.media, [](const kiosk::MediaInfo& m) {
        return Json{{"sha256", m.sha256}, {"type", m.mime_type}, {"size", m.size}};
    });
    out["theme"] = theme_json(b.theme);
    return out;
}

}  // namespace redgrid::demo

// Every string of the UI chrome, in one zh-CN and one en table (strings.cpp).
// Content text comes from the bundle and is shown as published.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "redgrid/kiosk/content.h"

namespace redgrid::kiosk {

enum class Lang { zh, en };

enum class Str {
    on_duty_now,
    on_duty_nearest_first,
    nobody_on_duty,
    call_button,
    call_button_hint,
    red_map,
    red_map_subtitle,
    you_are_here,
    tile_map,
    tile_members,
    tile_services,
    tile_activities,
    tile_notices,
    tile_honours,
    full_time,
    volunteer,
    on_duty,
    off_duty,
    updated_at,
    back,
    home,
    large_text,
    language_switch,
    call_placeholder_title,
    call_placeholder_body,
    weekday_0, weekday_1, weekday_2, weekday_3, weekday_4, weekday_5, weekday_6,
    role_liaison,
    role_server,
    role_mediator,
    role_governance,
    role_publicity,
    urgent,
    waiting_for_content,
    screen_coming_title,
    screen_coming_body,
    notices_title,
    notices_count,
    no_notices,
    priority_high,
    valid_until,
    valid_period,
    notice_gone,
    scroll_hint,
    members_title,
    filter_all_communities,
    filter_all_roles,
    members_count,
    no_members_match,
    member_role,
    member_team,
    member_grid,
    member_kind,
    member_status,
    member_phone,
    member_qr_hint,
    member_no_contact,
    call_this_member,
    member_honours,
    member_no_honours,
    member_gone,
    honour_governance_star,
    honour_service_star,
    stale_hidden,
    services_title,
    services_subtitle,
    service_five_ones,
    service_brand,
    service_other,
    service_where,
    service_when,
    service_contact,
    service_scan,
    count_
};

std::string_view tr(Str key, Lang lang);
std::string_view role_name(Role role, Lang lang);
// The role as it appears in hit-target ids ("filter:role:mediator"), and back.
std::string_view role_key(Role role);
std::optional<Role> role_from_key(std::string_view key);
inline constexpr Role kAllRoles[] = {Role::liaison, Role::server, Role::mediator, Role::governance, Role::publicity};

}  // namespace redgrid::kiosk

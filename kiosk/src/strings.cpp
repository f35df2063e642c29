#include "redgrid/kiosk/strings.h"

#include <array>
#include <utility>

namespace redgrid::kiosk {
namespace {

struct Entry {
    Str key;
    std::string_view zh;
    std::string_view en;
};

// Kept in enum order; the static_assert below catches a missing row.
constexpr Entry kTable[] = {
    {Str::on_duty_now, "正在值班", "On duty now"},
    {Str::on_duty_nearest_first, "离您最近的在岗党员", "Nearest members on duty"},
    {Str::nobody_on_duty, "暂无在岗人员，请使用一键呼叫", "Nobody on duty here now: use the call button"},
    {Str::call_button, "一键呼叫", "Call a member"},
    {Str::call_button_hint, "党员马上来帮您", "A member will come to help"},
    {Str::red_map, "红色地图", "Red map"},
    {Str::red_map_subtitle, "1个街道党工委 · 6个社区党委 · 48个网格党支部", "1 subdistrict · 6 communities · 48 grids"},
    {Str::you_are_here, "您在这里", "You are here"},
    {Str::tile_map, "红色地图", "Map"},
    {Str::tile_members, "值班党员", "On duty"},
    {Str::tile_services, "服务项目", "Services"},
    {Str::tile_activities, "活动安排", "Activities"},
    {Str::tile_notices, "通知公告", "Notices"},
    {Str::tile_honours, "光荣榜", "Honours"},
    {Str::full_time, "专职", "Full-time"},
    {Str::volunteer, "志愿者", "Volunteer"},
    {Str::on_duty, "在岗", "On duty"},
    {Str::off_duty, "休息", "Off duty"},
    {Str::updated_at, "更新于", "Updated"},
    {Str::back, "返回", "Back"},
    {Str::home, "首页", "Home"},
    {Str::large_text, "大字", "Large text"},
    {Str::language_switch, "English", "中文"},
    {Str::call_placeholder_title, "一键呼叫", "Call a member"},
    {Str::call_placeholder_body, "呼叫功能即将开通。如需帮助，请拨打网格值班电话。",
     "Calling from this screen is coming soon. For help now, phone the grid's duty number."},
    {Str::weekday_0, "星期日", "Sunday"},
    {Str::weekday_1, "星期一", "Monday"},
    {Str::weekday_2, "星期二", "Tuesday"},
    {Str::weekday_3, "星期三", "Wednesday"},
    {Str::weekday_4, "星期四", "Thursday"},
    {Str::weekday_5, "星期五", "Friday"},
    {Str::weekday_6, "星期六", "Saturday"},
    {Str::role_liaison, "联络员", "Liaison"},
    {Str::role_server, "服务员", "Helper"},
    {Str::role_mediator, "调解员", "Mediator"},
    {Str::role_governance, "治理帮手", "Governance helper"},
    {Str::role_publicity, "宣传监督员", "Publicity supervisor"},
    {Str::urgent, "紧急", "Urgent"},
    {Str::waiting_for_content, "正在等待服务信息，请稍候…", "Waiting for information from the service centre…"},
    {Str::screen_coming_title, "即将开通", "Coming soon"},
    {Str::screen_coming_body, "此页面正在建设中。请点“首页”返回。", "This page is not ready yet. Press Home to go back."},
};
static_assert(std::size(kTable) == static_cast<std::size_t>(Str::count_), "one row per Str key");

constexpr bool table_in_order() {
    for (std::size_t i = 0; i < std::size(kTable); ++i)
        if (static_cast<std::size_t>(kTable[i].key) != i) return false;
    return true;
}
static_assert(table_in_order(), "kTable rows must follow the Str enum order");

}  // namespace

std::string_view tr(Str key, Lang lang) {
    const Entry& e = kTable[static_cast<std::size_t>(key)];
    return lang == Lang::zh ? e.zh : e.en;
}

std::string_view role_name(Role role, Lang lang) {
    switch (role) {
        case Role::liaison: return tr(Str::role_liaison, lang);
        case Role::server: return tr(Str::role_server, lang);
        case Role::mediator: return tr(Str::role_mediator, lang);
        case Role::governance: return tr(Str::role_governance, lang);
        case Role::publicity: return tr(Str::role_publicity, lang);
    }
    return {};
}

}  // namespace redgrid::kiosk

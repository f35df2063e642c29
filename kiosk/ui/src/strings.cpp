#include "redgrid/kiosk/ui/strings.h"

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
    {Str::notices_title, "通知公告", "Notices"},
    {Str::notices_count, "条有效通知", "current notices"},
    {Str::no_notices, "目前没有通知。", "There are no notices at the moment."},
    {Str::priority_high, "重要", "Important"},
    {Str::valid_until, "有效至", "Valid until"},
    {Str::valid_period, "有效期", "Valid"},
    {Str::notice_gone, "这条通知已过期或已撤下。请点“返回”查看其他通知。",
     "This notice has expired or was withdrawn. Press Back to see the others."},
    {Str::scroll_hint, "上下滑动查看更多", "Swipe up or down for more"},
    {Str::members_title, "在岗党员", "Members on duty"},
    {Str::filter_all_communities, "全部社区", "All communities"},
    {Str::filter_all_roles, "全部岗位", "All roles"},
    {Str::members_count, "人在岗", "on duty"},
    {Str::no_members_match, "没有符合条件的在岗党员，请换一个筛选条件或使用一键呼叫。",
     "Nobody on duty matches: choose another filter or use the call button."},
    {Str::member_role, "岗位", "Role"},
    {Str::member_team, "服务队", "Team"},
    {Str::member_grid, "网格", "Grid"},
    {Str::member_kind, "身份", "Type"},
    {Str::member_status, "状态", "Status"},
    {Str::member_phone, "电话", "Phone"},
    {Str::member_qr_hint, "手机扫码联系我", "Scan to contact me"},
    {Str::member_no_contact, "暂无联系二维码", "No contact QR code"},
    {Str::call_this_member, "呼叫党员", "Call for help"},
    {Str::member_honours, "荣誉", "Honours"},
    {Str::member_no_honours, "暂无荣誉记录", "No honours yet"},
    {Str::member_gone, "找不到这位党员的信息，可能已更新。请点“返回”。",
     "This member is no longer listed. Press Back."},
    {Str::honour_governance_star, "治理之星", "Governance star"},
    {Str::honour_service_star, "服务之星", "Service star"},
    {Str::stale_hidden, "信息待更新", "Awaiting update"},
    {Str::clock_not_set, "时间同步中", "Setting the clock"},
    {Str::duty_roster, "值班信息", "Duty roster"},
    {Str::notices_count_unsynced, "条通知", "notices"},
    {Str::duty_needs_clock, "时间同步后显示值班人员。有事请使用一键呼叫。",
     "Who is on duty shows once the clock is set. Use the call button if you need help."},
    {Str::validity_needs_clock, "时间同步中，有效期待确认", "Clock not set yet: validity to be confirmed"},
    {Str::calendar_needs_clock, "时间同步后显示日历", "The calendar shows once the clock is set"},
    {Str::services_title, "服务项目", "Services"},
    {Str::services_subtitle, "“五个一”服务和社区服务品牌", "The \"five ones\" and community service brands"},
    {Str::service_five_ones, "五个一", "Five ones"},
    {Str::service_brand, "服务品牌", "Service brand"},
    {Str::service_other, "便民服务", "Service"},
    {Str::service_where, "地点", "Where"},
    {Str::service_when, "时间", "When"},
    {Str::service_contact, "联系", "Contact"},
    {Str::service_scan, "扫码咨询", "Scan to ask"},
    {Str::honours_title, "光荣榜", "Honour board"},
    {Str::honours_none, "本期光荣榜尚未公布。", "This period's honour board has not been published yet."},
    {Str::honours_period, "评选期", "Period"},
    {Str::activities_title, "活动安排", "Activities"},
    {Str::activities_upcoming, "近期活动", "Coming up"},
    {Str::activities_count, "项活动", "activities"},
    {Str::no_activities, "近期没有活动安排。", "No activities are planned at the moment."},
    {Str::activity_reception_day, "支部接待日", "Reception day"},
    {Str::activity_joint_meeting, "联席会议", "Joint meeting"},
    {Str::activity_service_event, "服务活动", "Service event"},
    {Str::activity_time, "时间", "When"},
    {Str::activity_place, "地点", "Where"},
    {Str::activity_grid, "网格", "Grid"},
    {Str::activity_gone, "这项活动已结束或已取消。请点“返回”查看其他活动。",
     "This activity has ended or was cancelled. Press Back to see the others."},
    {Str::activity_on_map, "活动地点在地图上", "Where it is on the map"},
    {Str::activities_today, "今天", "Today"},
    {Str::cal_weekday_0, "日", "Sun"},
    {Str::cal_weekday_1, "一", "Mon"},
    {Str::cal_weekday_2, "二", "Tue"},
    {Str::cal_weekday_3, "三", "Wed"},
    {Str::cal_weekday_4, "四", "Thu"},
    {Str::cal_weekday_5, "五", "Fri"},
    {Str::cal_weekday_6, "六", "Sat"},
    {Str::month_1, "1月", "January"},
    {Str::month_2, "2月", "February"},
    {Str::month_3, "3月", "March"},
    {Str::month_4, "4月", "April"},
    {Str::month_5, "5月", "May"},
    {Str::month_6, "6月", "June"},
    {Str::month_7, "7月", "July"},
    {Str::month_8, "8月", "August"},
    {Str::month_9, "9月", "September"},
    {Str::month_10, "10月", "October"},
    {Str::month_11, "11月", "November"},
    {Str::month_12, "12月", "December"},
    {Str::map_title, "红色地图", "Red map"},
    {Str::map_hint, "点网格查看党支部和服务队", "Tap a grid to see its branch and teams"},
    {Str::map_zoom_in, "放大", "Zoom in"},
    {Str::map_zoom_out, "缩小", "Zoom out"},
    {Str::grid_branch, "党支部", "Party branch"},
    {Str::grid_community, "社区", "Community"},
    {Str::grid_teams, "服务队", "Teams"},
    {Str::grid_leader, "队长", "leader"},
    {Str::grid_on_duty, "在岗党员", "On duty now"},
    {Str::grid_services, "服务项目", "Services"},
    {Str::grid_next_activity, "下一项活动", "Next activity"},
    {Str::grid_nobody_on_duty, "暂无在岗党员，请使用一键呼叫。", "Nobody on duty here now: use the call button."},
    {Str::grid_no_teams, "暂无服务队", "No team yet"},
    {Str::grid_no_services, "暂无服务项目", "No services listed"},
    {Str::grid_no_activity, "近期没有活动安排", "No activity planned"},
    {Str::grid_gone, "找不到这个网格的信息，可能已更新。请点“返回”。", "This grid is no longer listed. Press Back."},
    {Str::attract_touch, "轻触屏幕任意位置开始", "Touch anywhere to start"},
    {Str::attract_welcome, "党员就在身边，有事一键呼叫", "Party members are close by: one touch calls for help"},
    {Str::stale_waiting, "值班和联系信息正在等待更新，请稍后再看", "On-duty and contact details are waiting for an update"},
    {Str::maint_title, "设备维护", "Maintenance"},
    {Str::maint_pin_prompt, "请输入维护密码", "Enter the maintenance PIN"},
    {Str::maint_pin_wrong, "密码错误，还可尝试 {} 次", "Wrong PIN: {} tries left"},
    {Str::maint_pin_locked, "错误次数过多，请在 {} 后再试", "Too many wrong PINs: try again in {}"},
    {Str::maint_pin_ok, "确定", "OK"},
    {Str::maint_pin_delete, "删除", "Delete"},
    {Str::maint_cancel, "取消", "Cancel"},
    {Str::maint_version, "软件版本", "Version"},
    {Str::maint_kiosk_id, "设备编号", "Kiosk id"},
    {Str::maint_not_set, "未设置", "not set"},
    {Str::maint_ip, "IP 地址", "IP addresses"},
    {Str::maint_no_ip, "没有网络地址（网线或 Wi-Fi 未连接？）", "No network address (cable or Wi-Fi not connected?)"},
    {Str::maint_server, "服务器", "Server"},
    {Str::maint_server_reachable, "可以连接", "reachable"},
    {Str::maint_server_unreachable, "无法连接", "not reachable"},
    {Str::maint_server_not_checked, "尚未检查", "not checked yet"},
    {Str::maint_server_none, "未配置服务器", "no server configured"},
    {Str::maint_last_sync, "上次同步", "Last sync"},
    {Str::maint_sync_never, "尚未成功", "never succeeded"},
    {Str::maint_sync_ok, "成功", "OK"},
    {Str::maint_sync_failed, "连续失败 {} 次：", "failed {} times in a row: "},
    {Str::maint_bundle, "内容版本", "Content"},
    {Str::maint_bundle_none, "尚无内容", "none yet"},
    {Str::maint_queue, "待上传事件", "Events to upload"},
    {Str::maint_queue_empty, "无（已全部上传）", "none (all uploaded)"},
    {Str::maint_queue_events, "{} 条，最早的已等待 {}", "{} events, the oldest waiting {}"},
    {Str::maint_queue_none, "本模式没有事件队列", "no event queue in this mode"},
    {Str::maint_disk, "存储空间", "Disk"},
    {Str::maint_disk_free, "剩余 {}，共 {}（{}）", "{} free of {} ({})"},
    {Str::maint_uptime, "运行时间", "Uptime"},
    {Str::maint_uptime_value, "系统 {} · 本程序 {}", "system {} · kiosk {}"},
    {Str::maint_temperature, "温度", "Temperature"},
    {Str::maint_not_available, "无法获取", "not available"},
    {Str::maint_collecting, "正在读取…", "Reading…"},
    {Str::maint_gathered, "{} 读取 · 每 2 秒刷新", "Read at {} · refreshes every 2 s"},
    {Str::maint_sync_now, "立即同步", "Sync now"},
    {Str::maint_sync_requested, "已请求同步（{}）", "Sync requested ({})"},
    {Str::maint_touch_test, "触摸测试", "Touch test"},
    {Str::maint_pattern, "测试图案", "Test pattern"},
    {Str::maint_restart, "重启程序", "Restart kiosk"},
    {Str::maint_exit, "退出维护", "Exit"},
    {Str::maint_restart_title, "确定要重启程序吗？", "Restart the kiosk?"},
    {Str::maint_restart_body, "屏幕会黑屏约 10 秒，然后自动回到首页。",
     "The screen goes black for about 10 seconds, then shows the home screen again."},
    {Str::maint_restart_confirm, "重启", "Restart"},
    {Str::maint_touch_hint, "用手指在屏幕上任意划动，轨迹会保留到清除为止。",
     "Draw anywhere with a finger: the trails stay until you clear them."},
    {Str::maint_touch_clear, "清除", "Clear"},
    {Str::maint_touch_done, "完成", "Done"},
    {Str::maint_pattern_hint, "触摸任意位置返回", "Touch anywhere to go back"},
    {Str::unit_seconds, "{} 秒", "{} s"},
    {Str::unit_minutes, "{} 分钟", "{} min"},
    {Str::unit_hours, "{} 小时", "{} h"},
    {Str::unit_days, "{} 天", "{} d"},
    {Str::say_home, "首页。需要帮助，请按一键呼叫按钮。", "Home. For help, press the Call a member button."},
    {Str::say_comma, "，", ", "},
    {Str::say_stop, "。", ". "},
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

std::string tr_fill(Str key, Lang lang, std::initializer_list<std::string_view> values) {
    const std::string_view pattern = tr(key, lang);
    std::string out;
    std::size_t at = 0;
    for (std::string_view v : values) {
        const std::size_t hole = pattern.find("{}", at);
        if (hole == std::string_view::npos) break;
        out.append(pattern.substr(at, hole - at)).append(v);
        at = hole + 2;
    }
    out.append(pattern.substr(at));
    return out;
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

std::string_view role_key(Role role) {
    switch (role) {
        case Role::liaison: return "liaison";
        case Role::server: return "server";
        case Role::mediator: return "mediator";
        case Role::governance: return "governance";
        case Role::publicity: return "publicity";
    }
    return {};
}

std::optional<Role> role_from_key(std::string_view key) {
    for (Role r : kAllRoles)
        if (role_key(r) == key) return r;
    return std::nullopt;
}

}  // namespace redgrid::kiosk

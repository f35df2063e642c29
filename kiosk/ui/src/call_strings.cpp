#include "call_strings.h"

#include <array>

#include "redgrid/kiosk/ui/call_flow.h"

namespace redgrid::kiosk {
namespace {

struct Entry {
    CallStr key;
    std::string_view zh;
    std::string_view en;
};

// Kept in enum order; the static_asserts below catch a missing or misplaced row.
constexpr Entry kTable[] = {
    {CallStr::confirm_title, "呼叫网格党员", "Call a grid member"},
    {CallStr::confirm_body, "按下“确认呼叫”后，我们会通知离您最近的值班党员前来帮助您。请在屏幕附近等候。",
     "Press \"Yes, call\" and the nearest member on duty is asked to come and help you. Please wait near the screen."},
    {CallStr::confirm_grid, "服务网格：", "Your grid: "},
    {CallStr::confirm_button, "确认呼叫", "Yes, call"},
    {CallStr::cancel_button, "取消", "Cancel"},
    {CallStr::cooldown_title, "刚刚已经呼叫过，请稍候", "A call was just made, please wait"},
    {CallStr::cooldown_body, "为避免重复呼叫，请稍后再试。如情况紧急，请拨打 110 或 120。",
     "To avoid repeated calls, please try again shortly. In an emergency, dial 110 or 120."},
    {CallStr::cooldown_left, "还需等待 {} 秒", "{} s to wait"},
    {CallStr::back_button, "返回", "Back"},
    {CallStr::calling_title, "正在呼叫…", "Calling…"},
    {CallStr::calling_body, "正在为您联系值班党员，请在屏幕前稍候。", "Finding a member on duty for you. Please wait at the screen."},
    {CallStr::escalated_title, "已转社区值班台", "Passed to the community duty desk"},
    {CallStr::escalated_body, "暂时没有党员接单，已转给社区值班台处理，请稍候。",
     "No member has taken the call yet, so it went to the community duty desk. Please wait."},
    {CallStr::cancel_call, "取消呼叫", "Cancel the call"},
    {CallStr::coming_title, "党员正在赶来", "A member is on the way"},
    {CallStr::coming_eta, "约 {} 分钟到达", "About {} min"},
    {CallStr::coming_wait, "请在屏幕附近等候", "Please wait near the screen"},
    {CallStr::failed_offline_title, "网络暂时不通，呼叫未能发出", "No network: the call could not be sent"},
    {CallStr::failed_offline_trying, "网络暂时不通，正在继续尝试发送", "No network: still trying to send the call"},
    {CallStr::failed_refused_title, "值班党员暂时无法前来", "No member can come right now"},
    {CallStr::failed_expired_title, "暂时没有人接单", "Nobody could take the call"},
    {CallStr::failed_error_title, "呼叫未能完成", "The call did not go through"},
    {CallStr::failed_contact, "请直接联系本网格值班党员：", "Please contact the grid's member directly:"},
    {CallStr::failed_no_contact, "暂无在岗党员，请到社区党群服务中心求助。",
     "Nobody is on duty now: please ask at the community service centre."},
    {CallStr::scan_to_contact, "手机扫码联系", "Scan to contact"},
    {CallStr::phone_label, "电话", "Phone"},
    {CallStr::cancelled_title, "呼叫已取消", "The call is cancelled"},
    {CallStr::cancelled_body, "如需帮助，可以随时再次呼叫。", "If you need help, you can call again at any time."},
    {CallStr::home_button, "返回首页", "Back to home"},
    {CallStr::rating_title_arrived, "{} 已到达", "{} has arrived"},
    {CallStr::rating_title_closed, "服务已完成", "The help is done"},
    {CallStr::rating_question, "请为本次服务评价（匿名）", "How was the help? (anonymous)"},
    {CallStr::rating_tags_hint, "可选，最多两项", "Optional, up to two"},
    {CallStr::tag_timely, "及时", "Timely"},
    {CallStr::tag_patient, "耐心", "Patient"},
    {CallStr::tag_solved, "解决了问题", "Solved it"},
    {CallStr::tag_warm, "热情", "Warm"},
    {CallStr::tag_skilled, "专业", "Skilled"},
    {CallStr::submit, "提交评价", "Send rating"},
    {CallStr::skip, "跳过", "Skip"},
    {CallStr::save_failed, "评价未能保存，请再试一次", "The rating could not be saved: please try again"},
    {CallStr::thanks_title, "谢谢您的评价！", "Thank you for your rating!"},
    {CallStr::thanks_body, "即将返回首页", "Going back to the home screen"},
    {CallStr::say_confirm, "呼叫网格党员。按确认呼叫，离您最近的值班党员会前来帮助您。不需要就按取消。",
     "Call a grid member. Press Yes, call, and the nearest member on duty will come to help you. "
     "Press Cancel if you do not need help."},
    {CallStr::say_coming, "党员{}正在赶来，大约{}分钟到达，请在屏幕附近等候。",
     "{} is on the way and will be here in about {} minutes. Please wait near the screen."},
    {CallStr::say_contact, "请直接联系本网格值班党员{}。", "Please contact {}, the grid's member on duty."},
};
static_assert(std::size(kTable) == static_cast<std::size_t>(CallStr::count_), "one row per CallStr key");

constexpr bool table_in_order() {
    for (std::size_t i = 0; i < std::size(kTable); ++i)
        if (static_cast<std::size_t>(kTable[i].key) != i) return false;
    return true;
}
static_assert(table_in_order(), "kTable rows must follow the CallStr enum order");

constexpr CallStr kTagLabels[] = {CallStr::tag_timely, CallStr::tag_patient, CallStr::tag_solved, CallStr::tag_warm,
                                  CallStr::tag_skilled};
static_assert(std::size(kTagLabels) == kRatingTagKeys.size(), "one label per rating tag");

}  // namespace

std::string_view tr(CallStr key, Lang lang) {
    const Entry& e = kTable[static_cast<std::size_t>(key)];
    return lang == Lang::zh ? e.zh : e.en;
}

std::string tr_fill(CallStr key, Lang lang, std::string_view value) {
    std::string s(tr(key, lang));
    if (const auto at = s.find("{}"); at != std::string::npos) s.replace(at, 2, value);
    return s;
}

std::string_view rating_tag_label(std::string_view key, Lang lang) {
    for (std::size_t i = 0; i < kRatingTagKeys.size(); ++i)
        if (kRatingTagKeys[i] == key) return tr(kTagLabels[i], lang);
    return {};
}

std::string_view rating_tag_stored_label(std::string_view key) { return rating_tag_label(key, Lang::zh); }

}  // namespace redgrid::kiosk

// The call and rating screens' UI strings, in one zh-CN and one en table (call_strings.cpp),
// kept apart from strings.h while that table is being reworked; to be merged into it.
#pragma once

#include <string>
#include <string_view>

#include "redgrid/kiosk/ui/strings.h"

namespace redgrid::kiosk {

enum class CallStr {
    confirm_title,
    confirm_body,
    confirm_grid,
    confirm_button,
    cancel_button,
    cooldown_title,
    cooldown_body,
    cooldown_left,
    back_button,
    calling_title,
    calling_body,
    escalated_title,
    escalated_body,
    cancel_call,
    coming_title,
    coming_eta,
    coming_wait,
    failed_offline_title,
    failed_offline_trying,
    failed_refused_title,
    failed_expired_title,
    failed_error_title,
    failed_contact,
    failed_no_contact,
    scan_to_contact,
    phone_label,
    cancelled_title,
    cancelled_body,
    home_button,
    rating_title_arrived,
    rating_title_closed,
    rating_question,
    rating_tags_hint,
    tag_timely,
    tag_patient,
    tag_solved,
    tag_warm,
    tag_skilled,
    submit,
    skip,
    save_failed,
    thanks_title,
    thanks_body,
    // Spoken, not shown (announcer.h).
    say_confirm,
    say_coming,   // {} the member's name, {} the minutes
    say_contact,  // {} the grid's on-duty member
    count_
};

std::string_view tr(CallStr key, Lang lang);
// The string with its "{}" replaced by value ("约 {} 分钟到达" -> "约 5 分钟到达").
std::string tr_fill(CallStr key, Lang lang, std::string_view value);
// The label of a rating tag key ("patient" -> 耐心 / Patient); empty for an unknown key.
std::string_view rating_tag_label(std::string_view key, Lang lang);

}  // namespace redgrid::kiosk

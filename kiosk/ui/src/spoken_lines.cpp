#include "spoken_lines.h"

#include <initializer_list>

#include "call_strings.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {
namespace {

// Parts of a line with a spoken pause between them ("，" in Chinese, ", " in English).
std::string joined(std::initializer_list<std::string_view> parts, Str pause, Lang lang) {
    std::string out;
    for (std::string_view p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += tr(pause, lang);
        out += p;
    }
    return out;
}

// key's text with each "{}" replaced by the next value.
std::string filled(CallStr key, Lang lang, std::initializer_list<std::string_view> values) {
    std::string s(tr(key, lang));
    std::size_t at = 0;
    for (std::string_view v : values) {
        at = s.find("{}", at);
        if (at == std::string::npos) break;
        s.replace(at, 2, v);
        at += v.size();
    }
    return s;
}

std::string_view failed_title(const CallFlowView& v, Lang lang) {
    switch (v.fail_reason) {
        case FailReason::offline:
            return tr(v.still_trying ? CallStr::failed_offline_trying : CallStr::failed_offline_title, lang);
        case FailReason::refused: return tr(CallStr::failed_refused_title, lang);
        case FailReason::expired: return tr(CallStr::failed_expired_title, lang);
        case FailReason::error: break;
    }
    return tr(CallStr::failed_error_title, lang);
}

}  // namespace

std::string spoken_title(const Content* content, const Route& route, Lang lang) {
    switch (route.screen) {
        case ScreenId::home: return std::string(tr(Str::say_home, lang));
        case ScreenId::map: return std::string(tr(Str::map_title, lang));
        case ScreenId::members: return std::string(tr(Str::members_title, lang));
        case ScreenId::services: return std::string(tr(Str::services_title, lang));
        case ScreenId::activities: return std::string(tr(Str::activities_title, lang));
        case ScreenId::notices: return std::string(tr(Str::notices_title, lang));
        case ScreenId::honours: return std::string(tr(Str::honours_title, lang));
        case ScreenId::member:
            if (const Member* m = content ? content->member(route.param) : nullptr)
                return joined({m->name, role_name(m->role, lang)}, Str::say_comma, lang);
            return std::string(tr(Str::member_gone, lang));
        case ScreenId::grid:
            if (const Grid* g = content ? content->grid(route.param) : nullptr) return g->name;
            return std::string(tr(Str::grid_gone, lang));
        case ScreenId::notice:
            if (content)
                for (const Notice& n : content->bundle().notices)
                    if (n.id == route.param) return n.title;
            return std::string(tr(Str::notice_gone, lang));
        case ScreenId::activity:
            if (content)
                for (const Activity& a : content->bundle().activities)
                    if (a.id == route.param) return a.title;
            return std::string(tr(Str::activity_gone, lang));
        // The call screens speak for the call flow (spoken_call_line); the attract loop plays
        // to nobody, and the maintenance screen is for a technician.
        case ScreenId::call:
        case ScreenId::calling:
        case ScreenId::coming:
        case ScreenId::rating:
        case ScreenId::attract:
        case ScreenId::maintenance: return {};
    }
    return {};
}

std::string spoken_call_line(const CallFlowView& v, Lang lang) {
    switch (v.step) {
        case CallStep::idle: return {};
        case CallStep::confirm: return std::string(tr(CallStr::say_confirm, lang));
        case CallStep::cooldown: return std::string(tr(CallStr::cooldown_title, lang));
        case CallStep::calling:
            return v.escalated ? joined({tr(CallStr::escalated_title, lang), tr(CallStr::escalated_body, lang)},
                                        Str::say_stop, lang)
                               : std::string(tr(CallStr::calling_body, lang));
        case CallStep::coming: {
            if (!v.member) return joined({tr(CallStr::coming_title, lang), tr(CallStr::coming_wait, lang)}, Str::say_stop, lang);
            return filled(CallStr::say_coming, lang, {v.member->name, std::to_string(std::max(1, v.eta_left_minutes))});
        }
        case CallStep::failed: {
            const std::string contact = v.contact ? filled(CallStr::say_contact, lang, {v.contact->name})
                                                  : std::string(tr(CallStr::failed_no_contact, lang));
            return joined({failed_title(v, lang), contact}, Str::say_stop, lang);
        }
        case CallStep::cancelled: return std::string(tr(CallStr::cancelled_title, lang));
        case CallStep::rating: {
            if (v.save_error) return std::string(tr(CallStr::save_failed, lang));
            const std::string title = v.arrived && v.member ? tr_fill(CallStr::rating_title_arrived, lang, v.member->name)
                                                            : std::string(tr(CallStr::rating_title_closed, lang));
            return joined({title, tr(CallStr::rating_question, lang)}, Str::say_stop, lang);
        }
        case CallStep::thanks: return std::string(tr(CallStr::thanks_title, lang));
    }
    return {};
}

std::string spoken_call_key(const CallFlowView& v) {
    std::string key(to_string(v.step));
    switch (v.step) {
        case CallStep::calling: key += v.escalated ? ":escalated" : ""; break;
        case CallStep::coming: key += ":" + (v.member ? v.member->id : std::string()); break;
        case CallStep::failed:
            key += ":" + std::to_string(static_cast<int>(v.fail_reason)) + (v.still_trying ? ":trying" : "") + ":" +
                   (v.contact ? v.contact->id : std::string());
            break;
        case CallStep::rating: key += std::string(v.arrived ? ":arrived" : ":closed") + (v.save_error ? ":error" : ""); break;
        default: break;
    }
    return key;
}

}  // namespace redgrid::kiosk

#include "redgrid/kiosk/ui/call_flow.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <random>

#include "redgrid/content/content_index.h"
#include "redgrid/content/time_format.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

std::string random_uuid_v4() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    const std::uint64_t hi = (rng() & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;
    const std::uint64_t lo = (rng() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
    char buf[37];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return buf;
}

std::string iso_utc(std::chrono::system_clock::time_point t) {
    return format_rfc3339(std::chrono::floor<std::chrono::seconds>(t), 0);
}

int ceil_seconds(std::chrono::steady_clock::duration d) {
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(d).count());
}

}  // namespace

std::string_view to_string(CallStep step) {
    switch (step) {
        case CallStep::idle: return "idle";
        case CallStep::confirm: return "confirm";
        case CallStep::cooldown: return "cooldown";
        case CallStep::calling: return "calling";
        case CallStep::coming: return "coming";
        case CallStep::failed: return "failed";
        case CallStep::cancelled: return "cancelled";
        case CallStep::rating: return "rating";
        case CallStep::thanks: return "thanks";
    }
    return "unknown";
}

CallFlow::CallFlow(const Clock& clock, CallService& service, InteractionSink& sink, CallFlowOptions options)
    : clock_(clock), service_(service), sink_(sink), options_(std::move(options)) {
    if (!options_.new_call_key) options_.new_call_key = random_uuid_v4;
}

void CallFlow::set_content(std::shared_ptr<const Content> content) { content_ = std::move(content); }

void CallFlow::enter(CallStep step) {
    step_ = step;
    hidden_ = false;
    step_since_ = clock_.steady_now();
}

ScreenId CallFlow::screen() const {
    if (!active()) return ScreenId::home;
    switch (step_) {
        case CallStep::confirm:
        case CallStep::cooldown: return ScreenId::call;
        case CallStep::calling:
        case CallStep::failed:
        case CallStep::cancelled: return ScreenId::calling;
        case CallStep::coming: return ScreenId::coming;
        case CallStep::rating:
        case CallStep::thanks: return ScreenId::rating;
        case CallStep::idle: break;
    }
    return ScreenId::home;
}

bool CallFlow::call_open() const {
    return call_id_.has_value() &&
           (step_ == CallStep::calling || step_ == CallStep::coming || (step_ == CallStep::failed && still_trying_));
}

bool CallFlow::activate(std::string_view id) {
    if (id == call_ids::call) return press_call();
    if (id == call_ids::confirm) return confirm();
    if (id == call_ids::cancel) return cancel();
    if (id == call_ids::done) {
        if (step_ != CallStep::thanks && step_ != CallStep::cancelled && step_ != CallStep::failed) return false;
        if (call_open()) return false;  // still trying to send: only an explicit cancel ends it
        finish();
        return true;
    }
    if (id.starts_with(call_ids::star_prefix)) {
        if (step_ != CallStep::rating) return false;
        const std::string_view n = id.substr(call_ids::star_prefix.size());
        int stars = 0;
        if (std::from_chars(n.data(), n.data() + n.size(), stars).ec != std::errc{} || stars < 1 || stars > 5)
            return false;
        stars_ = stars;
        return true;
    }
    if (id.starts_with(call_ids::tag_prefix)) {
        if (step_ != CallStep::rating) return false;
        const std::string key(id.substr(call_ids::tag_prefix.size()));
        if (std::find(kRatingTagKeys.begin(), kRatingTagKeys.end(), key) == kRatingTagKeys.end()) return false;
        if (auto it = std::find(tags_.begin(), tags_.end(), key); it != tags_.end()) {
            tags_.erase(it);
            return true;
        }
        if (tags_.size() >= kMaxRatingTags) return false;  // the screen shows the others as unavailable
        tags_.push_back(key);
        return true;
    }
    if (id == call_ids::submit) return submit_rating();
    if (id == call_ids::skip) {
        if (step_ != CallStep::rating) return false;
        finish();
        return true;
    }
    return false;
}

bool CallFlow::press_call() {
    // A call already under way: show it again instead of starting another.
    if (call_open()) {
        hidden_ = false;
        return true;
    }
    forget_person();
    enter(cooldown_left() > 0s ? CallStep::cooldown : CallStep::confirm);
    return true;
}

bool CallFlow::confirm() {
    if (step_ != CallStep::confirm || !active()) return false;
    // Checked again here, where the call is sent, so that no path sends one inside it.
    if (cooldown_left() > 0s) {
        enter(CallStep::cooldown);
        return true;
    }
    const std::string grid_id = content_ ? content_->bundle().place.grid_id : std::string();
    call_key_ = options_.new_call_key();
    const CallRequest request{.kiosk_id = options_.kiosk_id, .grid_id = grid_id, .category = std::nullopt,
                              .member_id = std::nullopt, .idempotency_key = call_key_};
    // Recorded first: even if the dispatcher never hears of it, the hub learns that a
    // resident asked for help here. The call goes out whatever the sink says: help first.
    // This is the call's one durable record: the network service never queues a copy, and
    // the hub creates the call from whichever of this event and the POST arrives first.
    const nlohmann::json payload{{"client_call_id", call_key_}, {"grid_id", grid_id}, {"at", iso_utc(clock_.now())},
                                 {"category", nullptr}, {"member_id", nullptr}};
    sink_.record({.kind = InteractionKind::call, .payload_json = payload.dump()});
    last_call_at_ = clock_.steady_now();
    escalated_ = false;
    member_.reset();
    enter(CallStep::calling);
    call_id_ = service_.request(request);
    return true;
}

bool CallFlow::cancel() {
    switch (step_) {
        case CallStep::confirm:
        case CallStep::cooldown:
            finish();
            return true;
        case CallStep::calling:
        case CallStep::coming:
        case CallStep::failed:
            if (!call_open()) return false;
            break;
        default: return false;
    }
    const nlohmann::json payload{{"client_call_id", call_key_}, {"call_id", *call_id_},
                                 {"at", iso_utc(clock_.now())}, {"step", to_string(step_)}};
    sink_.record({.kind = InteractionKind::call_cancel, .payload_json = payload.dump()});
    service_.cancel(*call_id_);
    call_id_.reset();
    enter(CallStep::cancelled);
    return true;
}

bool CallFlow::submit_rating() {
    if (step_ != CallStep::rating || stars_ < 1) return false;
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& key : tags_) tags.push_back(std::string(rating_tag_stored_label(key)));
    const nlohmann::json payload{{"call_id", rated_call_id_},
                                 {"client_call_id", call_key_},
                                 {"member_id", member_ ? nlohmann::json(member_->id) : nlohmann::json(nullptr)},
                                 {"stars", stars_},
                                 {"tags", tags},
                                 {"at", iso_utc(clock_.now())}};
    const RecordResult result = sink_.record({.kind = InteractionKind::rating, .payload_json = payload.dump()});
    if (!result.stored()) {
        // Say so, and keep the stars and tags so that one more tap can try again.
        save_error_ = result.message.empty() ? std::string("not stored") : result.message;
        return true;
    }
    save_error_.reset();
    enter(CallStep::thanks);
    return true;
}

void CallFlow::apply(const CallUpdate& u) {
    if (!call_id_ || u.call_id != *call_id_) return;  // an old call's late news
    switch (u.state) {
        case CallState::queued:
        case CallState::escalated:
            // The hub has the call (again): after "offline, still trying" the screen must say
            // it is waiting for a member, not that the network is down.
            if (u.state == CallState::escalated) escalated_ = true;
            if (step_ == CallStep::failed) {
                still_trying_ = false;
                fail_message_.clear();
                contact_.reset();
                enter(CallStep::calling);
            }
            break;
        case CallState::dispatched:
            member_ = u.member;
            dispatched_at_ = clock_.steady_now();
            still_trying_ = false;
            if (step_ != CallStep::coming) enter(CallStep::coming);
            break;
        case CallState::arrived:
        case CallState::closed:
            if (u.member) member_ = u.member;
            arrived_ = u.state == CallState::arrived;
            rated_call_id_ = u.call_id;
            stars_ = 0;
            tags_.clear();
            save_error_.reset();
            call_id_.reset();
            enter(CallStep::rating);
            break;
        case CallState::cancelled:
            call_id_.reset();
            enter(CallStep::cancelled);
            break;
        case CallState::refused: fail(FailReason::refused, u.message, false); break;
        case CallState::expired: fail(FailReason::expired, u.message, false); break;
        case CallState::failed: fail(FailReason::error, u.message, false); break;
        case CallState::offline: fail(FailReason::offline, u.message, u.still_trying); break;
    }
}

void CallFlow::fail(FailReason reason, std::string message, bool still_trying) {
    fail_reason_ = reason;
    fail_message_ = std::move(message);
    still_trying_ = still_trying;
    if (!still_trying) call_id_.reset();
    contact_.reset();
    if (content_) {
        const auto nearest = content_->on_duty_nearest(content_->bundle().place.grid_id, 1);
        if (!nearest.empty()) contact_ = *nearest.front();
    }
    enter(CallStep::failed);
}

bool CallFlow::tick() {
    bool changed = false;
    for (const CallUpdate& u : service_.drain_updates()) {
        apply(u);
        changed = true;
    }
    const auto since = clock_.steady_now() - step_since_;
    if ((step_ == CallStep::thanks || step_ == CallStep::cancelled) && since >= options_.thanks_for) {
        finish();
        return true;
    }
    if (step_ == CallStep::cooldown) {
        if (cooldown_left() <= 0s) {
            enter(CallStep::confirm);  // may call now: still only after the confirm tap
            return true;
        }
        const int shown = view().cooldown_left_s;
        changed = changed || shown != shown_cooldown_s_;
        shown_cooldown_s_ = shown;
    }
    if (step_ == CallStep::coming) {
        const int eta = view().eta_left_minutes;
        changed = changed || eta != shown_eta_;
        shown_eta_ = eta;
    }
    return changed;
}

void CallFlow::forget_person() {
    stars_ = 0;
    tags_.clear();
    save_error_.reset();
    rated_call_id_.clear();
}

void CallFlow::finish() {
    forget_person();
    member_.reset();
    contact_.reset();
    escalated_ = false;
    arrived_ = false;
    still_trying_ = false;
    enter(CallStep::idle);
}

void CallFlow::reset() {
    if (call_open()) {
        // The member is still coming (or the call still being sent): keep it, out of sight.
        hidden_ = true;
        return;
    }
    finish();
}

std::chrono::steady_clock::duration CallFlow::cooldown_left() const {
    if (!last_call_at_) return 0s;
    return std::max<std::chrono::steady_clock::duration>(0s, *last_call_at_ + options_.cooldown - clock_.steady_now());
}

CallFlowView CallFlow::view() const {
    CallFlowView v;
    v.step = step_;
    v.cooldown_left_s = step_ == CallStep::cooldown ? std::max(1, ceil_seconds(cooldown_left())) : 0;
    v.escalated = escalated_;
    v.member = member_;
    if (step_ == CallStep::coming && member_) {
        const auto elapsed = std::chrono::floor<std::chrono::minutes>(clock_.steady_now() - dispatched_at_).count();
        v.eta_left_minutes = std::max(1, member_->eta_minutes - static_cast<int>(elapsed));
    }
    v.arrived = arrived_;
    v.fail_reason = fail_reason_;
    v.fail_message = fail_message_;
    v.still_trying = still_trying_;
    v.contact = contact_;
    v.stars = stars_;
    v.tags = tags_;
    v.save_error = save_error_;
    v.can_cancel = call_open();
    return v;
}

std::optional<std::chrono::milliseconds> CallFlow::time_until_next_change() const {
    using std::chrono::milliseconds;
    std::optional<milliseconds> next = service_.time_until_next_update();
    auto sooner = [&](std::chrono::steady_clock::duration d) {
        const auto ms = std::max(milliseconds(0), std::chrono::ceil<milliseconds>(d));
        if (!next || ms < *next) next = ms;
    };
    const auto now = clock_.steady_now();
    if (step_ == CallStep::thanks || step_ == CallStep::cancelled) sooner(step_since_ + options_.thanks_for - now);
    if (step_ == CallStep::cooldown) {
        // The shown seconds change on each whole second of what is left.
        const auto left = cooldown_left();
        const auto frac = left - std::chrono::floor<std::chrono::seconds>(left);
        sooner(frac > 0s ? frac : std::chrono::steady_clock::duration(1s));
    }
    if (step_ == CallStep::coming) {
        const auto elapsed = now - dispatched_at_;
        sooner(std::chrono::ceil<std::chrono::minutes>(elapsed + 1ms) - elapsed);
    }
    return next;
}

}  // namespace redgrid::kiosk

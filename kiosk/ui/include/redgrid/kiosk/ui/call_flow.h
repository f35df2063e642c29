// The resident's side of the one-key call, as a state machine the screens are drawn from:
//
//   idle -> confirm -> calling -> coming -> rating -> thanks -> idle
//             |          |  \        |
//             |          |   \-> failed (offline / refused / expired: phone + QR instead)
//             v          v           v
//           idle      cancelled   cancelled
//
// No call is ever sent without the confirm step, and one call per cooldown: a press inside
// it shows how long to wait (step cooldown) and sends nothing. Calls, cancellations and
// ratings are recorded to the InteractionSink before the screen says they are done.
//
// Hooks for the App: activate() the ids below from taps; tick() once per loop turn;
// screen() says which ScreenId to show while active(); reset() on idle return or Home.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/protocol/calls.h"
#include "redgrid/config/clock.h"
#include "redgrid/content/content.h"
#include "redgrid/protocol/interactions.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/ui/ui_state.h"

namespace redgrid::kiosk {

// Hit-target ids the call and rating screens use (and activate() takes).
namespace call_ids {
inline constexpr std::string_view call = "call";                  // the home button: opens confirm
inline constexpr std::string_view confirm = "call:confirm";       // send the call
inline constexpr std::string_view cancel = "call:cancel";         // leave confirm, or cancel a call
inline constexpr std::string_view done = "call:done";             // back home from thanks / failed / cancelled
inline constexpr std::string_view star_prefix = "rating:star:";   // + 1..5
inline constexpr std::string_view tag_prefix = "rating:tag:";     // + a RatingTag key
inline constexpr std::string_view submit = "rating:submit";
inline constexpr std::string_view skip = "rating:skip";
}  // namespace call_ids

// The fixed tags a rating may carry (at most kMaxRatingTags); keys are stable ids, the
// stored rating carries the Chinese label (docs/protocol.md, "events").
inline constexpr std::array<std::string_view, 5> kRatingTagKeys = {"timely", "patient", "solved", "warm", "skilled"};
inline constexpr std::size_t kMaxRatingTags = 2;
// The label stored with the rating, whatever language the screen shows.
std::string_view rating_tag_stored_label(std::string_view key);

enum class CallStep {
    idle,       // nothing to show: the App shows its own screen
    confirm,    // says what will happen; confirm or cancel
    cooldown,   // a call was just made: wait N s; nothing is sent
    calling,    // sent, waiting for a member (escalated: passed to the duty desk)
    coming,     // a member is on the way: name, photo, about N minutes
    failed,     // offline / refused / expired / error: phone and QR of the grid's member
    cancelled,  // the resident cancelled: a short acknowledgement
    rating,     // the member arrived or closed: 1-5 stars, up to two tags
    thanks,     // the rating is stored; back home shortly
};

std::string_view to_string(CallStep step);

enum class FailReason { offline, refused, expired, error };

// Everything the call screens draw, as plain values.
struct CallFlowView {
    CallStep step = CallStep::idle;
    int cooldown_left_s = 0;                 // cooldown
    bool escalated = false;                  // calling: passed to the community duty desk
    std::optional<DispatchedMember> member;  // coming, rating
    int eta_left_minutes = 0;                // coming: counts down from the ETA, at least 1
    bool arrived = false;                    // rating: the member arrived (else the call closed)
    FailReason fail_reason = FailReason::error;
    std::string fail_message;                // from the service, for the log line on screen
    bool still_trying = false;               // failed + offline: the call is still being sent
    std::optional<Member> contact;           // failed: the grid's nearest on-duty member
    int stars = 0;                           // rating: 0 = not chosen yet
    std::vector<std::string> tags;           // rating: chosen tag keys, in tap order
    std::optional<std::string> save_error;   // rating: the sink refused; say so, allow a retry
    bool can_cancel = false;                 // a call is open and may be cancelled
};

struct CallFlowOptions {
    std::string kiosk_id;
    std::chrono::seconds cooldown{60};         // config::KioskConfig::call_cooldown_s
    std::chrono::seconds thanks_for{8};        // thanks / cancelled go home by themselves after this
    std::function<std::string()> new_call_key;  // the idempotency key; empty = random UUID v4
};

class CallFlow {
public:
    CallFlow(const Clock& clock, CallService& service, InteractionSink& sink, CallFlowOptions options);

    // The grid and its on-duty members come from here; null until the first bundle.
    void set_content(std::shared_ptr<const Content> content);

    // A tap on one of the call_ids; false when the id is not the flow's or does nothing in
    // the current step (a second tap on confirm or submit is one of those).
    bool activate(std::string_view id);
    // Applies the service's updates and the flow's own timers. True if the view changed.
    bool tick();

    bool active() const { return step_ != CallStep::idle && !hidden_; }
    // The screen to show while active(): call (confirm, cooldown), calling (calling,
    // failed, cancelled), coming, rating (rating, thanks); home when idle.
    ScreenId screen() const;
    CallStep step() const { return step_; }
    CallFlowView view() const;
    // A call is open (sent, not ended): the App must not let idle return forget it.
    bool call_open() const;

    // Idle return or Home: forgets a half-done confirm, rating, or message. An open call is
    // kept (the member is still coming): pressing "call" again shows it.
    void reset();

    // How long the loop may sleep before the view changes by itself; nullopt = never.
    std::optional<std::chrono::milliseconds> time_until_next_change() const;

private:
    bool press_call();
    bool confirm();
    bool cancel();
    bool submit_rating();
    void apply(const CallUpdate& update);
    void fail(FailReason reason, std::string message, bool still_trying);
    void enter(CallStep step);
    void forget_person();
    void finish();
    std::chrono::steady_clock::duration cooldown_left() const;

    const Clock& clock_;
    CallService& service_;
    InteractionSink& sink_;
    CallFlowOptions options_;
    std::shared_ptr<const Content> content_;

    CallStep step_ = CallStep::idle;
    bool hidden_ = false;             // reset() with a call open: kept, not shown
    std::optional<CallId> call_id_;  // the call whose updates are followed
    std::string call_key_;
    std::string rated_call_id_;
    std::optional<std::chrono::steady_clock::time_point> last_call_at_;
    std::chrono::steady_clock::time_point step_since_{};
    std::chrono::steady_clock::time_point dispatched_at_{};
    bool escalated_ = false;
    bool arrived_ = false;
    std::optional<DispatchedMember> member_;
    FailReason fail_reason_ = FailReason::error;
    std::string fail_message_;
    bool still_trying_ = false;
    std::optional<Member> contact_;
    int stars_ = 0;
    std::vector<std::string> tags_;
    std::optional<std::string> save_error_;
    int shown_cooldown_s_ = -1;
    int shown_eta_ = -1;
};

}  // namespace redgrid::kiosk

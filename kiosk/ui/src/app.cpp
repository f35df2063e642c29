#include "redgrid/kiosk/ui/demo_call_service.h"
#include "redgrid/kiosk/ui/app.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/ui/maintenance_flow.h"
#include "spoken_lines.h"

namespace redgrid::kiosk {
namespace {

bool is_call_screen(ScreenId s) {
    return s == ScreenId::call || s == ScreenId::calling || s == ScreenId::coming || s == ScreenId::rating;
}

}  // namespace

App::App(const Clock& clock, AppOptions options, AppServices services)
    : clock_(clock), options_(options), announcer_(services.announcer) {
    ui_.lang = options.lang;
    last_input_ = clock_.steady_now();
    if (!services.calls) {
        own_calls_ = std::make_unique<DemoCallService>(clock_, nullptr);
        services.calls = own_calls_.get();
    }
    if (!services.sink) {
        own_sink_ = std::make_unique<MemoryInteractionSink>();
        services.sink = own_sink_.get();
    }
    flow_ = std::make_unique<CallFlow>(clock_, *services.calls, *services.sink,
                                       CallFlowOptions{.kiosk_id = options_.kiosk_id, .cooldown = options_.call_cooldown});
    maint_ = std::make_unique<MaintenanceFlow>(
        clock_, MaintenanceOptions{.pin = options_.maintenance_pin, .hold = options_.maintenance_hold},
        services.maintenance, services.pin_lock);
    speak_changes(false);
}

void App::speak_changes(bool aloud) {
    const bool in_call = flow_->active() && is_call_screen(ui_.route.screen);
    std::string key = (in_call ? "call:" + spoken_call_key(call_view_) : route_name(ui_.route)) +
                      (ui_.lang == Lang::zh ? "@zh" : "@en");
    if (key == spoken_key_) return;
    spoken_key_ = std::move(key);
    if (!aloud || !announcer_) return;
    std::string line = in_call ? spoken_call_line(call_view_, ui_.lang) : spoken_title(content_.get(), ui_.route, ui_.lang);
    if (!line.empty()) announcer_->say(std::move(line), ui_.lang);
}

void App::follow_maintenance() {
    dirty_ = true;
    if (!maint_->active()) {
        if (ui_.route.screen == ScreenId::maintenance) go_home(true);
        return;
    }
    if (ui_.route.screen != ScreenId::maintenance) {
        ui_.route = Route{ScreenId::maintenance, {}};
        ui_.back_stack.clear();
        ui_.scroll = 0;
        fling_velocity_ = 0;
    }
}

void App::set_maintenance_status(MaintenanceStatus status) {
    if (!maint_->active()) return;
    maint_->set_status(std::move(status));
    dirty_ = true;
}

bool App::corner_held() const {
    return maint_->enabled() && ui_.pressed_id == maint_ids::corner &&
           clock_.steady_now() - corner_pressed_at_ >= options_.maintenance_hold;
}


void App::follow_call_flow() {
    call_view_ = flow_->view();
    dirty_ = true;
    if (flow_->active()) {
        const Route want{flow_->screen(), {}};
        if (ui_.route == want) return;
        // One entry on the back stack for the whole flow: its steps replace each other.
        if (is_call_screen(ui_.route.screen)) ui_.route = want;
        else go(want);
    } else if (is_call_screen(ui_.route.screen)) {
        go_home(false);
    }
}

void App::set_content(std::shared_ptr<const Content> content) {
    content_ = std::move(content);
    content_confirmed_.reset();
    flow_->set_content(content_);
    if (own_calls_) own_calls_->set_content(content_);
    // A route whose subject vanished with the new content falls back home.
    dirty_ = true;
}

void App::content_confirmed(std::chrono::system_clock::time_point at) {
    if (!content_ || (content_confirmed_ && *content_confirmed_ >= at)) return;
    content_confirmed_ = at;
    dirty_ = true;
}

void App::set_size(float width, float height) {
    if (width == width_ && height == height_) return;
    width_ = width;
    height_ = height;
    dirty_ = true;
}

void App::navigate(Route route) {
    // --screen maintenance and replays go straight in: whoever runs the command line has
    // the machine already.
    if (route.screen == ScreenId::maintenance && !maint_->active()) maint_->open_unlocked();
    else if (route.screen != ScreenId::maintenance && maint_->active()) maint_->close();
    jumped_ = true;
    ui_.route = std::move(route);
    ui_.attract_page = 0;
    attract_page_since_ = clock_.steady_now();
    ui_.back_stack.clear();
    ui_.scroll = 0;
    ui_.map_scale = 0;
    pinch_.reset();
    map_settle_.reset();
    fling_velocity_ = 0;
    dirty_ = true;
    speak_changes(false);
}

void App::touched() { last_input_ = clock_.steady_now(); }

void App::press(render::Point p) {
    touched();
    // A touch while the map still glides after a pinch: it is at its step at once.
    step_map_settle(true);
    if (ui_.route.screen == ScreenId::attract) {
        // The waking touch only wakes: home shows at once, and this finger activates nothing
        // there (no call by accident), nor scrolls or pans.
        waking_ = true;
        if (announcer_) announcer_->click();
        go_home(true);
        drag_max_.reset();
        dragging_ = panning_ = pan_possible_ = false;
        return;
    }
    if (maint_->view().page == MaintPage::touch_test) {
        const render::HitTarget* t = frame_.hit(p);
        if (t && t->id == maint_ids::touch_area) {
            drawing_ = true;
            maint_->touch_down(p);
            dirty_ = true;
            return;
        }
    }
    // A finger on a gliding list stops it, as on a phone; that touch is not a tap.
    const bool caught_fling = flinging();
    fling_velocity_ = 0;
    press_point_ = p;
    press_scroll_ = ui_.scroll;
    drag_max_ = scroll_max_at(p);
    dragging_ = false;
    panning_ = false;
    pan_possible_ = false;
    if (const auto pan = map_pan_at(p)) {
        pan_possible_ = true;
        pan_min_x_ = pan->min_x, pan_max_x_ = pan->max_x, pan_min_y_ = pan->min_y, pan_max_y_ = pan->max_y;
    }
    samples_.assign(1, {clock_.steady_now(), p.y});
    const render::HitTarget* t = caught_fling ? nullptr : frame_.hit(p);
    std::string id = t && !t->id.starts_with(kScrollTargetPrefix) ? t->id : std::string();
    if (id == maint_ids::corner) corner_pressed_at_ = clock_.steady_now();
    if (id.starts_with(kMapPanTargetPrefix)) id.clear();
    // The click says "you touched something that can be pressed", in the same frame (not
    // for the hidden maintenance corner, which must not give itself away).
    if (!id.empty() && id != maint_ids::corner && announcer_) announcer_->click();
    if (id != ui_.pressed_id) {
        ui_.pressed_id = std::move(id);
        dirty_ = true;
    }
}

void App::move(render::Point p) {
    touched();
    if (waking_) return;
    if (drawing_) {
        maint_->touch_move(p);
        dirty_ = true;
        return;
    }
    if (pan_possible_ && !panning_ && std::hypot(p.x - press_point_.x, p.y - press_point_.y) >= drag_slop()) {
        // The finger is moving the map, not pressing the grid it started on.
        panning_ = true;
        ui_.pressed_id.clear();
        last_pan_point_ = press_point_;
    }
    if (panning_) {
        ui_.map_pan_x = std::clamp(ui_.map_pan_x + (p.x - last_pan_point_.x), pan_min_x_, std::max(pan_min_x_, pan_max_x_));
        ui_.map_pan_y = std::clamp(ui_.map_pan_y + (p.y - last_pan_point_.y), pan_min_y_, std::max(pan_min_y_, pan_max_y_));
        last_pan_point_ = p;
        dirty_ = true;
        return;
    }
    if (drag_max_ && !dragging_ && std::abs(p.y - press_point_.y) >= drag_slop()) {
        // The finger is scrolling the list, not pressing the row it started on.
        dragging_ = true;
        if (!ui_.pressed_id.empty()) {
            ui_.pressed_id.clear();
            dirty_ = true;
        }
    }
    if (dragging_) {
        set_scroll(press_scroll_ - (p.y - press_point_.y));
        const auto now = clock_.steady_now();
        samples_.push_back({now, p.y});
        // Only the last 100 ms say how fast the finger was going when it let go.
        std::erase_if(samples_, [&](const Sample& s) { return now - s.at > std::chrono::milliseconds(100); });
        return;
    }
    if (ui_.pressed_id.empty()) return;
    // Sliding off an element cancels its press, as on a phone.
    const render::HitTarget* t = frame_.hit(p);
    if (!t || t->id != ui_.pressed_id) {
        ui_.pressed_id.clear();
        dirty_ = true;
    }
}

void App::release(render::Point p) {
    touched();
    if (drawing_) {
        drawing_ = false;
        maint_->touch_move(p);
        dirty_ = true;
        return;
    }
    if (waking_) {
        waking_ = false;
        return;
    }
    pan_possible_ = false;
    if (panning_) {
        panning_ = false;
        return;
    }
    if (dragging_) {
        dragging_ = false;
        const auto now = clock_.steady_now();
        std::erase_if(samples_, [&](const Sample& s) { return now - s.at > std::chrono::milliseconds(100); });
        if (!samples_.empty()) {
            const float dt = std::chrono::duration<float>(now - samples_.front().at).count();
            const float v = dt > 0.005f ? -(p.y - samples_.front().y) / dt : 0.f;
            // A slow release just stops; a flick glides on.
            if (std::abs(v) >= 150.f * (height_ > width_ ? width_ / 1080.f : height_ / 1080.f)) {
                fling_velocity_ = v;
                fling_max_ = drag_max_.value_or(0);
                fling_last_ = now;
            }
        }
        drag_max_.reset();
        return;
    }
    drag_max_.reset();
    const render::HitTarget* t = frame_.hit(p);
    const std::string pressed = std::move(ui_.pressed_id);
    ui_.pressed_id.clear();
    if (!pressed.empty()) dirty_ = true;
    if (t && t->id == pressed) activate(pressed);
    speak_changes(true);
}

float App::drag_slop() const {
    const float u = height_ > width_ ? std::min(width_ / 1080.f, height_ / 1920.f) : std::min(width_ / 1920.f, height_ / 1080.f);
    return options_.drag_slop * u;
}

std::optional<float> App::scroll_max_at(render::Point p) const {
    for (auto it = frame_.targets.rbegin(); it != frame_.targets.rend(); ++it) {
        if (!it->id.starts_with(kScrollTargetPrefix) || !it->rect.contains(p)) continue;
        const std::string_view number = std::string_view(it->id).substr(kScrollTargetPrefix.size());
        float max = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), max);
        if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
        return std::max(0.f, max);
    }
    return std::nullopt;
}

void App::set_scroll(float offset) {
    const float clamped = std::clamp(offset, 0.f, drag_max_.value_or(fling_max_));
    if (clamped == ui_.scroll) return;
    ui_.scroll = clamped;
    dirty_ = true;
}

void App::step_fling() {
    if (!flinging()) return;
    const auto now = clock_.steady_now();
    const float dt = std::chrono::duration<float>(now - fling_last_).count();
    if (dt <= 0) return;
    fling_last_ = now;
    // Exponential decay: the distance covered over dt is v * tau * (1 - e^(-dt/tau)).
    const float tau = std::chrono::duration<float>(options_.fling_time_constant).count();
    const float decay = std::exp(-dt / tau);
    const float before = ui_.scroll;
    set_scroll(ui_.scroll + fling_velocity_ * tau * (1 - decay));
    fling_velocity_ *= decay;
    const bool at_edge = ui_.scroll == before && (ui_.scroll <= 0 || ui_.scroll >= fling_max_);
    if (std::abs(fling_velocity_) < 20.f || at_edge) fling_velocity_ = 0;
}

bool App::tap(std::string_view id) {
    const render::HitTarget* t = frame_.find(id);
    if (!t) return false;
    const render::Point c{t->rect.x + t->rect.w / 2, t->rect.y + t->rect.h / 2};
    press(c);
    release(c);
    return true;
}

void App::activate(const std::string& id) {
    // PIN keys are exempt from the double-tap guard: "0042" has two zeros in a row.
    if (id.starts_with(maint_ids::digit_prefix)) {
        if (maint_->activate(id)) follow_maintenance();
        return;
    }
    const auto now = clock_.steady_now();
    if (id == last_activated_ && now - last_activation_ < options_.double_tap_guard) return;
    last_activated_ = id;
    last_activation_ = now;

    // The call flow owns its ids ("call", "call:*", "rating:*"); Home and Back leave it
    // (an open call is kept: "call" shows it again).
    if (flow_->activate(id)) return follow_call_flow();
    if (maint_->activate(id)) return follow_maintenance();
    if ((id == "home" || id == "back") && is_call_screen(ui_.route.screen)) {
        flow_->reset();
        call_view_ = flow_->view();
    }
    if (id == "home") return go_home(false);
    if (id == "back") {
        if (ui_.back_stack.empty()) return go_home(false);
        ui_.route = ui_.back_stack.back();
        ui_.back_stack.pop_back();
        ui_.scroll = 0;
        fling_velocity_ = 0;
        dirty_ = true;
        return;
    }
    if (id == "large_text") {
        ui_.large_text = !ui_.large_text;
        dirty_ = true;
        return;
    }
    if (id == "lang") {
        ui_.lang = ui_.lang == Lang::zh ? Lang::en : Lang::zh;
        dirty_ = true;
        return;
    }
    if (id.starts_with("tile:")) {
        std::string error;
        if (auto r = parse_route(std::string_view(id).substr(5), &error)) go(*r);
        return;
    }
    if (id == "map:zoom_in" || id == "map:zoom_out") return zoom_map_step(id == "map:zoom_in" ? 1 : -1);
    if (id.starts_with("member:") || id.starts_with("grid:") || id.starts_with("notice:") ||
        id.starts_with("activity:")) {
        if (auto r = parse_route(id, nullptr)) go(*r);
        return;
    }
    if (id.starts_with("filter:")) return apply_filter(std::string_view(id).substr(7));
}

void App::go(Route route) {
    if (route == ui_.route) return;
    ui_.back_stack.push_back(ui_.route);
    ui_.route = std::move(route);
    ui_.scroll = 0;
    fling_velocity_ = 0;
    dirty_ = true;
}

void App::go_home(bool forget_person) {
    // Leaving the maintenance screen forgets the PIN typed and stops the status gathering.
    if (maint_->active()) maint_->close();
    drawing_ = false;
    UiState fresh{.lang = options_.lang};
    if (!forget_person) {
        fresh.lang = ui_.lang;
        fresh.large_text = ui_.large_text;
    }
    if (ui_.route != fresh.route || !ui_.back_stack.empty() || ui_.large_text != fresh.large_text ||
        ui_.lang != fresh.lang)
        dirty_ = true;
    ui_ = std::move(fresh);
    fling_velocity_ = 0;
}

void App::apply_filter(std::string_view filter) {
    // "community:ID", "community:" (all), "role:NAME", "role:" (all).
    if (filter.starts_with("community:")) {
        ui_.filter_community = std::string(filter.substr(10));
    } else if (filter.starts_with("role:")) {
        ui_.filter_role = role_from_key(filter.substr(5));
    } else {
        return;
    }
    ui_.scroll = 0;
    fling_velocity_ = 0;
    dirty_ = true;
}

bool App::idle_timers_held() const {
    return !ui_.pressed_id.empty() || waking_ || pinch_ || (flow_->call_open() && flow_->active());
}

void App::set_clock_synced(bool synced) {
    if (options_.clock_synced == synced) return;
    options_.clock_synced = synced;
    dirty_ = true;
}

void App::tick() {
    step_fling();
    step_map_settle(false);
    if (animating()) anim_dirty_ = true;
    if (flow_->tick()) {
        follow_call_flow();
        // The call moved on by itself (the member arrived): the resident gets the whole idle
        // time for the new step, not what is left of the wait since their last touch.
        if (flow_->active()) touched();
    }
    // The call moved on by itself (a member is coming, has arrived): say so.
    speak_changes(true);
    if (corner_held()) {
        // Held long enough: the finger is still down, so its release must not tap anything.
        ui_.pressed_id.clear();
        maint_->open_pin_pad();
        follow_maintenance();
    }
    if (maint_->tick()) dirty_ = true;
    if (ui_.route.screen == ScreenId::attract) return turn_attract_pages();
    if (idle_timers_held()) return;
    const auto idle = clock_.steady_now() - last_input_;
    // Walking away forgets the person: their path, their text size, their language, a
    // half-done rating. A call still open is kept, but no longer shown.
    if (idle >= options_.idle_return) {
        flow_->reset();
        call_view_ = flow_->view();
        go_home(true);
    }
    if (idle >= options_.idle_return + options_.attract_after) enter_attract();
    // The resident has gone: the idle return and the attract loop are not announced.
    speak_changes(false);
}

void App::enter_attract() {
    UiState fresh{.lang = options_.lang};
    fresh.route = {ScreenId::attract, {}};
    ui_ = std::move(fresh);
    fling_velocity_ = 0;
    attract_page_since_ = clock_.steady_now();
    dirty_ = true;
}

void App::turn_attract_pages() {
    const int pages = attract_page_count(content_.get(), clock_.now());
    const auto now = clock_.steady_now();
    if (pages < 2 || now - attract_page_since_ < options_.attract_page) return;
    // A late turn (the loop slept long) skips ahead as if the pages had turned on time.
    const auto turns = (now - attract_page_since_) / options_.attract_page;
    ui_.attract_page = static_cast<int>((ui_.attract_page + turns) % pages);
    attract_page_since_ += turns * options_.attract_page;
    dirty_ = true;
}

long long App::minute_of(std::chrono::system_clock::time_point t) const {
    return std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count();
}

bool App::minute_changed() const { return minute_of(clock_.now()) != frame_minute_; }

std::chrono::milliseconds App::time_until_next_change() const {
    using namespace std::chrono;
    if (needs_redraw()) return milliseconds(0);
    // A gliding list and a fading screen move every frame (60 Hz).
    if (flinging() || animating()) return milliseconds(16);
    const auto now = clock_.now();
    const auto next_minute = ceil<minutes>(now + milliseconds(1));
    auto wait = duration_cast<milliseconds>(next_minute - now);
    const bool away_from_home = ui_.route.screen != ScreenId::home || !ui_.back_stack.empty() || ui_.large_text ||
                                ui_.lang != options_.lang;
    if (auto flow_wait = flow_->time_until_next_change()) wait = std::min(wait, std::max(milliseconds(0), *flow_wait));
    if (auto maint_wait = maint_->time_until_next_change()) wait = std::min(wait, *maint_wait);
    if (maint_->enabled() && ui_.pressed_id == maint_ids::corner) {
        const auto held = duration_cast<milliseconds>(clock_.steady_now() - corner_pressed_at_);
        wait = std::min(wait, std::max(milliseconds(0), options_.maintenance_hold - held));
    }
    const auto steady = clock_.steady_now();
    if (ui_.route.screen == ScreenId::attract) {
        // The loop sleeps from page to page; a single page waits only for the clock.
        if (attract_page_count(content_.get(), now) >= 2) {
            const auto page_left = duration_cast<milliseconds>(options_.attract_page - (steady - attract_page_since_));
            wait = std::min(wait, std::max(milliseconds(0), page_left));
        }
        return wait;
    }
    // A held finger or a call on screen holds the idle timers: nothing to wake up for.
    if (idle_timers_held()) return wait;
    const auto idle = steady - last_input_;
    if (away_from_home)
        wait = std::min(wait, std::max(milliseconds(0), duration_cast<milliseconds>(options_.idle_return - idle)));
    const auto attract_left = duration_cast<milliseconds>(options_.idle_return + options_.attract_after - idle);
    return std::min(wait, std::max(milliseconds(0), attract_left));
}

void App::settle_animations() {
    if (!animating()) return;
    step_map_settle(true);
    transition_start_.reset();
    anim_dirty_ = true;
}

void App::apply_transition() {
    if (veiled_) {
        frame_.ops.pop_back();
        veiled_ = false;
    }
    if (!transition_start_) return;
    const float t = std::chrono::duration<float>(clock_.steady_now() - *transition_start_).count() /
                    std::chrono::duration<float>(options_.transition).count();
    if (t >= 1) {
        transition_start_.reset();
        return;
    }
    // The new screen shows through a veil of its own background that clears, ease-out
    // (fast at first, gentle at the end). A veil, not per-op alpha: photos and QR codes fade too.
    const float ease = 1 - std::pow(1 - std::max(0.f, t), 3.f);
    const render::Rect stage = frame_.stage.w > 0 && frame_.stage.h > 0 ? frame_.stage
                                                                          : render::Rect{0, 0, width_, height_};
    frame_.add(render::RoundRect{.rect = stage,
                                 .fill = frame_.clear.with_alpha(static_cast<std::uint8_t>(std::lround(255 * (1 - ease))))});
    veiled_ = true;
}

const render::DrawList& App::frame(const render::TextMeasurer& measurer) {
    if (!needs_redraw()) return frame_;
    if (dirty_ || minute_changed()) {
        const auto now = clock_.now();
        const ScreenContext ctx{.content = content_.get(), .ui = ui_, .width = width_, .height = height_,
                                .measurer = measurer, .now = now, .utc_offset_minutes = options_.utc_offset_minutes,
                                .content_updated_at = content_confirmed_, .call = &call_view_,
                                .maintenance = &maint_->view(), .maintenance_corner = maint_->enabled(),
                                .clock_synced = options_.clock_synced};
        frame_ = build_screen(ctx);
        veiled_ = false;
        frame_minute_ = minute_of(now);
        dirty_ = false;
        ++frames_built_;
        const bool changed = ui_.route != built_route_ || ui_.attract_page != built_page_;
        if (changed && !jumped_ && options_.transition > std::chrono::milliseconds(0))
            transition_start_ = clock_.steady_now();
        jumped_ = false;
        built_route_ = ui_.route;
        built_page_ = ui_.attract_page;
    }
    apply_transition();
    anim_dirty_ = false;
    return frame_;
}

}  // namespace redgrid::kiosk

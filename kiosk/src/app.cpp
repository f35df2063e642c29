#include "redgrid/kiosk/app.h"

#include <algorithm>

#include "redgrid/kiosk/content_index.h"

namespace redgrid::kiosk {

App::App(const Clock& clock, AppOptions options) : clock_(clock), options_(options) {
    ui_.lang = options.lang;
    last_input_ = clock_.steady_now();
}

void App::set_content(std::shared_ptr<const Content> content) {
    content_ = std::move(content);
    // A route whose subject vanished with the new content falls back home.
    dirty_ = true;
}

void App::set_size(float width, float height) {
    if (width == width_ && height == height_) return;
    width_ = width;
    height_ = height;
    dirty_ = true;
}

void App::navigate(Route route) {
    ui_.route = std::move(route);
    ui_.back_stack.clear();
    dirty_ = true;
}

void App::touched() { last_input_ = clock_.steady_now(); }

void App::press(render::Point p) {
    touched();
    const render::HitTarget* t = frame_.hit(p);
    const std::string id = t ? t->id : std::string();
    if (id != ui_.pressed_id) {
        ui_.pressed_id = id;
        dirty_ = true;
    }
}

void App::move(render::Point p) {
    touched();
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
    const render::HitTarget* t = frame_.hit(p);
    const std::string pressed = std::move(ui_.pressed_id);
    ui_.pressed_id.clear();
    if (!pressed.empty()) dirty_ = true;
    if (t && t->id == pressed) activate(pressed);
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
    const auto now = clock_.steady_now();
    if (id == last_activated_ && now - last_activation_ < options_.double_tap_guard) return;
    last_activated_ = id;
    last_activation_ = now;

    if (id == "home") return go_home(false);
    if (id == "back") {
        if (ui_.back_stack.empty()) return go_home(false);
        ui_.route = ui_.back_stack.back();
        ui_.back_stack.pop_back();
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
    if (id == "call") return go({ScreenId::call, {}});
    if (id.starts_with("tile:")) {
        std::string error;
        if (auto r = parse_route(std::string_view(id).substr(5), &error)) go(*r);
        return;
    }
    if (id.starts_with("member:") || id.starts_with("grid:") || id.starts_with("notice:")) {
        if (auto r = parse_route(id, nullptr)) go(*r);
    }
}

void App::go(Route route) {
    if (route == ui_.route) return;
    ui_.back_stack.push_back(ui_.route);
    ui_.route = std::move(route);
    dirty_ = true;
}

void App::go_home(bool forget_person) {
    UiState fresh{.lang = options_.lang};
    if (!forget_person) {
        fresh.lang = ui_.lang;
        fresh.large_text = ui_.large_text;
    }
    if (ui_.route != fresh.route || !ui_.back_stack.empty() || ui_.large_text != fresh.large_text ||
        ui_.lang != fresh.lang)
        dirty_ = true;
    ui_ = std::move(fresh);
}

void App::tick() {
    const auto idle = clock_.steady_now() - last_input_;
    // Walking away forgets the person: their path, their text size, their language.
    if (idle >= options_.idle_return && ui_.pressed_id.empty()) go_home(true);
}

long long App::minute_of(std::chrono::system_clock::time_point t) const {
    return std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count();
}

bool App::minute_changed() const { return minute_of(clock_.now()) != frame_minute_; }

std::chrono::milliseconds App::time_until_next_change() const {
    using namespace std::chrono;
    if (needs_redraw()) return milliseconds(0);
    const auto now = clock_.now();
    const auto next_minute = ceil<minutes>(now + milliseconds(1));
    auto wait = duration_cast<milliseconds>(next_minute - now);
    const bool away_from_home = ui_.route.screen != ScreenId::home || !ui_.back_stack.empty() || ui_.large_text ||
                                ui_.lang != options_.lang;
    if (away_from_home) {
        const auto idle_left = duration_cast<milliseconds>(options_.idle_return - (clock_.steady_now() - last_input_));
        wait = std::min(wait, std::max(milliseconds(0), idle_left));
    }
    return wait;
}

const render::DrawList& App::frame(const render::TextMeasurer& measurer) {
    if (!needs_redraw()) return frame_;
    const auto now = clock_.now();
    const ScreenContext ctx{.content = content_.get(), .ui = ui_, .width = width_, .height = height_,
                            .measurer = measurer, .now = now, .utc_offset_minutes = options_.utc_offset_minutes};
    frame_ = build_screen(ctx);
    frame_minute_ = minute_of(now);
    dirty_ = false;
    ++frames_built_;
    return frame_;
}

}  // namespace redgrid::kiosk

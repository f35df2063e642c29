// Simulated residents for the soak: gestures on what the current frame shows (taps on its
// elements, drags and flings on its lists, pans on the map, a second hand, a technician's
// mouse, a driver's garbage), as SDL events with due times on the simulated clock. They
// come in visits (a few touches a second or two apart) separated by quiet spells, so the
// idle return, the call cooldown and the calls' own timers all get their turn. One caller in
// three leaves the call alone until the member arrives, so calls are rated as well as cancelled.
// Behind the touch schedule (those waits, the warm-up tour), visits come back to back until
// it is met, so the run's touch count does not depend on how long the waits were.
#pragma once

#include <SDL.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "redgrid/kiosk/ui/ui_state.h"
#include "redgrid/render/draw_list.h"

namespace redgrid::soak {

class Residents {
public:
    using Ms = std::chrono::milliseconds;

    Residents(std::uint32_t seed, std::chrono::minutes total, long long touches, float width, float height)
        : rng_(seed), width_(width), height_(height), total_(total), target_touches_(touches) {
        next_gesture_ = Ms(2000);
    }

    long long touches() const { return touches_; }
    long long waits() const { return waits_; }
    Ms waited() const { return waited_; }

    // The caller's gestures are done and the call flow shows no call in progress (refused,
    // cancelled, or the member arrived): the next gesture comes after an ordinary gap.
    void stop_waiting(Ms now) {
        if (!waiting_ || !pending_.empty()) return;
        if (now >= next_gesture_) {
            waited_ += next_gesture_ - wait_start_;
        } else {
            waited_ += now - wait_start_;
            next_gesture_ = now + gap(now);
        }
        waiting_ = false;
    }
    long long gestures() const { return gestures_; }
    Ms next_at() const { return pending_.empty() ? next_gesture_ : pending_.front().at; }

    // The next event due at `now`, planning a gesture on `frame` when one is due.
    std::optional<SDL_Event> due(Ms now, const render::DrawList& frame, const kiosk::UiState&) {
        if (pending_.empty() && now >= next_gesture_) {
            plan(now, frame);
            ++gestures_;
            const Ms end = pending_.empty() ? now : pending_.back().at;
            // Someone who just called waits for the member (answered after 20 s, ETA 3 min),
            // at most 4-8 minutes; stop_waiting ends the wait when there is no call to wait for.
            if (waiting_) waited_ += now - wait_start_;  // a wait that ran its full length
            waiting_ = waiting_for_member_;
            if (waiting_) ++waits_, wait_start_ = end;
            next_gesture_ = end + (waiting_for_member_ ? Ms(240'000 + pick(240'000)) : gap(end));
            waiting_for_member_ = false;
        }
        if (pending_.empty() || pending_.front().at > now) return std::nullopt;
        SDL_Event e = pending_.front().event;
        pending_.pop_front();
        return e;
    }

private:
    struct Pending {
        Ms at;
        SDL_Event event;
    };

    Ms gap(Ms now) {
        // 85 % of gaps are within a visit (0.3..2.5 s, mean 1.4 s); the rest are quiet spells,
        // as long as it takes to spread the touches still to come over the time left.
        const double left_s = std::chrono::duration<double>(total_ - now).count();
        const double mean_gap_s = left_s / double(std::max(1LL, target_touches_ - touches_)) - 0.25;
        const double long_gap_mean_s = std::max(2.0, (mean_gap_s - 0.85 * 1.4) / 0.15);
        std::uniform_real_distribution<double> u(0, 1);
        // Behind the schedule (waits for members and the warm-up tour take their time): a
        // busy spell, one resident after another, until the touches are back on schedule.
        // Aimed 1 % over the count: paced exactly, the week ended 6 touches short of it.
        const double due_by_now = 1.01 * double(target_touches_) * std::chrono::duration<double>(now).count() /
                                  std::chrono::duration<double>(total_).count();
        if (double(touches_) < due_by_now) return Ms(static_cast<long long>(1000 * (0.3 + 0.9 * u(rng_))));
        if (u(rng_) < 0.85) return Ms(static_cast<long long>(1000 * (0.3 + 2.2 * u(rng_))));
        std::exponential_distribution<double> quiet(1.0 / long_gap_mean_s);
        return Ms(static_cast<long long>(1000 * std::min(quiet(rng_), 6 * 3600.0)));
    }
    float uniform(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng_); }
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

    void finger(Ms at, Uint32 type, SDL_FingerID id, render::Point p) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = id;
        e.tfinger.x = p.x / width_;
        e.tfinger.y = p.y / height_;
        e.tfinger.pressure = 1;
        if (type == SDL_FINGERDOWN) ++touches_;
        pending_.push_back({at, e});
    }
    void mouse(Ms at, Uint32 type, render::Point p) {
        SDL_Event e{};
        e.type = type;
        if (type == SDL_MOUSEMOTION) {
            e.motion.which = 0;
            e.motion.state = SDL_BUTTON_LMASK;
            e.motion.x = static_cast<Sint32>(p.x);
            e.motion.y = static_cast<Sint32>(p.y);
        } else {
            e.button.which = 0;
            e.button.button = SDL_BUTTON_LEFT;
            e.button.x = static_cast<Sint32>(p.x);
            e.button.y = static_cast<Sint32>(p.y);
            if (type == SDL_MOUSEBUTTONDOWN) ++touches_;
        }
        pending_.push_back({at, e});
    }

    // A point inside a target, away from its edges; or anywhere.
    render::Point inside(const render::Rect& r) {
        return {r.x + r.w * uniform(0.2f, 0.8f), r.y + r.h * uniform(0.2f, 0.8f)};
    }
    render::Point anywhere() { return {uniform(0, width_), uniform(0, height_)}; }

    const render::HitTarget* choose(const render::DrawList& frame, std::string_view prefix, bool weighted) {
        std::vector<std::pair<const render::HitTarget*, int>> choices;
        int total = 0;
        for (const auto& t : frame.targets) {
            const bool special = t.id.starts_with("scroll:") || t.id.starts_with("map:pan");
            if (prefix.empty() ? special : !t.id.starts_with(prefix)) continue;
            // The call and rating buttons are few among many: weigh them up so a week
            // makes calls, cancels and ratings by the hundred.
            // Cancel keeps weight 1: most calls are left to run, so members arrive to be rated.
            const bool wanted = t.id == "call" || t.id == "call:confirm" || t.id.starts_with("rating:");
            const int w = weighted && wanted ? 6 : 1;
            choices.emplace_back(&t, w);
            total += w;
        }
        if (choices.empty()) return nullptr;
        int r = pick(total);
        for (const auto& [t, w] : choices)
            if ((r -= w) < 0) return t;
        return choices.back().first;
    }

    void tap(Ms at, render::Point p, SDL_FingerID id = 1) {
        finger(at, SDL_FINGERDOWN, id, p);
        finger(at + Ms(50 + pick(130)), SDL_FINGERUP, id, p);
    }
    void drag(Ms at, render::Point from, float dx, float dy, int steps, Ms over) {
        finger(at, SDL_FINGERDOWN, 1, from);
        for (int i = 1; i <= steps; ++i)
            finger(at + over * i / steps, SDL_FINGERMOTION, 1, {from.x + dx * float(i) / float(steps), from.y + dy * float(i) / float(steps)});
        finger(at + over + Ms(8), SDL_FINGERUP, 1, {from.x + dx, from.y + dy});
    }

    void plan(Ms now, const render::DrawList& frame) {
        const int roll = pick(100);
        const Ms at = now;
        if (roll < 55) {
            const auto* t = choose(frame, "", true);
            tap(at, t ? inside(t->rect) : anywhere());
            waiting_for_member_ = t && t->id == "call:confirm" && pick(3) == 0;
        } else if (roll < 63) {
            tap(at, anywhere());
        } else if (roll < 75) {
            const auto* list = choose(frame, "scroll:", false);
            drag(at, list ? inside(list->rect) : anywhere(), uniform(-8, 8), uniform(-400, 400), 6, Ms(300));
        } else if (roll < 83) {
            const auto* list = choose(frame, "scroll:", false);
            drag(at, list ? inside(list->rect) : anywhere(), 0, pick(2) ? uniform(300, 600) : uniform(-600, -300), 4, Ms(64));
        } else if (roll < 88) {
            const auto* map = choose(frame, "map:pan", false);
            drag(at, map ? inside(map->rect) : anywhere(), uniform(-500, 500), uniform(-300, 300), 8, Ms(400));
        } else if (roll < 92) {
            // Two hands: the second finger must change nothing.
            const auto* t = choose(frame, "", true);
            const render::Point a = t ? inside(t->rect) : anywhere();
            finger(at, SDL_FINGERDOWN, 1, a);
            finger(at + Ms(20), SDL_FINGERDOWN, 2, anywhere());
            finger(at + Ms(60), SDL_FINGERMOTION, 2, anywhere());
            finger(at + Ms(90), SDL_FINGERUP, 2, anywhere());
            finger(at + Ms(140), SDL_FINGERUP, 1, a);
        } else if (roll < 96) {
            const auto* t = choose(frame, "", false);
            const render::Point p = t ? inside(t->rect) : anywhere();
            mouse(at, SDL_MOUSEBUTTONDOWN, p);
            mouse(at + Ms(40), SDL_MOUSEMOTION, p);
            mouse(at + Ms(90), SDL_MOUSEBUTTONUP, p);
        } else {
            // What a confused driver may report: off the glass, NaN, inf, huge.
            const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
            const float bad[] = {-0.5f, 1.7f, nan, inf, -inf, 3e38f, -3e38f};
            auto bad_point = [&] {
                return render::Point{bad[pick(7)] * width_, pick(2) ? bad[pick(7)] * height_ : uniform(0, height_)};
            };
            finger(at, SDL_FINGERDOWN, 3, bad_point());
            finger(at + Ms(30), SDL_FINGERMOTION, 3, bad_point());
            finger(at + Ms(60), SDL_FINGERUP, 3, bad_point());
        }
    }

    std::mt19937 rng_;
    float width_, height_;
    std::chrono::minutes total_;
    long long target_touches_;
    Ms next_gesture_{0};
    std::deque<Pending> pending_;
    long long touches_ = 0, gestures_ = 0;
    bool waiting_for_member_ = false;
    bool waiting_ = false;  // the gap after the current gesture is a wait for the member
    Ms wait_start_{0}, waited_{0};
    long long waits_ = 0;
};

}  // namespace redgrid::soak

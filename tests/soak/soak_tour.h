// The soak's warm-up: before the residents arrive, every screen is drawn in every language
// and text-size combination, its lists scrolled and its elements tapped, and calls run
// through every outcome, as a kiosk's first days of use would eventually do.
// Why: what the kiosk keeps bounded still fills up on first use: the fonts (one SDL_ttf font
// per face and pixel size, ~2.5 MB of tables each for the CJK face, at most 16 sizes per
// face), the painter's texture caches, the renderer's buffers. Random residents reach the
// rarer screens (a failed call in large English text) only after many simulated hours, so
// RSS climbed to hour ~14 and looked like growth after the first hour. With the tour in the
// first hour, growth measured from its end is what the kiosk does not bound.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/ui/call_flow.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/ui_state.h"

namespace redgrid::soak {

// Every route the kiosk can show for this content, parameterised ones with the first
// member, grid, notice and activity.
inline std::vector<kiosk::Route> every_route(const content::Content& indexed) {
    const content::Bundle& content = indexed.bundle();
    std::vector<kiosk::Route> routes;
    for (std::string_view name : kiosk::route_names()) {
        std::string n(name);
        if (const auto colon = n.find(':'); colon != std::string::npos) {
            const std::string kind = n.substr(0, colon);
            std::string id;
            if (kind == "member" && !content.members.empty())
                id = content.members.front().id;
            else if (kind == "grid" && !content.grids.empty())
                id = content.grids.front().id;
            else if (kind == "notice" && !content.notices.empty())
                id = content.notices.front().id;
            else if (kind == "activity" && !content.activities.empty())
                id = content.activities.front().id;
            if (id.empty()) continue;
            n = kind + ":" + id;
        }
        if (auto route = kiosk::parse_route(n, nullptr)) routes.push_back(*route);
    }
    return routes;
}

// In zh and en, normal and large text: calls answered and rated, cancelled, and failed
// with the hub down (then the cooldown); then every route, its lists scrolled to the end and
// flung back (the map dragged), and each of its elements tapped once (the map's zoom up to
// its closest step, the attract loop through its pages), coming back to the route after
// each; never the call's confirm button outside the calls, nothing on the maintenance
// screen. Leaves the app at home in zh, normal text. `draw` builds and paints the app's
// current frame; `advance` moves the clock (past the double-tap guard between taps);
// `hub_down` and `hub_up` stop and start the hub process. Returns the frames drawn.
inline int warm_up_tour(kiosk::App& app, const render::TextMeasurer& measurer, const std::function<void()>& draw,
                        const std::function<void(std::chrono::milliseconds)>& advance,
                        const std::function<void()>& hub_down, const std::function<void()>& hub_up) {
    using namespace std::chrono_literals;
    if (!app.content()) return 0;
    const auto routes = every_route(*app.content());
    int drawn = 0;
    auto show = [&] {
        app.tick();
        app.settle_animations();
        draw();
        ++drawn;
    };
    auto set_mode = [&](kiosk::Lang lang, bool large) {
        for (int attempt = 0; attempt < 3 && (app.state().lang != lang || app.state().large_text != large); ++attempt) {
            app.navigate({kiosk::ScreenId::home, {}});
            show();
            advance(500ms);
            if (app.state().lang != lang) app.tap("lang");
            show();
            advance(500ms);
            if (app.state().large_text != large) app.tap("large_text");
            show();
        }
    };
    auto open = [&](kiosk::Lang lang, bool large, const kiosk::Route& route) {
        set_mode(lang, large);
        app.navigate(route);
        show();
    };
    // The call screens show only while a call runs: one call answered and rated, one
    // cancelled after the member set off, one made while the hub is down (it fails; the
    // next try meets the cooldown). The hub answers on the shared clock in its own process,
    // so each step also gives it a moment of real time.
    auto tap = [&](std::string_view id) {
        advance(500ms);
        const bool done = app.tap(id);
        show();
        return done;
    };
    auto wait_until = [&](auto reached, std::chrono::seconds limit) {
        for (auto waited = 0s; waited < limit && !reached(); waited += 1s) {
            advance(1s);
            std::this_thread::sleep_for(2ms);
            show();
        }
    };
    auto step = [&] { return app.call_flow().step(); };
    auto start_call = [&] {
        advance(61s);  // past the cooldown since the last call
        show();
        return tap("call") && tap("call:confirm");
    };
    auto calls = [&](kiosk::Lang lang, bool large) {
        set_mode(lang, large);
        if (start_call()) {
            wait_until([&] { return app.state().route.screen == kiosk::ScreenId::rating; }, 600s);
            tap("rating:star:4");
            tap("rating:tag:timely");
            tap("rating:submit");
            tap("call:done");
        }
        set_mode(lang, large);
        if (start_call()) {
            wait_until([&] { return step() == kiosk::CallStep::coming; }, 120s);
            tap("call:cancel");
            tap("call:done");
        }
        set_mode(lang, large);
        hub_down();
        if (start_call()) {
            wait_until([&] { return step() == kiosk::CallStep::failed; }, 600s);
            tap("call:done");
            tap("call");  // the cooldown
            tap("call:cancel");
        }
        hub_up();
    };
    // Every member's, grid's, notice's and activity's own page: SDL_ttf keeps up to 256
    // rendered glyphs per open font, so the variety of names and titles fills those caches
    // (megabytes) as residents browse; the first of each alone left them to fill later.
    auto every_page = [&] {
        const content::Bundle& b = app.content()->bundle();
        auto visit = [&](kiosk::ScreenId screen, const std::string& id) {
            app.navigate({screen, id});
            show();
        };
        for (const auto& x : b.members) visit(kiosk::ScreenId::member, x.id);
        for (const auto& x : b.grids) visit(kiosk::ScreenId::grid, x.id);
        for (const auto& x : b.notices) visit(kiosk::ScreenId::notice, x.id);
        for (const auto& x : b.activities) visit(kiosk::ScreenId::activity, x.id);
    };
    for (const auto lang : {kiosk::Lang::zh, kiosk::Lang::en}) {
        for (const bool large : {false, true}) {
            calls(lang, large);
            set_mode(lang, large);
            every_page();
            for (const auto& route : routes) {
                open(lang, large, route);
                if (route.screen == kiosk::ScreenId::maintenance) continue;
                if (route.screen == kiosk::ScreenId::attract) {
                    for (int page = 0; page < 12; ++page) advance(8s), show();
                    continue;
                }
                // Two elements of each kind ("grid:g-01-8" is of kind "grid"): the map has a
                // hundred grids drawn alike, and each would cost a round trip.
                std::vector<std::string> ids;
                std::vector<render::Rect> scrollers;
                std::map<std::string, int> of_kind;
                for (const auto& t : app.frame(measurer).targets) {
                    if (++of_kind[t.id.substr(0, t.id.find(':'))] <= 2) ids.push_back(t.id);
                    if (t.id.starts_with("scroll:") || t.id.starts_with("map:pan")) scrollers.push_back(t.rect);
                }
                // Each list scrolled to its end and flung back, the map dragged: what a list
                // shows further down (more photos, more text) is drawn too.
                for (const auto& r : scrollers) {
                    for (const float dy : {-0.8f, -0.8f, -0.8f, -0.8f, -0.8f, -0.8f, -0.8f, -0.8f, 2.5f}) {
                        const render::Point from{r.x + r.w / 2, r.y + r.h / 2};
                        app.press(from);
                        for (int i = 1; i <= 6; ++i) {
                            advance(16ms);
                            app.move({from.x + r.w * 0.1f * float(i) / 6, from.y + r.h * dy * float(i) / 6});
                            show();
                        }
                        app.release({from.x + r.w * 0.1f, from.y + r.h * dy});
                        for (int i = 0; i < 120 && app.flinging(); ++i) advance(16ms), show();
                    }
                }
                for (const auto& id : ids) {
                    if (id == "call:confirm" || id.starts_with("scroll:") || id.starts_with("map:pan")) continue;
                    const int repeats = id.ends_with("zoom_in") ? kiosk::kMaxMapZoom : 1;
                    for (int i = 0; i < repeats; ++i) {
                        advance(500ms);
                        if (!app.tap(id)) break;
                        show();
                    }
                    open(lang, large, route);
                }
            }
        }
    }
    set_mode(kiosk::Lang::zh, false);
    app.navigate({kiosk::ScreenId::home, {}});
    show();
    return drawn;
}

}  // namespace redgrid::soak

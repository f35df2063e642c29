// Replay scripts: timed touches, drags and waits on the injected clock, with screenshot and
// expect steps, so a whole resident flow runs headless and is checked. Format (one step a
// line, '#' starts a comment):
//
//   size 1920x1080                      screen size (before the first other step)
//   now 2026-11-25T09:30:00+08:00       the fake clock's start (before the first other step)
//   pin 2468                            the maintenance PIN, as maintenance.pin in the config
//                                       (before the first other step); the maintenance
//                                       screen then shows a fixed sample status
//   screen notices                      jump to a screen (as --screen)
//   tap @tile:notices                   tap an element by its id
//   tap 960 540                         tap a point
//   press 100 200 / move 150 200 / release 150 200
//   drag 100 800 100 300 400ms          press, move there over the duration, release
//   pinch 960 540 200 500 300ms         two fingers level either side of (960, 540), 200 px
//                                       apart, spread to 500 px over the duration (a smaller
//                                       TO pinches in), then lifted; as SDL finger events
//                                       through TouchInput, the second finger landing a frame
//                                       after the first, as real fingers do
//   wait 2s | wait 250ms                let time pass (timers and animations run)
//   expect screen notices               the route now shown (as --screen names it)
//   await screen coming 30s             real time passes until that screen shows (at most
//                                       30 s): for runs against a real server
//   expect target @call                 an element with this id is on screen
//   expect no-target @call
//   screenshot NAME                     write NAME.png (letters, digits, - and _)
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "redgrid/kiosk/app/runner.h"
#include "redgrid/kiosk/ui/ui_state.h"
#include "redgrid/render/draw_list.h"

namespace redgrid::kiosk {

namespace replay {
struct TapId { std::string id; };
struct Press { render::Point at; };
struct Move { render::Point at; };
struct Release { render::Point at; };
struct Drag { render::Point from, to; std::chrono::milliseconds duration; };
struct Pinch { render::Point center; float from, to; std::chrono::milliseconds duration; };
struct Wait { std::chrono::milliseconds duration; };
struct GoTo { Route route; };
struct ExpectScreen { Route route; };
struct AwaitScreen { Route route; std::chrono::milliseconds timeout; };
struct ExpectTarget { std::string id; bool present = true; };
struct Screenshot { std::string name; };
using Action = std::variant<TapId, Press, Move, Release, Drag, Pinch, Wait, GoTo, ExpectScreen, AwaitScreen,
                            ExpectTarget, Screenshot>;
}  // namespace replay

struct ReplayStep {
    int line = 0;
    replay::Action action;
};

struct ReplayScript {
    int width = 1920, height = 1080;
    std::optional<std::chrono::system_clock::time_point> start;
    std::string maintenance_pin;  // "" = the config's
    std::vector<ReplayStep> steps;
};

// Every problem with its line: "tests/e2e/call.replay:7: unknown step \"tapp\"".
std::expected<ReplayScript, std::vector<std::string>> parse_replay(std::string_view text, const std::string& file_name);

struct ReplayResult {
    std::vector<std::filesystem::path> screenshots;
    int steps_run = 0;
};

// Runs the script headless against content; screenshots go to out_dir. Fails at the first
// step that cannot run (an id not on screen, an expectation not met), naming its line.
std::expected<ReplayResult, std::string> run_replay(const ReplayScript& script, const std::string& file_name,
                                                    const RunnerOptions& options, std::shared_ptr<const Content> content,
                                                    const std::filesystem::path& out_dir);

}  // namespace redgrid::kiosk

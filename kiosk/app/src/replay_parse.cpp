#include <charconv>
#include <sstream>

#include "redgrid/kiosk/app/replay.h"
#include "redgrid/content/time_format.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMaxScriptBytes = 1 << 20;
constexpr std::size_t kMaxSteps = 100000;
constexpr auto kMaxWait = std::chrono::hours(24 * 8);  // a simulated week and a day

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

std::optional<float> coordinate(std::string_view s) {
    int v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || v < 0 || v > 7680) return std::nullopt;
    return static_cast<float>(v);
}

std::optional<std::chrono::milliseconds> duration(std::string_view s) {
    long long v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || v < 0) return std::nullopt;
    // No unit is shorter than 1 ms: bounding v first keeps "222222222222222222s" from
    // overflowing in the conversion below (found by fuzz_replay).
    if (v > std::chrono::duration_cast<std::chrono::milliseconds>(kMaxWait).count()) return std::nullopt;
    const std::string_view unit(r.ptr, static_cast<std::size_t>(s.data() + s.size() - r.ptr));
    std::chrono::milliseconds d;
    if (unit == "ms") d = std::chrono::milliseconds(v);
    else if (unit == "s") d = std::chrono::seconds(v);
    else if (unit == "min") d = std::chrono::minutes(v);
    else if (unit == "h") d = std::chrono::hours(v);
    else return std::nullopt;
    if (d > kMaxWait || d.count() < 0) return std::nullopt;
    return d;
}

bool valid_name(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    return true;
}

}  // namespace

std::expected<ReplayScript, std::vector<std::string>> parse_replay(std::string_view text, const std::string& file_name) {
    std::vector<std::string> errors;
    ReplayScript script;
    if (text.size() > kMaxScriptBytes) return std::unexpected(std::vector{file_name + ": script larger than 1 MiB"});
    int line_no = 0;
    bool seen_step = false;
    std::size_t pos = 0;
    while (pos <= text.size() && errors.size() < 100) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        const auto w = words(line);
        if (w.empty()) {
            if (end == text.size()) break;
            continue;
        }
        auto fail = [&](const std::string& msg) {
            errors.push_back(file_name + ":" + std::to_string(line_no) + ": " + msg);
        };
        auto point = [&](std::size_t at) -> std::optional<render::Point> {
            if (w.size() <= at + 1) return std::nullopt;
            auto x = coordinate(w[at]), y = coordinate(w[at + 1]);
            if (!x || !y) return std::nullopt;
            return render::Point{*x, *y};
        };
        const std::string_view verb = w[0];
        auto arity = [&](std::size_t n) {
            if (w.size() == n) return true;
            fail("\"" + std::string(verb) + "\" takes " + std::to_string(n - 1) + " argument(s), got " + std::to_string(w.size() - 1));
            return false;
        };
        if (verb == "pin") {
            if (!arity(2)) continue;
            if (seen_step) {
                fail("\"pin\" must come before the first step");
                continue;
            }
            const bool digits = w[1].size() >= 4 && w[1].size() <= 12 &&
                                w[1].find_first_not_of("0123456789") == std::string_view::npos;
            if (!digits) fail("expected a maintenance PIN of 4..12 digits");
            else script.maintenance_pin = std::string(w[1]);
            continue;
        }
        if (verb == "size" || verb == "now") {
            if (!arity(2)) continue;
            if (seen_step) {
                fail("\"" + std::string(verb) + "\" must come before the first step");
                continue;
            }
            if (verb == "now") {
                auto t = parse_rfc3339(w[1]);
                // The fake clock counts system_clock nanoseconds: years before 1678 or after
                // 2262 overflow it (found by tests/fuzz fuzz_replay).
                using namespace std::chrono;
                const bool in_range = t && *t >= sys_days{year{1970} / 1 / 1} && *t < sys_days{year{2200} / 1 / 1};
                if (!in_range) fail("expected an RFC 3339 time in 1970..2199, got \"" + std::string(w[1]) + "\"");
                else script.start = *t;
            } else {
                const auto x = w[1].find('x');
                auto ww = x == std::string_view::npos ? std::nullopt : coordinate(w[1].substr(0, x));
                auto hh = x == std::string_view::npos ? std::nullopt : coordinate(w[1].substr(x + 1));
                if (!ww || !hh || *ww < 320 || *hh < 240) fail("expected WxH like 1920x1080, got \"" + std::string(w[1]) + "\"");
                else script.width = static_cast<int>(*ww), script.height = static_cast<int>(*hh);
            }
            continue;
        }
        seen_step = true;
        if (script.steps.size() >= kMaxSteps) {
            fail("more than 100000 steps");
            break;
        }
        ReplayStep step{line_no, replay::Wait{}};
        if (verb == "tap") {
            if (w.size() == 2 && w[1].starts_with('@') && w[1].size() > 1) step.action = replay::TapId{std::string(w[1].substr(1))};
            else if (auto p = point(1); p && w.size() == 3) step.action = replay::Drag{*p, *p, 0ms};
            else { fail("expected \"tap @ID\" or \"tap X Y\""); continue; }
        } else if (verb == "press" || verb == "move" || verb == "release") {
            auto p = point(1);
            if (!p || w.size() != 3) { fail("expected \"" + std::string(verb) + " X Y\" with 0..7680 pixels"); continue; }
            if (verb == "press") step.action = replay::Press{*p};
            else if (verb == "move") step.action = replay::Move{*p};
            else step.action = replay::Release{*p};
        } else if (verb == "drag") {
            auto a = point(1), b = point(3);
            auto d = w.size() == 6 ? duration(w[5]) : std::nullopt;
            if (!a || !b || !d) { fail("expected \"drag X1 Y1 X2 Y2 DURATION\" (e.g. 300ms)"); continue; }
            step.action = replay::Drag{*a, *b, *d};
        } else if (verb == "pinch") {
            auto c = point(1);
            auto from = w.size() == 6 ? coordinate(w[3]) : std::nullopt;
            auto to = w.size() == 6 ? coordinate(w[4]) : std::nullopt;
            auto d = w.size() == 6 ? duration(w[5]) : std::nullopt;
            if (!c || !from || !to || !d || *from < 1 || *to < 1) {
                fail("expected \"pinch CX CY FROM TO DURATION\": the fingers' middle, their distance before and after "
                     "(1..7680 px) and the time (e.g. 300ms)");
                continue;
            }
            step.action = replay::Pinch{*c, *from, *to, *d};
        } else if (verb == "wait") {
            if (!arity(2)) continue;
            auto d = duration(w[1]);
            if (!d) { fail("expected a duration like 250ms, 5s, 10min, 2h (at most 8 days), got \"" + std::string(w[1]) + "\""); continue; }
            step.action = replay::Wait{*d};
        } else if (verb == "screen") {
            if (!arity(2)) continue;
            std::string error;
            auto r = parse_route(w[1], &error);
            if (!r) { fail(error); continue; }
            step.action = replay::GoTo{*r};
        } else if (verb == "expect") {
            if (w.size() == 3 && w[1] == "screen") {
                std::string error;
                auto r = parse_route(w[2], &error);
                if (!r) { fail(error); continue; }
                step.action = replay::ExpectScreen{*r};
            } else if (w.size() == 3 && (w[1] == "target" || w[1] == "no-target") && w[2].starts_with('@') && w[2].size() > 1) {
                step.action = replay::ExpectTarget{std::string(w[2].substr(1)), w[1] == "target"};
            } else {
                fail("expected \"expect screen NAME\", \"expect target @ID\" or \"expect no-target @ID\"");
                continue;
            }
        } else if (verb == "await") {
            auto d = w.size() == 4 ? duration(w[3]) : std::nullopt;
            std::string error;
            auto r = w.size() == 4 && w[1] == "screen" ? parse_route(w[2], &error) : std::nullopt;
            if (!r || !d) { fail("expected \"await screen NAME TIMEOUT\" (e.g. 30s)" + (error.empty() ? "" : ": " + error)); continue; }
            step.action = replay::AwaitScreen{*r, *d};
        } else if (verb == "screenshot") {
            if (!arity(2)) continue;
            if (!valid_name(w[1])) { fail("screenshot names use letters, digits, - and _ (at most 64)"); continue; }
            step.action = replay::Screenshot{std::string(w[1])};
        } else {
            fail("unknown step \"" + std::string(verb) + "\" (size, now, pin, screen, tap, press, move, release, drag, pinch, wait, expect, await, screenshot)");
            continue;
        }
        script.steps.push_back(std::move(step));
        if (end == text.size()) break;
    }
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return script;
}

}  // namespace redgrid::kiosk

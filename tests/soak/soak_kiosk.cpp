// The kiosk side of the soak: the kiosk's own wiring (OnlineServices, App, TouchInput,
// Painter on an offscreen software renderer) driven by simulated residents on the shared
// clock, with the hub in a child process going up and down.
#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "redgrid/kiosk/app/online_services.h"
#include "redgrid/config/log.h"
#include "redgrid/hub/cli/hub_cli.h"
#include "redgrid/hub/store/hub_records.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/touch_input.h"
#include "redgrid/render/decoding_media_store.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "redgrid/render/sdl_handles.h"
#include "soak.h"
#include "soak_clock.h"
#include "soak_residents.h"
#include "soak_tour.h"

extern char** environ;

namespace redgrid::soak {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Ms = std::chrono::milliseconds;

long long rss_kb() {
    std::ifstream statm("/proc/self/statm");
    long long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// RSS of live memory: freed blocks go back to the system first, so the figure measures
// what the kiosk holds, not what malloc keeps for later.
long long trimmed_rss_kb() {
    malloc_trim(0);
    return rss_kb();
}

// What the hourly line reports besides RSS: where the memory is (anonymous vs file-backed
// pages, malloc's in-use and free bytes) and how full each bounded cache is, so growth after
// the first hour can be attributed rather than guessed at.
struct MemoryBreakdown {
    long long anon_kb = 0, file_kb = 0;
    std::size_t heap_used = 0, heap_free = 0, heap_mmapped = 0;
};

MemoryBreakdown memory_breakdown() {
    MemoryBreakdown m;
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("RssAnon:")) m.anon_kb = std::atoll(line.c_str() + 8);
        else if (line.starts_with("RssFile:")) m.file_kb = std::atoll(line.c_str() + 8);
    }
    const struct mallinfo2 info = mallinfo2();
    m.heap_used = info.uordblks + info.hblkhd;
    m.heap_free = info.fordblks;
    m.heap_mmapped = info.hblkhd;
    return m;
}

// Per malloc arena (the main one is the UI thread's; worker threads get their own): bytes
// the arena holds from the system minus its free chunks, from malloc_info's XML.
std::string arenas_in_use() {
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* out = open_memstream(&buffer, &size);
    if (out == nullptr) return {};
    malloc_info(0, out);
    std::fclose(out);
    std::string xml(buffer, size);
    std::free(buffer);
    std::string result;
    for (std::size_t at = 0; (at = xml.find("<heap nr=\"", at)) != std::string::npos;) {
        const std::size_t end = xml.find("</heap>", at);
        const std::string heap = xml.substr(at, end - at);
        auto number_after = [&](const std::string& tag) -> long long {
            const auto p = heap.find(tag);
            if (p == std::string::npos) return 0;
            const auto q = heap.find("size=\"", p);
            return std::atoll(heap.c_str() + q + 6);
        };
        const long long current = number_after("<system type=\"current\"");
        const long long free_bytes = number_after("<total type=\"fast\"") + number_after("<total type=\"rest\"");
        result += " " + std::to_string((current - free_bytes) / 1024);
        at = end;
    }
    return result;
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// The hub process: started with the same executable, ended with SIGTERM (a clean stop;
// the outage is what the kiosk sees, connections refused).
class HubProcess {
public:
    HubProcess(fs::path self, fs::path work, int port) : self_(std::move(self)), work_(std::move(work)), port_(port) {}
    ~HubProcess() { stop(); }
    bool up() const { return pid_ > 0; }
    // Real time, bounded: the child process needs a moment to bind.
    bool wait_listening(std::chrono::seconds limit) const {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            address.sin_port = htons(static_cast<std::uint16_t>(port_));
            const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
            ::close(fd);
            if (ok) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
    void start() {
        if (pid_ > 0) return;
        const std::string exe = self_.string(), dir = work_.string(), port = std::to_string(port_);
        std::vector<char*> argv = {const_cast<char*>(exe.c_str()), const_cast<char*>("--hub-child"),
                                   const_cast<char*>(dir.c_str()), const_cast<char*>(port.c_str()), nullptr};
        if (posix_spawn(&pid_, exe.c_str(), nullptr, nullptr, argv.data(), environ) != 0) pid_ = 0;
    }
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        // A clean stop takes milliseconds; a hub that hangs in it is killed, not waited for.
        for (int i = 0; i < 500 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(10ms);
        if (::waitpid(pid_, &status, WNOHANG) == 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
        }
        pid_ = 0;
    }

private:
    fs::path self_, work_;
    int port_;
    pid_t pid_ = 0;
};

// Counts what the call flow records, passing everything on to the kiosk's queue sink.
class CountingSink final : public protocol::InteractionSink {
public:
    explicit CountingSink(protocol::InteractionSink& next) : next_(next) {}
    protocol::RecordResult record(const protocol::Interaction& interaction) override {
        auto result = next_.record(interaction);
        if (result.stored()) {
            ++counts[std::string(protocol::to_string(interaction.kind))];
            if (interaction.kind == protocol::InteractionKind::call)
                call_keys.push_back(nlohmann::json::parse(interaction.payload_json)["client_call_id"]);
        } else {
            ++not_kept;
        }
        return result;
    }
    std::map<std::string, long long> counts;
    std::vector<std::string> call_keys;
    long long not_kept = 0;

private:
    protocol::InteractionSink& next_;
};

struct LogRecorder {
    std::mutex mutex;
    std::map<std::string, long long> by_level;
    std::vector<std::string> errors;
    void add(config::LogLevel level, std::string_view line) {
        static const char* names[] = {"debug", "info", "notice", "warning", "error"};
        std::lock_guard lock(mutex);
        ++by_level[names[std::clamp(static_cast<int>(level), 0, 4)]];
        if (level >= config::LogLevel::error) errors.emplace_back(line);
    }
};

// Hub outages: every six simulated hours, starting 70 minutes in, for 20..60 minutes.
std::vector<std::pair<Ms, Ms>> outages(std::chrono::minutes total, std::mt19937& rng) {
    std::vector<std::pair<Ms, Ms>> out;
    for (Ms at = 70min; at + 10min < total; at += 6h)
        out.emplace_back(at, at + Ms(std::chrono::minutes(20 + rng() % 41)));
    return out;
}

// Frame times as a histogram of 0.1 ms bins (the last holds everything from 2 s), made
// before the first hour: a list of every frame's time would itself grow the soak's RSS by
// megabytes over a week (some 300,000 frames).
class FrameTimes {
public:
    void add(double ms) {
        ++bins_[std::min(bins_.size() - 1, static_cast<std::size_t>(std::max(0.0, ms) * 10))];
        ++count_;
        max_ = std::max(max_, ms);
    }
    double percentile(double p) const {
        if (count_ == 0) return 0;
        const auto rank = static_cast<long long>(p * static_cast<double>(count_));
        long long seen = 0;
        for (std::size_t i = 0; i < bins_.size(); ++i)
            if ((seen += bins_[i]) > rank) return static_cast<double>(i) / 10;
        return max_;
    }
    double max() const { return max_; }

private:
    std::vector<long long> bins_ = std::vector<long long>(20'001, 0);
    long long count_ = 0;
    double max_ = 0;
};

}  // namespace

SoakReport run_soak(const SoakOptions& options) {
    SoakReport report;
    report.simulated = options.simulated;
    char pattern[] = "/tmp/redgrid-soak-XXXXXX";
    const fs::path work = ::mkdtemp(pattern);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } cleanup{work};
    auto fail = [&](std::string why) {
        report.failures.push_back(std::move(why));
        return report;
    };

    // The hub's data: the demo's token and bundle, as `redgrid-hub init-demo` makes them.
    const fs::path demo = options.build_dir / "share/redgrid/demo";
    std::ostringstream token_out, err;
    if (hub::run_hub_cli({"init-demo", "--from", demo.string(), "--data", (work / "hub").string()}, token_out, err) != 0)
        return fail("hub init-demo: " + err.str());
    fs::create_directories(work / "source");
    fs::create_directory_symlink(fs::absolute(demo / "media"), work / "source" / "media");
    fs::copy_file(demo / "bundle.json", work / "source" / "base.json");
    {
        std::string token = token_out.str();
        token.erase(token.find_last_not_of("\n") + 1);
        std::ofstream(work / "token") << token << "\n";
        fs::permissions(work / "token", fs::perms::owner_read | fs::perms::owner_write);
    }

    SharedClock clock(work / "clock");
    const int port = free_port();
    HubProcess hub(options.self, work, port);
    hub.start();
    if (!hub.wait_listening(30s)) return fail("the hub did not start listening on port " + std::to_string(port));

    LogRecorder logs;
    config::set_log_sink([&logs, &options](config::LogLevel level, std::string_view line) {
        logs.add(level, line);
        if (options.verbose && level >= config::LogLevel::warning) std::cerr << "kiosk: " << line << "\n";
    });
    struct SinkReset {
        ~SinkReset() { config::set_log_sink(nullptr); }
    } sink_reset;

    config::KioskConfig cfg;
    cfg.kiosk_id = "demo";
    cfg.server_url = "http://127.0.0.1:" + std::to_string(port);
    cfg.token_file = work / "token";
    cfg.data_dir = work / "kiosk/data";
    cfg.cache_dir = work / "kiosk/cache";
    OnlineTimings timings;
    timings.sync.recheck_every = 2ms;
    timings.sync.random_seed = options.seed;
    timings.upload.recheck_every = 2ms;
    timings.upload.random_seed = options.seed;
    timings.calls.recheck_every = 2ms;

    setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // SIGTERM (a ctest timeout) ends the soak
    auto sdl = render::SdlLibrary::init();
    if (!sdl) return fail(sdl.error());
    const std::size_t textures_before = render::live_texture_count();
    {
        kiosk::UiInbox inbox;
        // As main.cpp does: the cache (which tidies its directory when opened) before the
        // sync worker starts writing into it.
        const fs::path media_dir = net::ContentCache(net::content_cache_dir(cfg)).media_dir();
        auto online = std::make_unique<OnlineServices>(cfg, "soak", clock, inbox, nullptr, timings);
        auto services = online->app_services();
        if (!services.calls || !services.sink || !online->queue()) return fail("online services did not start");
        CountingSink sink(*services.sink);

        auto fonts = render::FontSet::load({});
        if (!fonts) return fail(fonts.error());
        auto target = render::RenderTarget::offscreen(options.width, options.height);
        if (!target) return fail(target.error());
        render::DirectoryMediaStore files(media_dir);
        render::DecodingMediaStore media(files, [&inbox] { inbox.post([](kiosk::App& app) { app.invalidate(); }); });
        // Smaller texture caches than the kiosk's 176 MB, so they are full and evicting within
        // the first simulated hour: after it, RSS growth means a leak, not a cache filling up.
        render::PainterOptions painter_options;
        painter_options.text_cache_bytes = painter_options.shape_cache_bytes = painter_options.image_cache_bytes = 4u << 20;
        painter_options.layout_cache_entries = 256;
        auto painter = std::make_unique<render::Painter>((*target)->renderer(), *fonts, media, painter_options);

        kiosk::AppOptions app_options;
        app_options.kiosk_id = "demo";
        kiosk::App app(clock, app_options, {.calls = services.calls, .sink = &sink});
        app.set_size(static_cast<float>(options.width), static_cast<float>(options.height));
        kiosk::TouchInput touch(static_cast<float>(options.width), static_cast<float>(options.height));
        Residents residents(options.seed, options.simulated, options.touches, static_cast<float>(options.width),
                            static_cast<float>(options.height));
        std::mt19937 rng(options.seed);
        const auto down = outages(options.simulated, rng);

        FrameTimes frame_ms;
        const content::Content* painted = nullptr;
        std::string last_screen;
        auto real_start = std::chrono::steady_clock::now();
        bool first_hour_measured = false;

        auto turn = [&] {
            inbox.drain(app);
            app.tick();
            if (app.content() != painted) {
                painter->forget_media();
                if (app.content()) ++report.content_versions_shown;
                painted = app.content();
            }
            if (app.needs_redraw()) {
                const auto t0 = std::chrono::steady_clock::now();
                painter->draw(app.frame(*fonts));
                (*target)->present();
                frame_ms.add(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                ++report.frames;
                report.max_live_textures = std::max(report.max_live_textures, render::live_texture_count());
                const auto stats = painter->stats();
                report.texture_cache_bytes_max =
                    std::max(report.texture_cache_bytes_max, stats.text.bytes + stats.shapes.bytes + stats.images.bytes);
            }
            const std::string screen = kiosk::route_name({app.state().route.screen, {}});
            if (screen != last_screen) ++report.screens_visited[screen], last_screen = screen;
        };
        // Keeps the simulated time within max_speed of real time so the workers keep up.
        auto pace = [&] {
            for (;;) {
                const double real = std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start).count();
                if (std::chrono::duration<double>(clock.elapsed()).count() <= options.max_speed * (real + 0.05)) return;
                std::this_thread::sleep_for(1ms);
            }
        };

        // Boot: the first bundle (and its 257 photos) arrives before the residents do, as a
        // kiosk shows its cached content at boot. Real time, bounded; the clock stands still.
        for (const auto boot = std::chrono::steady_clock::now(); !app.content();) {
            if (std::chrono::steady_clock::now() - boot > 180s) return fail("no content from the hub within 180 s");
            std::this_thread::sleep_for(5ms);
            turn();
        }
        // Every screen and its elements in every language and text size, so the first hour
        // ends warm (soak_tour.h says why); a few simulated minutes of the first hour.
        if (options.warm_up_tour)
            report.tour_screens = warm_up_tour(
                app, *fonts,
                [&] {
                    inbox.drain(app);
                    painter->draw(app.frame(*fonts));
                    (*target)->present();
                },
                [&](Ms by) { clock.advance(by); }, [&] { hub.stop(); },
                [&] {
                    hub.start();
                    if (!hub.wait_listening(30s)) report.failures.push_back("the hub did not come back after the tour");
                });
        real_start = std::chrono::steady_clock::now();

        const Ms end = options.simulated;
        std::size_t next_outage = 0;
        long long last_minute_sampled = -1, last_hour_reported = -1;
        while (clock.elapsed() < end) {
            const Ms now = clock.elapsed();
            // The hub's schedule.
            if (next_outage < down.size() && hub.up() && now >= down[next_outage].first) {
                hub.stop();
                ++report.hub_outages;
            } else if (next_outage < down.size() && !hub.up() && now >= down[next_outage].second) {
                hub.start();
                if (!hub.wait_listening(30s)) report.failures.push_back("the hub did not come back");
                ++next_outage;
            }
            // Residents act on the frame on screen, drawn first.
            turn();
            while (auto e = residents.due(now, app.frame(*fonts), app.state())) {
                touch.handle(*e, app);
                turn();
            }
            // A caller waits for the member only while there is a call to wait for: a
            // confirm the call flow refused, or a call that ended, sends them on their way.
            const auto screen = app.state().route.screen;
            if (screen != kiosk::ScreenId::calling && screen != kiosk::ScreenId::coming) residents.stop_waiting(now);
            if (!first_hour_measured && now >= 60min) {
                report.rss_after_first_hour_kb = trimmed_rss_kb();
                const auto stats = painter->stats();
                report.cache_bytes_after_first_hour = stats.text.bytes + stats.shapes.bytes + stats.images.bytes;
                first_hour_measured = true;
            }
            if (const long long minute = now / 1min; minute != last_minute_sampled) {
                last_minute_sampled = minute;
                report.rss_max_kb = std::max(report.rss_max_kb, rss_kb());
                if (options.verbose && minute / 60 != last_hour_reported) {
                    last_hour_reported = minute / 60;
                    const long long rss = trimmed_rss_kb();
                    const auto m = memory_breakdown();
                    const auto stats = painter->stats();
                    std::cerr << "soak: " << minute / 60 << " h simulated, " << residents.touches() << " touches, "
                              << report.frames << " frames, rss " << rss << " kB (anon " << m.anon_kb << ", file "
                              << m.file_kb << "; heap used " << m.heap_used / 1024 << " kB, free " << m.heap_free / 1024
                              << " kB, mmapped " << m.heap_mmapped / 1024 << " kB, sqlite " << sqlite3_memory_used() / 1024
                              << " kB), textures "
                              << render::live_texture_count() << " (text " << stats.text.entries << "/"
                              << stats.text.bytes / 1024 << " kB, shapes " << stats.shapes.entries << "/"
                              << stats.shapes.bytes / 1024 << " kB, images " << stats.images.entries << "/"
                              << stats.images.bytes / 1024 << " kB), fonts open " << fonts->open_font_count() << " ("
                              << fonts->font_rescales() << " rescales), photos uncollected " << media.uncollected()
                              << ", queue " << online->queue()->depth() << ", arenas kB" << arenas_in_use() << "\n";
                }
            }
            Ms step = app.flinging() ? 16ms : std::min<Ms>(250ms, std::max<Ms>(1ms, residents.next_at() - now));
            step = std::min(step, std::max<Ms>(1ms, end - now));
            pace();
            clock.advance(step);
        }
        report.touches = residents.touches();
        report.gestures = residents.gestures();
        report.waits = residents.waits();
        report.waited = std::chrono::duration_cast<std::chrono::minutes>(residents.waited());

        // The end: the hub is up; the queue must drain (every event once at the hub).
        hub.start();
        if (!hub.wait_listening(30s)) report.failures.push_back("the hub did not come back for the drain");
        online->uploader()->nudge();
        const auto drain_deadline = std::chrono::steady_clock::now() + 120s;
        while (online->queue()->depth() > 0 && std::chrono::steady_clock::now() < drain_deadline) {
            turn();
            pace();
            clock.advance(1s);
            std::this_thread::sleep_for(1ms);
        }
        report.queue_depth_end = online->queue()->depth();
        report.rss_end_kb = trimmed_rss_kb();
        {
            const auto stats = painter->stats();
            report.cache_bytes_end = stats.text.bytes + stats.shapes.bytes + stats.images.bytes;
        }
        report.calls = sink.counts["call"];
        report.cancels = sink.counts["call_cancel"];
        report.ratings = sink.counts["rating"];
        report.frame_ms_p50 = frame_ms.percentile(0.50);
        report.frame_ms_p99 = frame_ms.percentile(0.99);
        report.frame_ms_max = frame_ms.max();
        report.real_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start).count();
        // Every texture alive belongs to one of the painter's caches: none leaked mid-run.
        const auto stats = painter->stats();
        report.textures_end = render::live_texture_count() - textures_before;
        report.textures_in_caches = stats.text.entries + stats.shapes.entries + stats.images.entries;
        if (report.textures_end != report.textures_in_caches)
            report.failures.push_back(std::to_string(report.textures_end) + " live textures, " +
                                      std::to_string(report.textures_in_caches) + " in the painter's caches");
        for (const auto* cache : {&stats.text, &stats.shapes, &stats.images})
            if (cache->bytes > cache->byte_limit + 16u * 1024 * 1024)
                report.failures.push_back("a texture cache holds " + std::to_string(cache->bytes) + " bytes, limit " +
                                          std::to_string(cache->byte_limit));
        if (sink.not_kept > 0) report.failures.push_back(std::to_string(sink.not_kept) + " interaction(s) not kept");

        painter.reset();
        online.reset();
        report.live_textures_after_teardown = render::live_texture_count() - textures_before;

        // What reached the hub, read from its database once it stopped.
        hub.stop();
        auto records = hub::HubRecords::open(work / "hub" / "hub.sqlite");
        if (!records) return fail("cannot open the hub's records: " + records.error());
        const auto events = (*records)->events("demo");
        report.hub_events_total = static_cast<long long>(events.size());
        std::map<std::string, long long> at_hub;
        std::map<std::string, int> call_events;
        for (const auto& e : events) {
            ++at_hub[e.type];
            if (e.type == "call") ++call_events[nlohmann::json::parse(e.data_json)["client_call_id"]];
        }
        for (const auto& [kind, count] : sink.counts)
            if (at_hub[kind] != count)
                report.failures.push_back(kind + ": " + std::to_string(count) + " recorded, " +
                                          std::to_string(at_hub[kind]) + " at the hub");
        for (const auto& key : sink.call_keys)
            if (call_events[key] != 1)
                report.failures.push_back("call " + key + " reached the hub " + std::to_string(call_events[key]) +
                                          " times");
        const auto calls_at_hub = (*records)->calls(clock.now(), {}, "demo");
        for (const auto& call : calls_at_hub) ++report.hub_calls_by_status[call.status];
        if (options.verbose)
            for (const auto& call : calls_at_hub)
                for (const auto& step : (*records)->call_log(call.number))
                    std::cerr << "hub: " << call.id() << " " << step.status << " by " << step.actor << ": " << step.detail
                              << "\n";
        if (static_cast<long long>(calls_at_hub.size()) != report.calls)
            report.failures.push_back(std::to_string(report.calls) + " calls made, " +
                                      std::to_string(calls_at_hub.size()) + " calls at the hub");
    }

    {
        std::lock_guard lock(logs.mutex);
        report.log_lines_by_level = logs.by_level;
        for (std::string_view line : logs.errors) {
            if (line.starts_with("<") && line.size() > 3 && line[2] == '>') line.remove_prefix(3);  // the priority
            // The one expected error: a sync that could not reach the hub while it was down.
            if (line.starts_with("sync: ") && line.find("bundle error") == std::string::npos &&
                line.find("onnect") != std::string::npos)
                ++report.expected_error_lines;
            else
                report.failures.push_back("unexpected error line: " + std::string(line));
        }
    }
    if (report.queue_depth_end != 0)
        report.failures.push_back("queue not drained: " + std::to_string(report.queue_depth_end) + " event(s) left");
    if (report.live_textures_after_teardown != 0)
        report.failures.push_back(std::to_string(report.live_textures_after_teardown) + " texture(s) leaked");
    if (options.check_rss && report.rss_after_first_hour_kb > 0 &&
        report.rss_end_kb - report.rss_after_first_hour_kb > options.rss_limit_kb)
        report.failures.push_back("RSS grew by " + std::to_string(report.rss_end_kb - report.rss_after_first_hour_kb) +
                                  " kB after the first simulated hour (limit " + std::to_string(options.rss_limit_kb) + ")");
    return report;
}

}  // namespace redgrid::soak

#include "redgrid/hub/cli/hub_cli.h"

#include <malloc.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <optional>
#include <thread>

#include "hub_cli_common.h"
#include "hub_cli_kiosk.h"
#include "hub_cli_records.h"
#include "redgrid/config/display_schedule.h"
#include "redgrid/config/paths.h"
#include "redgrid/hub/http/hub_server.h"
#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/store/hub_store.h"
#include "redgrid/hub/store/schema.h"
#include "redgrid/protocol/heartbeat.h"

extern char** environ;

namespace redgrid::hub {
namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: redgrid-hub COMMAND [options]   (every command takes --data DIR, default $REDGRID_HUB_DATA,\n"
    "       and --database postgresql://... for a shared database, default $REDGRID_HUB_DATABASE or DIR/hub.sqlite)\n"
    "  serve [--listen HOST:PORT] [--tls-cert F --tls-key F]   serve the protocol (default 127.0.0.1:8750)\n"
    "  migrate                            bring the database's schema up to date, print its version\n"
    "  init-demo [--from DEMO_DIR]        publish the demo bundle for kiosk 'demo', print its token\n"
    "  publish SOURCE                     validate and publish SOURCE/*.json (media in SOURCE/media)\n"
    "  notice add --kiosk K --title T --body B [--urgent] [--days N]\n"
    "  export-static DIR                  write the published bundles and media for a plain web server\n"
    "  kiosks                             liveness, versions, queue depth of every kiosk\n"
    "  token new K                        make (or replace) kiosk K's token, print it\n"
    "  command K TYPE [SCHEDULE]          sync_now | reload | upload_screenshot | set_display_schedule\n"
    "  commands K                         every command queued for K: pending, delivered, done, failed\n"
    "  screenshots K [--command c-N] [--out FILE.png]   K's uploaded screenshots; --out copies the newest\n"
    "  preview K --screen NAME --out OUT.png   render K's published bundle with redgrid-kiosk\n"
    "  events [--kiosk K] [--type T] [--limit N]   events residents made, as uploaded\n"
    "  calls [--kiosk K]                  every call and its state\n"
    "  call dispatch ID --member M [--eta MINUTES]   play the dispatcher: M is on the way\n"
    "  call arrive ID | call close ID | call refuse ID | call show ID (history)\n"
    "  serve also takes --dispatch answer|refuse|never --answer-after S --escalate-after S --expire-after S\n"
    "        and --workers N (connections served at once, 128) --queue N (waiting before 503 Busy, 512)\n";

struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::vector<std::string> flags;
    bool has_flag(const std::string& name) const { return std::ranges::find(flags, name) != flags.end(); }
    std::optional<std::string> option(const std::string& name) const {
        const auto it = options.find(name);
        return it == options.end() ? std::nullopt : std::optional(it->second);
    }
};

std::expected<Arguments, std::string> parse_arguments(const std::vector<std::string>& args) {
    static const std::vector<std::string> flags = {"--urgent"};
    Arguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (!arg.starts_with("--")) {
            parsed.positional.push_back(arg);
        } else if (std::ranges::find(flags, arg) != flags.end()) {
            parsed.flags.push_back(arg);
        } else if (i + 1 < args.size()) {
            parsed.options[arg] = args[++i];
        } else {
            return std::unexpected("option " + arg + " needs a value");
        }
    }
    return parsed;
}

std::expected<fs::path, std::string> data_dir(const Arguments& args) {
    if (auto dir = args.option("--data")) return fs::path(*dir);
    if (const char* env = std::getenv("REDGRID_HUB_DATA"); env && *env) return fs::path(env);
    return std::unexpected("no data directory: pass --data DIR or set REDGRID_HUB_DATA");
}

int serve(const Arguments& args, const fs::path& data, std::ostream& err) {
    auto options = read_hub_config(data);
    if (!options) return fail(err, options.error());
    options->database = database_location(args.options, data);
    if (auto listen = args.option("--listen"))
        if (auto parsed = parse_listen(*listen, *options); !parsed) return fail(err, parsed.error());
    if (auto cert = args.option("--tls-cert")) options->tls_cert = *cert;
    if (auto key = args.option("--tls-key")) options->tls_key = *key;
    if (auto mode = args.option("--dispatch")) {
        const auto parsed = dispatch_mode_from_string(*mode);
        if (!parsed) return fail(err, "--dispatch must be answer, refuse or never");
        options->calls.mode = *parsed;
    }
    for (const auto& [flag, target] : {std::pair{"--answer-after", &options->calls.answer_after},
                                       std::pair{"--escalate-after", &options->calls.escalate_after},
                                       std::pair{"--expire-after", &options->calls.expire_after}}) {
        const auto value = args.option(flag);
        if (!value) continue;
        const int seconds = std::atoi(value->c_str());
        if (seconds < 0 || std::to_string(seconds) != *value) return fail(err, std::string(flag) + " must be seconds");
        *target = std::chrono::seconds(seconds);
    }
    for (const auto& [flag, target] :
         {std::pair{"--workers", &options->workers}, std::pair{"--queue", &options->queued}}) {
        const auto value = args.option(flag);
        if (!value) continue;
        const int count = std::atoi(value->c_str());
        if (count < 1 || count > 100000 || std::to_string(count) != *value)
            return fail(err, std::string(flag) + " must be a count, 1..100000");
        *target = std::size_t(count);
    }
    // Each request frees a few tens of KiB in its worker's malloc arena, and glibc gave it
    // back to the kernel every time (madvise, then a TLB shootdown on every core): a
    // quarter of a loaded hub's time. A server that will need it again keeps it.
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TOP_PAD, 1024 * 1024);
    // Block the stop signals in every thread; this one waits for them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    auto hub = HubServer::create(*options);
    if (!hub) return fail(err, hub.error());
    auto port = (*hub)->bind();
    if (!port) return fail(err, port.error());
    std::thread server([&] { (*hub)->serve(); });
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    (*hub)->stop();
    server.join();
    return 0;
}

int publish(const fs::path& source, const fs::path& data, std::ostream& out, std::ostream& err) {
    HubContent content(data);
    auto published = content.publish(source);
    if (!published) {
        for (const auto& problem : published.error()) err << problem << "\n";
        return fail(err, "nothing published: " + std::to_string(published.error().size()) + " problem(s)");
    }
    for (const auto& kiosk : *published) out << "published " << kiosk << "\n";
    return 0;
}

int new_token(const std::string& kiosk, const fs::path& data, const std::string& database, std::ostream& out,
              std::ostream& err) {
    std::error_code error;
    fs::create_directories(data, error);
    auto store = HubStore::open(database);
    if (!store) return fail(err, store.error());
    auto token = (*store)->new_token(kiosk);
    if (!token) return fail(err, token.error());
    out << *token << "\n";
    return 0;
}

int migrate(const std::string& database, std::ostream& out, std::ostream& err) {
    auto opened = sql::Database::open(database);  // opening applies what is missing
    if (!opened) return fail(err, opened.error());
    const auto version = sql::schema_version(**opened);
    if (!version) return fail(err, version.error());
    out << (*opened)->describe() << ": schema version " << *version << " (" << sql::migrations().size()
        << " migration(s) known to this hub)\n";
    return 0;
}

int init_demo(const Arguments& args, const fs::path& data, std::ostream& out, std::ostream& err) {
    const fs::path source = args.option("--from").value_or(config::demo_bundle_dir().string());
    std::error_code error;
    if (!fs::exists(source / "bundle.json", error))
        return fail(err, "no demo bundle at " + (source / "bundle.json").string() + " (pass --from DEMO_DIR)");
    fs::create_directories(data, error);
    HubContent content(data);
    auto published = content.publish(source / "bundle.json");
    if (!published) {
        for (const auto& problem : published.error()) err << problem << "\n";
        return fail(err, "the demo bundle did not validate");
    }
    if (*published != std::vector<std::string>{"demo"})
        return fail(err, "the demo bundle is for kiosk \"" + published->front() + "\", expected \"demo\"");
    return new_token("demo", data, database_location(args.options, data), out, err);
}

int list_kiosks(const std::string& database, std::ostream& out, std::ostream& err) {
    auto store = HubStore::open(database);
    if (!store) return fail(err, store.error());
    const auto now = Clock::now();
    out << std::left << std::setw(20) << "KIOSK" << std::setw(24) << "STATE" << std::setw(22) << "LAST HEARTBEAT"
        << std::setw(10) << "FIRMWARE" << std::setw(24) << "BUNDLE" << std::setw(7) << "QUEUE"
        << "LAST ERROR\n";
    for (const auto& row : (*store)->kiosks())
        out << std::left << std::setw(20) << row.id << std::setw(24) << describe_liveness(row, now) << std::setw(22)
            << (row.last_heartbeat ? protocol::format_utc(*row.last_heartbeat) : "-") << std::setw(10)
            << (row.firmware_version.empty() ? "-" : row.firmware_version) << std::setw(24)
            << (row.bundle_version.empty() ? "-" : row.bundle_version) << std::setw(7) << row.queue_depth
            << (row.last_error.empty() ? "-" : row.last_error) << "\n";
    return 0;
}

int add_command(const Arguments& args, const fs::path& data, std::ostream& out, std::ostream& err) {
    if (args.positional.size() < 3) return fail(err, "usage: command K TYPE [SCHEDULE]");
    const auto& kiosk = args.positional[1];
    const auto& type = args.positional[2];
    const std::string schedule = args.positional.size() > 3 ? args.positional[3] : "";
    if (!protocol::is_known_command(type)) return fail(err, "unknown command type \"" + type + "\"");
    // The kiosk checks it too; failing here saves a round trip to learn of a typo.
    if (type == "set_display_schedule")
        if (auto parsed = config::parse_display_schedule(schedule); !parsed)
            return fail(err, "schedule " + parsed.error());
    auto store = HubStore::open(database_location(args.options, data));
    if (!store) return fail(err, store.error());
    auto id = (*store)->add_command(kiosk, type, schedule);
    if (!id) return fail(err, id.error());
    out << "queued c-" << *id << " for " << kiosk << " (its result: redgrid-hub commands " << kiosk << ")\n";
    return 0;
}

fs::path find_kiosk_binary(const Arguments& args) {
    if (auto given = args.option("--kiosk-binary")) return *given;
    std::error_code error;
    const auto self = fs::read_symlink("/proc/self/exe", error).parent_path();
    for (const auto& candidate : {self / "redgrid-kiosk", self.parent_path() / "kiosk" / "redgrid-kiosk"})
        if (fs::exists(candidate, error)) return candidate;
    return "redgrid-kiosk";  // from PATH
}

int preview(const Arguments& args, const fs::path& data, std::ostream& out, std::ostream& err) {
    const auto screen = args.option("--screen");
    const auto output = args.option("--out");
    if (args.positional.size() < 2 || !output) return fail(err, "usage: preview K --screen NAME --out OUT.png");
    HubContent content(data);
    const auto bundle = content.bundle_path(args.positional[1]);
    if (!fs::exists(bundle)) return fail(err, "no bundle published for kiosk \"" + args.positional[1] + "\"");
    // The kiosk's own renderer, so the preview is exactly what the screen will show.
    std::vector<std::string> argv = {find_kiosk_binary(args).string(), "--bundle", bundle.string(), "--screenshot",
                                     *output};
    if (screen) {
        argv.push_back("--screen");
        argv.push_back(*screen);
    }
    std::vector<char*> raw;
    for (auto& arg : argv) raw.push_back(arg.data());
    raw.push_back(nullptr);
    pid_t child = 0;
    if (posix_spawnp(&child, raw[0], nullptr, nullptr, raw.data(), environ) != 0)
        return fail(err, "cannot run " + argv[0] + " (pass --kiosk-binary PATH)");
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return fail(err, argv[0] + " could not render the preview");
    out << "wrote " << *output << "\n";
    return 0;
}

}  // namespace

int run_hub_cli(const std::vector<std::string>& raw_args, std::ostream& out, std::ostream& err,
                std::function<std::chrono::system_clock::time_point()> clock) {
    auto args = parse_arguments(raw_args);
    if (!args) return fail(err, args.error());
    if (args->positional.empty() || args->positional[0] == "help" || args->options.contains("--help")) {
        (args->positional.empty() ? err : out) << kUsage;
        return args->positional.empty() ? 2 : 0;
    }
    const auto& command = args->positional[0];
    auto data = data_dir(*args);
    if (!data) return fail(err, data.error());
    if (command == "serve") return serve(*args, *data, err);
    if (command == "init-demo") return init_demo(*args, *data, out, err);
    if (command == "publish") {
        if (args->positional.size() != 2) return fail(err, "usage: publish SOURCE");
        return publish(args->positional[1], *data, out, err);
    }
    if (command == "token" && args->positional.size() == 3 && args->positional[1] == "new")
        return new_token(args->positional[2], *data, database_location(args->options, *data), out, err);
    if (command == "export-static") {
        if (args->positional.size() != 2) return fail(err, "usage: export-static DIR");
        HubContent content(*data);
        const auto written = content.export_static(args->positional[1]);
        if (!written) return fail(err, written.error());
        out << "exported to " << args->positional[1] << ": " << *written << " file(s) written\n";
        return 0;
    }
    if (command == "kiosks") return list_kiosks(database_location(args->options, *data), out, err);
    if (command == "migrate") return migrate(database_location(args->options, *data), out, err);
    if (command == "command") return add_command(*args, *data, out, err);
    if (command == "commands" || command == "screenshots")
        return run_kiosk_command(args->positional, args->options, *data, out, err);
    if (command == "preview") return preview(*args, *data, out, err);
    if (command == "events" || command == "calls" || command == "call")
        return run_records_command(args->positional, args->options, *data, out, err,
                                   clock ? clock() : std::chrono::system_clock::now());
    if (command == "notice" && args->positional.size() == 2 && args->positional[1] == "add") {
        const auto kiosk = args->option("--kiosk");
        const auto title = args->option("--title");
        const auto body = args->option("--body");
        if (!kiosk || !title || !body) return fail(err, "usage: notice add --kiosk K --title T --body B [--urgent]");
        NoticeRequest request{*kiosk, *title, *body, args->has_flag("--urgent")};
        if (auto days = args->option("--days")) request.valid_for = std::chrono::hours(24 * std::atoi(days->c_str()));
        HubContent content(*data);
        auto version = content.add_notice(request, Clock::now());
        if (!version) {
            for (const auto& problem : version.error()) err << problem << "\n";
            return fail(err, "notice not added");
        }
        out << "published " << *kiosk << " version " << *version << "\n";
        return 0;
    }
    err << kUsage;
    return fail(err, "unknown command \"" + command + "\"");
}

}  // namespace redgrid::hub

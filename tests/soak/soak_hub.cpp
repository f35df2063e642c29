// The hub side of the soak, run in a child process (redgrid_soak --hub-child) so the kiosk
// process's memory is the kiosk's alone and "the hub goes down" is a real process ending:
// the real HubServer on loopback with the shared clock, plus the people around it.
//   - An admin publishes a new version of the demo bundle every 10 simulated minutes
//     (on-duty members rotate, a notice title changes, photos move between members).
//   - The dispatch simulator answers calls (hub policy "answer"); a member "arrives" when
//     the ETA is over and closes the call two minutes later, as `redgrid-hub call` would.
#include "soak.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/store/hub_records.h"
#include "redgrid/hub/http/hub_server.h"
#include "redgrid/content/time_format.h"
#include "soak_clock.h"

namespace redgrid::soak {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// Version n of the demo bundle: the changes a subdistrict's admins make in a week.
nlohmann::json version_of(const nlohmann::json& base, long long n, std::chrono::system_clock::time_point now) {
    nlohmann::json b = base;
    b["version"] = "soak-" + std::to_string(n);
    b["generated_at"] = content::format_rfc3339(std::chrono::floor<std::chrono::seconds>(now), 480);
    auto& members = b["members"];
    for (std::size_t i = 0; i < members.size(); ++i) members[i]["on_duty"] = (i + static_cast<std::size_t>(n)) % 4 != 0;
    if (!b["notices"].empty()) {
        auto& title = b["notices"][0]["title"];
        title = base["notices"][0]["title"].get<std::string>() + "（第" + std::to_string(n) + "次更新）";
    }
    if (n % 6 == 3) {
        // Photos move between the first members (a re-shot portrait, a new member): the
        // kiosk's photo cache sees new keys on the same cards.
        const std::size_t k = std::min<std::size_t>(20, members.size());
        for (std::size_t i = 0; i + 1 < k; ++i)
            if (members[i]["photo"].is_string() && members[i + 1]["photo"].is_string())
                std::swap(members[i]["photo"], members[i + 1]["photo"]);
    }
    return b;
}

}  // namespace

int run_hub_child(const fs::path& work, int port) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    // If the soak dies (a timeout, a crash), the hub goes with it.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) return 1;

    SharedClock clock(work / "clock");
    hub::ServeOptions options;
    options.data_dir = work / "hub";
    options.port = port;
    options.calls.mode = hub::DispatchMode::answer;
    options.calls.answer_after = 20s;
    options.calls.eta = 180s;
    options.calls.escalate_after = 120s;
    options.calls.expire_after = 600s;
    options.clock = [&clock] { return clock.now(); };
    options.tick = 20ms;
    auto hub = hub::HubServer::create(options);
    if (!hub) {
        std::cerr << "soak hub: " << hub.error() << "\n";
        return 1;
    }
    if (auto bound = (*hub)->bind(); !bound) {
        std::cerr << "soak hub: " << bound.error() << "\n";
        return 1;
    }
    std::ifstream in(work / "source" / "base.json");
    const nlohmann::json base = nlohmann::json::parse(in);

    std::atomic<bool> stopping = false;
    std::thread server([&] { (*hub)->serve(); });
    std::thread people([&] {
        long long published = -1;
        std::int64_t next_unseen = 1;
        long long loops = 0;
        std::set<std::int64_t> open;
        while (!stopping) {
            const auto now = clock.now();
            const long long period = (now - kStart) / 10min;
            if (period != published) {
                std::ofstream(work / "source" / "bundle.json") << version_of(base, period, now).dump();
                auto done = (*hub)->content().publish(work / "source" / "bundle.json");
                if (!done)
                    for (const auto& problem : done.error()) std::cerr << "soak hub: publish: " << problem << "\n";
                published = period;
            }
            // Only the open calls are looked at (a week makes thousands of closed ones); new
            // ones are found by number (numbers may skip) every 40 loops.
            if (++loops % 40 == 0)
                for (std::int64_t n = next_unseen; n < next_unseen + 64; ++n)
                    if ((*hub)->records().call(n, now, (*hub)->directory())) {
                        open.insert(n);
                        next_unseen = n + 1;
                    }
            for (auto it = open.begin(); it != open.end();) {
                auto call = (*hub)->records().call(*it, now, (*hub)->directory());
                if (call && call->status == "dispatched" && call->dispatched_at && now >= *call->dispatched_at + call->eta)
                    call = (*hub)->records().set_status(*it, "arrived", now, "admin", "soak: the member arrived").value_or(*call);
                else if (call && call->status == "arrived" && now >= call->updated_at + 120s)
                    call = (*hub)->records().set_status(*it, "closed", now, "admin", "soak: help given").value_or(*call);
                it = !call || call->is_final() ? open.erase(it) : std::next(it);
            }
            std::this_thread::sleep_for(5ms);  // real-time pacing of the people, not a timer wait
        }
    });
    int sig = 0;
    sigwait(&set, &sig);
    stopping = true;
    people.join();
    (*hub)->stop();
    server.join();
    return 0;
}

}  // namespace redgrid::soak

// Draining the durable queue to the hub on loopback: 100,000 queued events, uploaded in
// batches of 500 by EventUploader::upload_batch(), each batch stored by the in-process
// redgrid-hub and acknowledged. Reports events/s end to end (queue read, JSON, HTTP,
// the hub's SQLite transaction, the acknowledge's delete).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "redgrid/hub/http/hub_server.h"
#include "redgrid/hub/store/hub_store.h"
#include "redgrid/config/clock.h"
#include "redgrid/net/event_queue.h"
#include "redgrid/net/event_uploader.h"

namespace {
namespace fs = std::filesystem;

class ScratchDir {
public:
    ScratchDir() {
        path_ = fs::temp_directory_path() / ("redgrid-drain-" + std::to_string(std::random_device{}()));
        fs::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code error;
        fs::remove_all(path_, error);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void BM_DrainToHub(benchmark::State& state) {
    const auto events = std::size_t(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        ScratchDir hub_dir, kiosk_dir;
        redgrid::hub::ServeOptions options;
        options.data_dir = hub_dir.path();
        options.port = 0;
        auto hub = redgrid::hub::HubServer::create(options);
        if (!hub || !(*hub)->bind()) {
            state.SkipWithError("the hub did not start");
            return;
        }
        std::thread serving([&] { (*hub)->serve(); });
        const auto token = *(*hub)->store().new_token("bench");
        auto queue = redgrid::net::EventQueue::open(kiosk_dir.path() / "queue.sqlite");
        for (std::size_t i = 0; i < events; ++i)
            (void)queue->enqueue(redgrid::net::EventKind::page_view, R"({"screen":"members","ms":1200})");
        redgrid::net::SyncOptions endpoint;
        endpoint.server_url = (*hub)->base_url();
        endpoint.kiosk_id = "bench";
        endpoint.token = token;
        redgrid::SystemClock clock;
        redgrid::net::EventUploader uploader(*queue, endpoint, clock);
        state.ResumeTiming();

        std::size_t uploaded = 0;
        while (queue->depth() > 0) {
            auto result = uploader.upload_batch();
            if (!result) {
                state.SkipWithError(result.error().message.c_str());
                break;
            }
            uploaded += result->acknowledged;
        }

        state.PauseTiming();
        state.counters["uploaded"] = double(uploaded);
        (*hub)->stop();
        serving.join();
        state.ResumeTiming();
    }
    state.counters["events_per_s"] =
        benchmark::Counter(double(events) * double(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_DrainToHub)->Arg(100'000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

// What durability costs: EventQueue::enqueue() against a bare SQLite INSERT + COMMIT in
// the same journal and sync mode, in the same run, with p50/p99 latencies (the UI thread
// waits for an enqueue, so the tail matters more than the mean). Also how fast the
// upload worker can peek+ack the queue locally (the network comes on top).
//
//   redgrid_bench_queue [--benchmark_filter=...]    (files go to $TMPDIR)
//
// At the end it prints "ratio enqueue/bare" for each sync mode.

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "redgrid/net/event_queue.h"

namespace {

using redgrid::net::EventKind;
using redgrid::net::EventQueue;

const std::string kPayload =
    R"({"screen":"members","grid":"g-17","member_id":"m-0042","stars":5,"tags":["耐心","热情"]})";

class ScratchDir {
public:
    ScratchDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "redgrid-queue-bench-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    std::filesystem::path file(const char* name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Times each iteration so the tail is visible, not only the mean.
class Latencies {
public:
    void add(std::chrono::steady_clock::duration d) { samples_.push_back(d); }
    void report(benchmark::State& state) {
        if (samples_.empty()) return;
        std::ranges::sort(samples_);
        const auto at = [this](double q) {
            const auto index = static_cast<std::size_t>(q * static_cast<double>(samples_.size() - 1));
            return std::chrono::duration<double, std::micro>(samples_[index]).count();
        };
        state.counters["p50_us"] = at(0.50);
        state.counters["p99_us"] = at(0.99);
        state.counters["max_us"] = at(1.0);
    }

private:
    std::vector<std::chrono::steady_clock::duration> samples_;
};

void enqueue_bench(benchmark::State& state, EventKind kind) {
    ScratchDir dir;
    auto queue = EventQueue::open(dir.file("queue.db"));
    if (!queue) {
        state.SkipWithError(queue.error().message.c_str());
        return;
    }
    Latencies latencies;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        auto event = queue->enqueue(kind, kPayload);
        latencies.add(std::chrono::steady_clock::now() - start);
        if (!event || event->stored != redgrid::net::Stored::on_disk) {
            state.SkipWithError("enqueue did not reach the disk");
            break;
        }
    }
    latencies.report(state);
}

// The floor: what SQLite itself costs for one durable row in the same mode.
void bare_insert_bench(benchmark::State& state, const char* synchronous) {
    ScratchDir dir;
    sqlite3* db = nullptr;
    if (sqlite3_open(dir.file("bare.db").c_str(), &db) != SQLITE_OK) {
        state.SkipWithError("cannot open a SQLite file");
        sqlite3_close(db);
        return;
    }
    const std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") + synchronous +
                              "; CREATE TABLE t(seq INTEGER PRIMARY KEY, id TEXT UNIQUE, payload TEXT);";
    sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t(id, payload) VALUES (?1, ?2)", -1, &insert, nullptr);
    Latencies latencies;
    long n = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const std::string id = "id-" + std::to_string(n++);
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, kPayload.c_str(), -1, SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        latencies.add(std::chrono::steady_clock::now() - start);
    }
    latencies.report(state);
    sqlite3_finalize(insert);
    sqlite3_close(db);
}

void BM_Enqueue_Critical_FULL(benchmark::State& state) { enqueue_bench(state, EventKind::call); }
void BM_BareInsertCommit_FULL(benchmark::State& state) { bare_insert_bench(state, "FULL"); }
void BM_Enqueue_Usage_NORMAL(benchmark::State& state) { enqueue_bench(state, EventKind::page_view); }
void BM_BareInsertCommit_NORMAL(benchmark::State& state) { bare_insert_bench(state, "NORMAL"); }

// Peek a batch of 500 and acknowledge it, until `range(0)` queued events are gone.
void BM_DrainLocally(benchmark::State& state) {
    const auto events = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        ScratchDir dir;
        auto queue = EventQueue::open(dir.file("queue.db"), {.max_rows = events * 2});
        if (!queue) {
            state.SkipWithError(queue.error().message.c_str());
            return;
        }
        for (std::size_t i = 0; i < events; ++i) queue->enqueue(EventKind::page_view, kPayload);
        state.ResumeTiming();
        while (queue->depth() > 0) {
            const auto batch = queue->peek_batch(500, 512 * 1024);
            std::vector<std::string> ids;
            ids.reserve(batch.size());
            for (const auto& e : batch) ids.push_back(e.id);
            queue->acknowledge(ids);
        }
    }
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events * state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_Enqueue_Critical_FULL)->UseRealTime()->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK(BM_BareInsertCommit_FULL)->UseRealTime()->Unit(benchmark::kMicrosecond)->MinTime(1.0);
BENCHMARK(BM_Enqueue_Usage_NORMAL)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BareInsertCommit_NORMAL)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DrainLocally)->Arg(20'000)->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(3);

// Remembers each benchmark's mean real time so main() can print the ratios.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& run : runs) {
            if (run.run_type == Run::RT_Iteration) real_time_[run.benchmark_name()] = run.GetAdjustedRealTime();
        }
        ConsoleReporter::ReportRuns(runs);
    }
    void print_ratio(const std::string& queue, const std::string& bare) const {
        const auto q = real_time_.find(queue);
        const auto b = real_time_.find(bare);
        if (q == real_time_.end() || b == real_time_.end() || b->second <= 0) return;
        std::printf("ratio enqueue/bare: %s / %s = %.2f\n", queue.c_str(), bare.c_str(), q->second / b->second);
    }

private:
    std::map<std::string, double> real_time_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_ratio("BM_Enqueue_Critical_FULL/min_time:1.000/real_time", "BM_BareInsertCommit_FULL/min_time:1.000/real_time");
    reporter.print_ratio("BM_Enqueue_Usage_NORMAL/real_time", "BM_BareInsertCommit_NORMAL/real_time");
    benchmark::Shutdown();
    return 0;
}

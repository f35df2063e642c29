#include "redgrid/net/event_queue.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "event_queue_store.h"
#include "redgrid/config/log.h"

namespace redgrid::net {

namespace {

constexpr std::pair<EventKind, std::string_view> kKindNames[] = {
    {EventKind::call, "call"},           {EventKind::call_cancel, "call_cancel"}, {EventKind::rating, "rating"},
    {EventKind::request, "request"},     {EventKind::page_view, "page_view"},     {EventKind::touch, "touch"},
};

// The upload worker checkpoints after an acknowledge() once the WAL holds this many pages,
// so the UI's enqueue rarely pays for it. If no worker runs (offline for days), enqueue
// itself checkpoints at the larger threshold so the WAL cannot grow without bound.
constexpr int kWorkerCheckpointPages = 500;
constexpr int kEnqueueCheckpointPages = 4000;

QueueError storage_error(const detail::SqliteError& error) {
    return QueueError{detail::is_corruption(error.code) ? QueueErrorCode::corrupt : QueueErrorCode::storage,
                      error.message};
}

std::string utc_stamp(TimePoint t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32] = {};
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
    return text;
}

// A rename is durable only once the directory entry is on disk.
void sync_directory(const std::filesystem::path& directory) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Only a file we can see but not use is moved aside: a transient open failure (too many
// open files, a busy lock) must not throw a good queue away.
bool unusable_file(const std::filesystem::path& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) return false;
    if (!std::filesystem::is_regular_file(status)) return true;
    return ::access(path.c_str(), R_OK | W_OK) != 0;
}

}  // namespace

std::string_view to_string(EventKind kind) {
    for (const auto& [k, name] : kKindNames) {
        if (k == kind) return name;
    }
    return "request";
}

std::optional<EventKind> event_kind_from_string(std::string_view name) {
    for (const auto& [k, text] : kKindNames) {
        if (text == name) return k;
    }
    return std::nullopt;
}

struct EventQueue::Impl {
    std::filesystem::path path;
    Limits limits;
    Clock clock;
    std::string vfs_name;
    LogSink log;
    UuidV7Generator ids;

    mutable std::mutex mutex;
    std::optional<detail::QueueStore> store;
    std::deque<Event> memory;               // the disk refused these; oldest first
    std::vector<std::string> pending_acks;  // on disk, acknowledged, delete not committed yet
    std::uint64_t unsaved_dropped = 0;      // drops not yet added to the file's counter
    std::uint64_t saved_dropped = 0;        // the file's counter when last seen
    std::int64_t next_seq = 1;
    std::optional<QueueError> problem;

    Impl(std::filesystem::path p, Limits l, Clock c, OpenOptions options)
        : path(std::move(p)),
          limits(l),
          clock(c ? std::move(c) : UuidV7Generator::system_clock()),
          vfs_name(std::move(options.vfs_name)),
          log(options.log ? std::move(options.log) : LogSink([](std::string_view line) {
              config::log_line(config::LogLevel::warning, line);
          })),
          ids(clock, options.random ? std::move(options.random) : UuidV7Generator::system_random()) {}

    TimePoint now() const {
        return std::chrono::time_point_cast<std::chrono::microseconds>(clock());
    }

    void move_aside(const std::string& reason) {
        store.reset();
        unsaved_dropped += saved_dropped;  // carried into the fresh file's counter
        saved_dropped = 0;
        pending_acks.clear();  // those events stay in the old file
        const std::string base = path.string() + ".corrupt-" + utc_stamp(clock());
        std::string target = base;
        for (int n = 1; std::filesystem::exists(target); ++n) target = base + "-" + std::to_string(n);
        std::error_code ec;
        std::filesystem::rename(path, target, ec);
        if (ec) {
            log("event queue: " + path.string() + " is unusable (" + reason + ") and could not be moved aside to " +
                target + ": " + ec.message());
            return;
        }
        for (const char* suffix : {"-wal", "-journal"}) {
            std::error_code ignored;
            if (std::filesystem::exists(path.string() + suffix, ignored)) {
                std::filesystem::rename(path.string() + suffix, target + suffix, ignored);
            }
        }
        std::error_code ignored;
        std::filesystem::remove(path.string() + "-shm", ignored);
        sync_directory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
        log("event queue: " + path.string() + " is unusable (" + reason + "); moved aside to " + target +
            "; starting a fresh queue");
    }

    std::expected<detail::QueueStore, detail::SqliteError> open_file() {
        if (!path.parent_path().empty()) {
            std::error_code ec;
            std::filesystem::create_directories(path.parent_path(), ec);
            if (ec) {
                return std::unexpected(detail::SqliteError{
                    SQLITE_CANTOPEN, "event queue " + path.string() + ": creating its directory: " + ec.message()});
            }
        }
        auto opened = detail::QueueStore::open(path, vfs_name, limits.busy_timeout);
        if (!opened && (detail::is_corruption(opened.error().code) || unusable_file(path))) {
            move_aside(opened.error().message);
            opened = detail::QueueStore::open(path, vfs_name, limits.busy_timeout);
        }
        return opened;
    }

    // Opens the file if it is not open (at start, or after it failed). Memory events
    // minted before the file could be read may carry seqs the file already used: they
    // are renumbered after the file's, which is their true order.
    bool ensure_store() {
        if (store) return true;
        auto opened = open_file();
        if (!opened) {
            problem = storage_error(opened.error());
            return false;
        }
        store.emplace(std::move(*opened));
        saved_dropped = store->totals().dropped;
        const std::int64_t file_next = store->totals().next_seq;
        if (!memory.empty() && memory.front().seq < file_next) {
            std::int64_t seq = file_next;
            for (auto& event : memory) event.seq = seq++;
            next_seq = seq;
        }
        next_seq = std::max(next_seq, file_next);
        return true;
    }

    // Writes the memory overflow, `fresh` (if any) and the pending plus new deletes in one
    // transaction. On success the overflow and the pending deletes are empty.
    std::expected<detail::WriteOutcome, QueueError> commit(const Event* fresh, std::span<const std::string> new_deletes) {
        if (!ensure_store()) return std::unexpected(*problem);
        std::vector<Event> events(memory.begin(), memory.end());
        if (fresh != nullptr) events.push_back(*fresh);
        std::vector<std::string> deletes = pending_acks;
        deletes.insert(deletes.end(), new_deletes.begin(), new_deletes.end());
        const bool full_sync = std::ranges::any_of(events, [](const Event& e) { return is_critical(e.kind); });

        auto written = store->write({events, deletes, unsaved_dropped, full_sync}, limits);
        if (!written && detail::is_corruption(written.error().code)) {
            move_aside(written.error().message);
            if (!ensure_store()) return std::unexpected(*problem);
            deletes.assign(new_deletes.begin(), new_deletes.end());
            written = store->write({events, deletes, unsaved_dropped, full_sync}, limits);
        }
        if (!written) {
            problem = storage_error(written.error());
            return std::unexpected(*problem);
        }
        // The result's `deleted` lines up with the request's; the caller wants only its own.
        const std::size_t pending_count = deletes.size() - new_deletes.size();
        written->deleted.erase(written->deleted.begin(),
                               written->deleted.begin() + static_cast<std::ptrdiff_t>(pending_count));
        memory.clear();
        pending_acks.clear();
        unsaved_dropped = 0;
        saved_dropped = written->totals.dropped;
        next_seq = std::max(next_seq, written->totals.next_seq);
        problem.reset();
        return std::move(*written);
    }

    // A failed checkpoint loses nothing (the WAL still holds every page); the next one
    // retries, so its error is only logged.
    void checkpoint_if_over(int pages) {
        if (!store || store->wal_pages() < pages) return;
        if (auto done = store->checkpoint(); !done) log(done.error().message);
    }

    std::expected<Event, QueueError> keep_in_memory(Event event) {
        if (memory.size() >= limits.memory_overflow_cap) {
            const auto droppable = std::ranges::find_if(memory, [](const Event& e) { return !is_critical(e.kind); });
            if (droppable != memory.end()) {
                memory.erase(droppable);
                ++unsaved_dropped;
            } else if (!is_critical(event.kind)) {
                ++unsaved_dropped;
                event.stored = Stored::dropped;
                return event;
            } else {
                return std::unexpected(QueueError{
                    QueueErrorCode::memory_full,
                    "event queue " + path.string() + ": not stored: the disk refuses writes (" +
                        (problem ? problem->message : std::string("unknown")) + ") and the in-memory overflow holds " +
                        std::to_string(memory.size()) + " calls/ratings/requests already"});
            }
        }
        event.stored = Stored::in_memory;
        memory.push_back(event);
        return event;
    }

    void recover_if_corrupt(const detail::SqliteError& error) {
        problem = storage_error(error);
        if (detail::is_corruption(error.code)) {
            move_aside(error.message);
            ensure_store();
        }
    }
};

EventQueue::EventQueue(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventQueue::~EventQueue() = default;
EventQueue::EventQueue(EventQueue&&) noexcept = default;
EventQueue& EventQueue::operator=(EventQueue&&) noexcept = default;

std::expected<EventQueue, QueueError> EventQueue::open(std::filesystem::path path, Limits limits, Clock clock,
                                                       OpenOptions options) {
    if (path.empty()) return std::unexpected(QueueError{QueueErrorCode::invalid_argument, "event queue: empty path"});
    if (limits.max_rows == 0 || limits.max_bytes == 0) {
        return std::unexpected(QueueError{QueueErrorCode::invalid_argument,
                                          "event queue " + path.string() + ": max_rows and max_bytes must be > 0"});
    }
    auto impl = std::make_unique<Impl>(std::move(path), limits, std::move(clock), std::move(options));
    if (!impl->ensure_store()) {
        impl->log("event queue: " + impl->problem->message + "; keeping events in memory until it can be written");
    }
    return EventQueue(std::move(impl));
}

std::expected<Event, QueueError> EventQueue::enqueue(EventKind kind, std::string_view payload_json) {
    if (!nlohmann::json::accept(payload_json)) {
        return std::unexpected(QueueError{QueueErrorCode::invalid_argument,
                                          "event queue " + impl_->path.string() + ": the " +
                                              std::string(to_string(kind)) + " payload is not valid JSON"});
    }
    std::lock_guard lock(impl_->mutex);
    impl_->ensure_store();  // first, so the new seq comes after the file's
    Event event{impl_->ids.next(), kind, impl_->next_seq++, impl_->now(), std::string(payload_json), Stored::on_disk};
    const std::size_t fresh_index = impl_->memory.size();
    auto written = impl_->commit(&event, {});
    if (!written) {
        if (written.error().code == QueueErrorCode::invalid_argument) return std::unexpected(written.error());
        return impl_->keep_in_memory(std::move(event));
    }
    if (std::ranges::find(written->dropped, fresh_index) != written->dropped.end()) event.stored = Stored::dropped;
    impl_->checkpoint_if_over(kEnqueueCheckpointPages);
    return event;
}

std::vector<Event> EventQueue::peek_batch(std::size_t max_events, std::size_t max_bytes) {
    std::lock_guard lock(impl_->mutex);
    std::vector<Event> events;
    if (max_events == 0) return events;
    if (impl_->store) {
        auto from_disk = impl_->store->peek(max_events, impl_->pending_acks);
        if (from_disk) {
            events = std::move(*from_disk);
        } else {
            impl_->recover_if_corrupt(from_disk.error());
        }
    }
    // The overflow is always newer than the file: it is written before any new event.
    for (const auto& event : impl_->memory) {
        if (events.size() >= max_events) break;
        events.push_back(event);
    }
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        bytes += events[i].payload_json.size();
        if (bytes > max_bytes && i > 0) {
            events.resize(i);
            break;
        }
    }
    return events;
}

std::size_t EventQueue::acknowledge(std::span<const std::string> ids) {
    std::lock_guard lock(impl_->mutex);
    std::size_t removed = 0;
    std::unordered_set<std::string> wanted(ids.begin(), ids.end());
    std::erase_if(impl_->memory, [&](const Event& event) {
        if (!wanted.erase(event.id)) return false;
        ++removed;
        return true;
    });
    for (const auto& id : impl_->pending_acks) wanted.erase(id);
    if (wanted.empty() || !impl_->store) return removed;

    const std::vector<std::string> on_disk(wanted.begin(), wanted.end());
    auto written = impl_->commit(nullptr, on_disk);
    if (written) {
        impl_->checkpoint_if_over(kWorkerCheckpointPages);
        return removed + static_cast<std::size_t>(std::ranges::count(written->deleted, true));
    }
    if (!impl_->store) return removed;
    // The delete did not commit: hide these events from peek_batch() so the worker does not
    // send them again, and retry the delete with the next write.
    for (const auto& id : on_disk) {
        auto present = impl_->store->contains(id);
        if (!present || *present) {
            impl_->pending_acks.push_back(id);
            ++removed;
        }
    }
    return removed;
}

std::size_t EventQueue::depth() const {
    std::lock_guard lock(impl_->mutex);
    std::size_t on_disk = 0;
    if (impl_->store) {
        const std::size_t rows = impl_->store->totals().rows;
        on_disk = rows - std::min(rows, impl_->pending_acks.size());
    }
    return on_disk + impl_->memory.size();
}

std::size_t EventQueue::memory_depth() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->memory.size();
}

std::optional<std::chrono::milliseconds> EventQueue::oldest_age(TimePoint now) const {
    std::lock_guard lock(impl_->mutex);
    std::optional<TimePoint> oldest;
    if (impl_->store) {
        if (auto first = impl_->store->peek(1, impl_->pending_acks); first && !first->empty()) {
            oldest = first->front().device_time;
        }
    }
    if (!oldest && !impl_->memory.empty()) oldest = impl_->memory.front().device_time;
    if (!oldest) return std::nullopt;
    return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(now - *oldest));
}

std::uint64_t EventQueue::dropped_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->saved_dropped + impl_->unsaved_dropped;
}

std::expected<std::size_t, QueueError> EventQueue::flush_memory() {
    std::lock_guard lock(impl_->mutex);
    const std::size_t in_memory = impl_->memory.size();
    if (in_memory == 0 && impl_->pending_acks.empty() && impl_->unsaved_dropped == 0) {
        if (!impl_->ensure_store()) return std::unexpected(*impl_->problem);
        return 0;
    }
    auto written = impl_->commit(nullptr, {});
    if (!written) return std::unexpected(written.error());
    return in_memory - written->dropped.size();
}

std::optional<QueueError> EventQueue::storage_problem() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->problem;
}

std::expected<void, QueueError> EventQueue::check_integrity() {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->ensure_store()) return std::unexpected(*impl_->problem);
    auto result = impl_->store->integrity_check(true);
    if (!result) return std::unexpected(storage_error(result.error()));
    if (*result != "ok") {
        return std::unexpected(
            QueueError{QueueErrorCode::corrupt, "event queue " + impl_->path.string() + ": integrity_check: " + *result});
    }
    return {};
}

const std::filesystem::path& EventQueue::path() const { return impl_->path; }

}  // namespace redgrid::net

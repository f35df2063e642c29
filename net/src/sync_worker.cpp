#include "redgrid/net/sync_worker.h"

#include <algorithm>

#include "redgrid/config/log.h"

namespace redgrid::net {
using config::LogLevel;
using config::log;
using namespace std::chrono_literals;

namespace {
constexpr std::size_t kRememberedCommands = 100;
constexpr std::size_t kMaxPendingResults = 100;
constexpr std::size_t kMaxQueuedScreenshots = 2;
constexpr std::size_t kMaxScreenshotBytes = 8 * 1024 * 1024;
}  // namespace

std::string describe(const SyncStatus& status) {
    std::string text = status.online ? "online" : "offline";
    text += ", bundle " + (status.bundle_version.empty() ? std::string("none") : status.bundle_version);
    text += ", last sync " + (status.last_success ? format_utc(*status.last_success) : std::string("never"));
    if (!status.last_error.empty()) text += ", last error: " + status.last_error;
    return text;
}

SyncWorker::SyncWorker(SyncOptions options, SyncCallback callback, const redgrid::Clock& clock,
                       std::function<HeartbeatInfo()> info, WorkerTiming timing)
    : options_(std::move(options)),
      callback_(std::move(callback)),
      clock_(clock),
      info_(std::move(info)),
      timing_(timing),
      random_(timing.random_seed),
      cache_(options_.cache_dir, options_.cache_max_bytes),
      started_at_(clock.steady_now()),
      heartbeat_interval_(options_.heartbeat_interval) {}

SyncWorker::~SyncWorker() { stop(); }

void SyncWorker::start(const CachedContent* shown) {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    if (shown) {
        etag_ = shown->etag;
        status_.bundle_version = shown->version;
    }
    const auto now = clock_.steady_now();
    next_sync_ = now;
    next_heartbeat_ = now;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SyncWorker::sync_now() {
    {
        std::lock_guard lock(mutex_);
        sync_requested_ = true;
    }
    wake_.notify_all();
}

void SyncWorker::heartbeat_now() {
    {
        std::lock_guard lock(mutex_);
        heartbeat_requested_ = true;
    }
    wake_.notify_all();
}

SyncStatus SyncWorker::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void SyncWorker::report_command_result(CommandResult result) {
    std::lock_guard lock(mutex_);
    if (pending_results_.size() < kMaxPendingResults) pending_results_.push_back(std::move(result));
}

void SyncWorker::upload_screenshot(std::string command_id, std::string png_bytes) {
    {
        std::lock_guard lock(mutex_);
        if (screenshots_.size() >= kMaxQueuedScreenshots || png_bytes.size() > kMaxScreenshotBytes) {
            if (pending_results_.size() < kMaxPendingResults)
                pending_results_.push_back({command_id, CommandStatus::failed, "screenshot too large or too many queued"});
            return;
        }
        screenshots_.push_back({std::move(command_id), std::move(png_bytes)});
    }
    wake_.notify_all();
}

void SyncWorker::reload(std::string command_id) {
    {
        std::lock_guard lock(mutex_);
        // Two reloads waiting would read the same files: one answers both.
        if (std::ranges::find(reloads_, command_id) == reloads_.end()) reloads_.push_back(std::move(command_id));
    }
    wake_.notify_all();
}

bool SyncWorker::has_urgent_work() const {
    return stopping_ || sync_requested_ || heartbeat_requested_ || !screenshots_.empty() || !reloads_.empty();
}

std::chrono::milliseconds SyncWorker::poll_delay() {
    std::uniform_real_distribution<double> jitter(1.0 - timing_.poll_jitter, 1.0 + timing_.poll_jitter);
    return std::chrono::milliseconds(std::int64_t(double(options_.poll_interval.count()) * 1000.0 * jitter(random_)));
}

std::chrono::milliseconds SyncWorker::backoff_delay(int failures, std::optional<std::chrono::seconds> retry_after) {
    const int doublings = std::clamp(failures - 1, 0, 20);
    auto delay = std::min<std::chrono::seconds>(timing_.first_backoff * (std::int64_t(1) << doublings),
                                                 timing_.max_backoff);
    if (retry_after) delay = std::clamp<std::chrono::seconds>(*retry_after, delay, timing_.max_backoff);
    std::uniform_real_distribution<double> jitter(1.0 - timing_.backoff_jitter, 1.0 + timing_.backoff_jitter);
    return std::chrono::milliseconds(std::int64_t(double(delay.count()) * 1000.0 * jitter(random_)));
}

void SyncWorker::run() {
    syncer_ = std::make_unique<Syncer>(options_, cache_);
    log(LogLevel::info, "sync: worker started for kiosk {} at {} (poll every {} s)", options_.kiosk_id,
        config::redact_url(options_.server_url), options_.poll_interval.count());
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const auto now = clock_.steady_now();
        if (sync_requested_ || now >= next_sync_) {
            sync_requested_ = false;
            lock.unlock();
            run_sync();
            lock.lock();
            continue;
        }
        if (heartbeat_requested_ || now >= next_heartbeat_) {
            heartbeat_requested_ = false;
            next_heartbeat_ = now + heartbeat_interval_;
            lock.unlock();
            run_heartbeat();
            lock.lock();
            continue;
        }
        if (!reloads_.empty()) {
            auto id = std::move(reloads_.front());
            reloads_.pop_front();
            lock.unlock();
            run_reload(std::move(id));
            lock.lock();
            continue;
        }
        if (!screenshots_.empty()) {
            auto screenshot = std::move(screenshots_.front());
            screenshots_.pop_front();
            lock.unlock();
            run_upload(std::move(screenshot));
            lock.lock();
            continue;
        }
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(std::min(next_sync_, next_heartbeat_) - now);
        if (timing_.recheck_every) wait = std::min(wait, *timing_.recheck_every);
        wake_.wait_for(lock, std::max(wait, 1ms), [this] { return has_urgent_work(); });
    }
    lock.unlock();
    syncer_.reset();
    log(LogLevel::info, "sync: worker stopped");
}

void SyncWorker::run_sync() {
    std::string etag;
    {
        std::lock_guard lock(mutex_);
        etag = etag_;
    }
    auto outcome = syncer_->sync(etag);
    const auto now = clock_.steady_now();
    std::optional<ContentReady> ready;
    {
        std::lock_guard lock(mutex_);
        if (outcome) {
            status_.online = true;
            status_.last_success = clock_.now();
            status_.last_error.clear();
            status_.consecutive_failures = 0;
            etag_ = outcome->report.etag;
            if (outcome->new_content) {
                status_.bundle_version = outcome->new_content->version;
                status_.rejected_bundle_errors.clear();
                rejected_at_.reset();
                ready = ContentReady{std::move(*outcome->new_content)};
            }
            next_sync_ = now + poll_delay();
        } else {
            const auto& failure = outcome.error();
            status_.online = failure.reached_server;
            status_.last_error = failure.message;
            ++status_.consecutive_failures;
            if (!failure.bundle_errors.empty()) {
                status_.rejected_bundle_errors = failure.bundle_errors;
                rejected_at_ = clock_.now();
            }
            next_sync_ = now + backoff_delay(status_.consecutive_failures, failure.retry_after);
        }
    }
    if (ready) {
        log(LogLevel::notice, "sync: new bundle {} ({} media, {} downloaded) is now shown", ready->content.version,
            outcome->report.media_total, outcome->report.media_downloaded);
        if (callback_) callback_(std::move(*ready));
    } else if (!outcome) {
        log(LogLevel::error, "sync: {}; keeping the content shown", outcome.error().message);
        for (const auto& error : outcome.error().bundle_errors) log(LogLevel::error, "sync: bundle error: {}", error);
    } else {
        log(LogLevel::debug, "sync: bundle unchanged (304)");
    }
    publish_status_if_changed();
}

void SyncWorker::run_heartbeat() {
    const HeartbeatInfo info = info_ ? info_() : HeartbeatInfo{0, true, options_.display_schedule};
    HeartbeatReport report;
    {
        std::lock_guard lock(mutex_);
        report.kiosk_id = options_.kiosk_id;
        report.sent_at = clock_.now();
        report.firmware_version = options_.firmware_version;
        report.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(clock_.steady_now() - started_at_).count();
        report.bundle_version = status_.bundle_version;
        report.bundle_etag = etag_;
        report.last_sync_at = status_.last_success;
        report.last_error = status_.last_error;
        report.rejected_at = rejected_at_;
        report.rejected_errors = status_.rejected_bundle_errors;
        report.command_results = pending_results_;
    }
    report.queue_depth = info.queue_depth;
    report.queue_oldest_s = info.queue_oldest_s;
    report.queue_dropped = info.queue_dropped;
    report.display_on = info.display_on;
    report.display_schedule = info.display_schedule;
    report.free_disk_bytes = free_disk_bytes(options_.data_dir.empty() ? options_.cache_dir : options_.data_dir);
    report.temperature_c = read_temperature_c();

    HttpRequest request;
    request.method = "POST";
    request.url = api_url(options_.server_url, "kiosks/" + options_.kiosk_id + "/heartbeat");
    request.headers = {{"Authorization", "Bearer " + options_.token}, {"Content-Type", "application/json"}};
    request.body = heartbeat_json(report);
    request.max_body_bytes = 256 * 1024;
    request.total_timeout = std::min<std::chrono::milliseconds>(options_.http.total_timeout, 20s);
    auto response = syncer_->http().perform(request);
    // Every minute, the server's Date says whether this screen's clock can be believed.
    if (response) skew_.observe(response->header("date"), clock_.now(), clock_.steady_now(), "heartbeat");

    std::vector<Command> for_app;
    bool sync_wanted = false;
    {
        std::lock_guard lock(mutex_);
        if (!response) {
            status_.online = false;
            log(LogLevel::warning, "heartbeat: {}", response.error().message);
        } else if (response->status != 200) {
            status_.online = true;
            log(LogLevel::warning, "heartbeat: HTTP {} from the server", response->status);
        } else {
            status_.online = true;
            // Delivered: forget only what this heartbeat carried (the app may have added more).
            pending_results_.erase(pending_results_.begin(),
                                   pending_results_.begin() + std::ptrdiff_t(std::min(
                                                                  pending_results_.size(), report.command_results.size())));
            auto answer = parse_heartbeat_answer(response->body);
            if (!answer) {
                log(LogLevel::warning, "heartbeat: {}", answer.error());
            } else {
                if (answer->heartbeat_interval) heartbeat_interval_ = *answer->heartbeat_interval;
                for (auto& result : answer->malformed) {
                    log(LogLevel::warning, "heartbeat: command {} {}: {}", result.id, to_string(result.status),
                        result.message);
                    pending_results_.push_back(std::move(result));
                }
                for (auto& command : answer->commands) {
                    if (std::ranges::find(recent_command_ids_, command.id) != recent_command_ids_.end()) continue;
                    recent_command_ids_.push_back(command.id);
                    if (recent_command_ids_.size() > kRememberedCommands) recent_command_ids_.pop_front();
                    log(LogLevel::notice, "heartbeat: command {} {}", command.id, command.type);
                    if (command.type == "sync_now") {
                        sync_wanted = true;
                        pending_results_.push_back({command.id, CommandStatus::done, ""});
                    } else {
                        for_app.push_back(std::move(command));
                    }
                }
            }
        }
        if (sync_wanted) sync_requested_ = true;
    }
    for (auto& command : for_app)
        if (callback_) callback_(std::move(command));
    publish_status_if_changed();
}

void SyncWorker::run_upload(Screenshot screenshot) {
    HttpRequest request;
    request.method = "POST";
    request.url = api_url(options_.server_url, "kiosks/" + options_.kiosk_id + "/screenshots?command_id=" +
                                                    screenshot.command_id.substr(0, 64));
    request.headers = {{"Authorization", "Bearer " + options_.token}, {"Content-Type", "image/png"}};
    request.body = std::move(screenshot.png);
    request.max_body_bytes = 64 * 1024;
    auto response = syncer_->http().perform(request);
    CommandResult result{screenshot.command_id, CommandStatus::done, ""};
    if (!response) result = {screenshot.command_id, CommandStatus::failed, response.error().message};
    else if (response->status != 201 && response->status != 200)
        result = {screenshot.command_id, CommandStatus::failed, "HTTP " + std::to_string(response->status)};
    log(result.status == CommandStatus::done ? LogLevel::info : LogLevel::warning, "screenshot upload for {}: {}",
        result.id, result.status == CommandStatus::done ? std::string("done") : result.message);
    {
        std::lock_guard lock(mutex_);
        if (pending_results_.size() < kMaxPendingResults) pending_results_.push_back(std::move(result));
        // The admin waits for this one: say so now, not at the next heartbeat a minute later.
        heartbeat_requested_ = true;
    }
}

void SyncWorker::run_reload(std::string command_id) {
    auto loaded = cache_.load_current();
    if (loaded) {
        std::lock_guard lock(mutex_);
        // What is shown now is what the next conditional request names; media missing on
        // disk clear the ETag (load_current did), and a sync right away fetches them again.
        etag_ = loaded->etag;
        status_.bundle_version = loaded->version;
        if (!loaded->missing_media.empty()) sync_requested_ = true;
    }
    log(loaded ? LogLevel::notice : LogLevel::warning, "reload {}: {}", command_id,
        loaded ? "bundle " + loaded->version + " read again from the cache" : loaded.error());
    if (callback_) callback_(ContentReloaded{std::move(command_id), std::move(loaded)});
    publish_status_if_changed();
}

void SyncWorker::publish_status_if_changed() {
    SyncStatus snapshot;
    SyncStatus previous;
    {
        std::lock_guard lock(mutex_);
        if (status_published_once_ && status_ == published_status_) return;
        previous = published_status_;
        published_status_ = status_;
        status_published_once_ = true;
        snapshot = status_;
    }
    // Only a change of state is worth an info line; a new sync time alone is debug.
    const bool notable = snapshot.online != previous.online || snapshot.bundle_version != previous.bundle_version ||
                         snapshot.last_error != previous.last_error;
    log(notable ? LogLevel::info : LogLevel::debug, "sync status: {}", describe(snapshot));
    if (callback_) callback_(std::move(snapshot));
}

}  // namespace redgrid::net

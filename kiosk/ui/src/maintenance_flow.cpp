#include "redgrid/kiosk/ui/maintenance_flow.h"

#include <algorithm>

#include "redgrid/config/log.h"

namespace redgrid::kiosk {
namespace {

using config::LogLevel;
using namespace std::chrono_literals;

// Compares without stopping at the first difference, so the time a wrong PIN takes says
// nothing about how much of it was right.
bool same_pin(std::string_view typed, std::string_view pin) {
    if (pin.empty()) return false;
    std::size_t diff = typed.size() ^ pin.size();
    for (std::size_t i = 0; i < typed.size(); ++i)
        diff |= static_cast<std::size_t>(static_cast<unsigned char>(typed[i]) ^
                                         static_cast<unsigned char>(pin[i % pin.size()]));
    return diff == 0;
}

}  // namespace

MaintenanceFlow::MaintenanceFlow(const Clock& clock, MaintenanceOptions options, MaintenanceService* service,
                                 PinLockStore* lock_store)
    : clock_(clock), options_(std::move(options)), service_(service), lock_store_(lock_store) {
    view_.tries_left = options_.tries_per_round;
    if (enabled() && lock_store_) restore_lock();
}

void MaintenanceFlow::restore_lock() {
    auto kept = lock_store_->load();
    if (!kept) {
        // Unreadable: no fresh tries for whoever damaged it, and no lock that never ends.
        locked_until_ = clock_.steady_now() + options_.first_lockout;
        config::log(LogLevel::warning, "maintenance: the PIN lockout state is unreadable ({}); PIN pad locked for {} s",
                    kept.error(), options_.first_lockout.count());
        keep_lock();
        return;
    }
    lockouts_ = kept->lockouts;
    view_.tries_left = std::max(1, options_.tries_per_round - kept->failures);
    if (kept->locked_until) {
        // The wall clock carries the lockout over the restart. A clock set back (before NTP)
        // must not make it longer than any lockout can be.
        const auto left = std::clamp(std::chrono::ceil<std::chrono::milliseconds>(*kept->locked_until - clock_.now()),
                                     std::chrono::milliseconds(0), std::chrono::milliseconds(options_.max_lockout));
        if (left > 0ms) {
            locked_until_ = clock_.steady_now() + left;
            config::log(LogLevel::notice, "maintenance: PIN pad still locked for {} s (kept across the restart)",
                        std::chrono::ceil<std::chrono::seconds>(left).count());
        }
    }
}

void MaintenanceFlow::keep_lock() {
    if (!lock_store_) return;
    PinLockState state{.failures = options_.tries_per_round - view_.tries_left, .lockouts = lockouts_};
    if (locked_until_)
        state.locked_until = std::chrono::floor<std::chrono::milliseconds>(clock_.now()) +
                             std::chrono::ceil<std::chrono::milliseconds>(*locked_until_ - clock_.steady_now());
    lock_store_->save(state);
}

void MaintenanceFlow::open_pin_pad() {
    if (!enabled()) return;
    typed_.clear();
    view_ = MaintenanceView{.page = MaintPage::pin, .tries_left = view_.tries_left};
    update_lock();
    config::log(LogLevel::info, "maintenance: PIN pad opened by a long press{}", view_.locked_for ? " (locked)" : "");
}

void MaintenanceFlow::open_unlocked() {
    typed_.clear();
    view_ = MaintenanceView{.tries_left = view_.tries_left};
    config::log(LogLevel::notice, "maintenance screen opened (from the command line)");
    go_status();
}

void MaintenanceFlow::go_status() {
    view_.page = MaintPage::status;
    if (!watching_ && service_) service_->watch(true);
    watching_ = true;
}

void MaintenanceFlow::close() {
    if (watching_ && service_) service_->watch(false);
    watching_ = false;
    typed_.clear();
    // The wrong-PIN count and any lockout stay: cancelling must not reset them.
    view_ = MaintenanceView{.tries_left = view_.tries_left};
}

void MaintenanceFlow::update_lock() {
    if (locked_until_ && clock_.steady_now() >= *locked_until_) locked_until_.reset();
    if (!locked_until_) {
        view_.locked_for.reset();
        return;
    }
    const auto left = std::chrono::ceil<std::chrono::seconds>(*locked_until_ - clock_.steady_now());
    view_.locked_for = left;
}

bool MaintenanceFlow::tick() {
    if (view_.page != MaintPage::pin) {
        if (locked_until_ && clock_.steady_now() >= *locked_until_) locked_until_.reset();
        return false;
    }
    const auto before = view_.locked_for;
    update_lock();
    return before != view_.locked_for;
}

std::optional<std::chrono::milliseconds> MaintenanceFlow::time_until_next_change() const {
    if (view_.page != MaintPage::pin || !locked_until_) return std::nullopt;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*locked_until_ - clock_.steady_now());
    if (left <= 0ms) return 0ms;
    // The countdown shows whole seconds: it changes when the next one has gone by.
    const auto to_next = left % 1000ms;
    return to_next == 0ms ? 1000ms : to_next;
}

void MaintenanceFlow::submit_pin() {
    update_lock();
    if (view_.locked_for || typed_.empty()) return;
    const bool right = same_pin(typed_, options_.pin);
    typed_.clear();
    view_.digits = 0;
    if (right) {
        lockouts_ = 0;
        view_.tries_left = options_.tries_per_round;
        view_.wrong_pin = false;
        keep_lock();
        config::log(LogLevel::notice, "maintenance screen opened");
        go_status();
        return;
    }
    view_.wrong_pin = true;
    --view_.tries_left;
    const int attempt = options_.tries_per_round - view_.tries_left;
    config::log(LogLevel::notice, "maintenance: wrong PIN ({} of {} tries)", attempt, options_.tries_per_round);
    if (view_.tries_left > 0) {
        keep_lock();
        return;
    }
    // Each lockout is twice the one before, up to the cap; the next round gets its tries back.
    auto lockout = options_.first_lockout;
    for (int i = 0; i < lockouts_ && lockout < options_.max_lockout; ++i) lockout *= 2;
    lockout = std::min(lockout, options_.max_lockout);
    ++lockouts_;
    locked_until_ = clock_.steady_now() + lockout;
    view_.tries_left = options_.tries_per_round;
    update_lock();
    keep_lock();
    config::log(LogLevel::notice, "maintenance: {} wrong PINs, PIN pad locked for {} s", options_.tries_per_round,
                lockout.count());
}

bool MaintenanceFlow::activate(std::string_view id) {
    if (!id.starts_with("maint:") && !id.starts_with(maint_ids::digit_prefix)) return false;
    switch (view_.page) {
        case MaintPage::closed: return id != maint_ids::corner;  // a tap on the corner is not for us
        case MaintPage::pin:
            if (id == maint_ids::pin_cancel) {
                close();
            } else if (id == maint_ids::pin_ok) {
                submit_pin();
            } else if (id == maint_ids::pin_delete) {
                if (!typed_.empty()) typed_.pop_back();
                view_.digits = typed_.size();
            } else if (id.starts_with(maint_ids::digit_prefix)) {
                update_lock();
                const std::string_view d = id.substr(maint_ids::digit_prefix.size());
                if (view_.locked_for || d.size() != 1 || d[0] < '0' || d[0] > '9') return true;
                if (typed_.size() < options_.max_pin_digits) typed_.push_back(d[0]);
                // The "wrong PIN, N tries left" line stays while the next one is typed.
                view_.digits = typed_.size();
            }
            return true;
        case MaintPage::status:
            if (id == maint_ids::sync) {
                config::log(LogLevel::notice, "maintenance: sync requested");
                view_.sync_requested_at = clock_.now();
                if (service_) service_->sync_now();
            } else if (id == maint_ids::touch_test) {
                view_.page = MaintPage::touch_test;
            } else if (id == maint_ids::pattern) {
                view_.page = MaintPage::pattern;
            } else if (id == maint_ids::restart) {
                view_.page = MaintPage::confirm_restart;
            } else if (id == maint_ids::close) {
                close();
            }
            return true;
        case MaintPage::confirm_restart:
            if (id == maint_ids::restart_confirm) {
                config::log(LogLevel::notice, "maintenance: restart confirmed by the technician");
                MaintenanceService* service = service_;
                close();
                if (service) service->restart();
            } else if (id == maint_ids::restart_cancel) {
                view_.page = MaintPage::status;
            }
            return true;
        case MaintPage::touch_test:
            if (id == maint_ids::touch_clear) view_.strokes.clear();
            else if (id == maint_ids::touch_done) view_.page = MaintPage::status;
            return true;
        case MaintPage::pattern:
            if (id == maint_ids::pattern_exit) view_.page = MaintPage::status;
            return true;
    }
    return true;
}

void MaintenanceFlow::touch_down(render::Point p) {
    if (view_.page != MaintPage::touch_test) return;
    view_.strokes.push_back({p});
    trim_strokes();
}

void MaintenanceFlow::touch_move(render::Point p) {
    if (view_.page != MaintPage::touch_test || view_.strokes.empty()) return;
    auto& stroke = view_.strokes.back();
    if (!stroke.empty() && stroke.back() == p) return;
    stroke.push_back(p);
    trim_strokes();
}

void MaintenanceFlow::trim_strokes() {
    std::size_t total = 0;
    for (const auto& s : view_.strokes) total += s.size();
    // A finger left on the glass for an hour must not grow the frame without bound.
    while (total > options_.max_touch_points && view_.strokes.size() > 1) {
        total -= view_.strokes.front().size();
        view_.strokes.erase(view_.strokes.begin());
    }
    if (total > options_.max_touch_points) {
        auto& only = view_.strokes.front();
        only.erase(only.begin(), only.begin() + static_cast<std::ptrdiff_t>(total - options_.max_touch_points));
    }
}

void MaintenanceFlow::set_status(MaintenanceStatus status) {
    // A status gathered just before the screen closed arrives late: it is not kept.
    if (view_.page == MaintPage::closed || view_.page == MaintPage::pin) return;
    view_.status = std::move(status);
}

}  // namespace redgrid::kiosk

// The maintenance screen's state machine, for the App:
//
//   closed --long press in the corner--> pin --right PIN--> status <-> touch_test
//                                          |                  |  <-> pattern
//                                     3 wrong PINs            '--> confirm_restart --> restart()
//                                          v
//                                   locked (30 s, then 60 s, 120 s ... up to 1 h)
//
// Wrong PINs are counted with the injected clock and survive closing the pad, so cancelling
// and reopening does not reset the count; only the right PIN does. With a PinLockStore the
// count and any lockout also survive a restart of the kiosk; a store that cannot be read
// locks the pad for one first lockout rather than handing out fresh tries. Closing (Home,
// idle return, "exit") forgets the digits typed, the touch test's strokes and the status.
// Nothing here logs a PIN or a digit.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/config/clock.h"
#include "redgrid/kiosk/ui/maintenance.h"
#include "redgrid/kiosk/ui/pin_lock.h"
#include "redgrid/render/draw_list.h"

namespace redgrid::kiosk {

// Hit-target ids of the maintenance screens (and what activate() takes).
namespace maint_ids {
inline constexpr std::string_view corner = "maint:corner";  // hold here to open the PIN pad
inline constexpr std::string_view digit_prefix = "pin:";    // + 0..9
inline constexpr std::string_view pin_delete = "pin:del";
inline constexpr std::string_view pin_ok = "pin:ok";
inline constexpr std::string_view pin_cancel = "pin:cancel";
inline constexpr std::string_view sync = "maint:sync";
inline constexpr std::string_view touch_test = "maint:touch-test";
inline constexpr std::string_view pattern = "maint:pattern";
inline constexpr std::string_view restart = "maint:restart";
inline constexpr std::string_view restart_confirm = "maint:restart-confirm";
inline constexpr std::string_view restart_cancel = "maint:restart-cancel";
inline constexpr std::string_view close = "maint:close";
inline constexpr std::string_view touch_area = "maint:touch-area";  // draw here
inline constexpr std::string_view touch_clear = "maint:touch-clear";
inline constexpr std::string_view touch_done = "maint:touch-done";
inline constexpr std::string_view pattern_exit = "maint:pattern-exit";  // the whole pattern
}  // namespace maint_ids

enum class MaintPage { closed, pin, status, confirm_restart, touch_test, pattern };

struct MaintenanceOptions {
    std::string pin;  // "" disables the maintenance screen
    std::chrono::milliseconds hold{3000};
    int tries_per_round = 3;
    std::chrono::seconds first_lockout{30};
    std::chrono::seconds max_lockout{3600};
    std::size_t max_pin_digits = 12;
    // Samples kept by the touch test (a minute of scribbling at 60-120 Hz); beyond this the
    // oldest strokes go, so the frame stays cheap to build and diff on a Pi.
    std::size_t max_touch_points = 5000;
};

// What the maintenance screens are drawn from.
struct MaintenanceView {
    MaintPage page = MaintPage::closed;
    std::size_t digits = 0;        // typed so far; drawn as dots
    bool wrong_pin = false;        // the last PIN entered was wrong
    int tries_left = 3;            // before the next lockout
    std::optional<std::chrono::seconds> locked_for;  // time left, rounded up
    std::optional<MaintenanceStatus> status;         // nullopt until the first arrives
    std::vector<std::vector<render::Point>> strokes;  // the touch test's trails
    // When "sync now" was last pressed while this screen was open (wall clock).
    std::optional<std::chrono::system_clock::time_point> sync_requested_at;
};

class MaintenanceFlow {
public:
    // lock_store: where the wrong-PIN count and lockout are kept across restarts (null: in
    // memory only); it is read here, once.
    MaintenanceFlow(const Clock& clock, MaintenanceOptions options, MaintenanceService* service,
                    PinLockStore* lock_store = nullptr);

    bool enabled() const { return !options_.pin.empty(); }
    bool active() const { return view_.page != MaintPage::closed; }
    const MaintenanceView& view() const { return view_; }
    const MaintenanceOptions& options() const { return options_; }

    // The corner was held long enough: show the PIN pad (or the lockout).
    void open_pin_pad();
    // Straight to the status page (--screen maintenance, replays): the command line already
    // has the machine.
    void open_unlocked();
    // Leaving: forgets the digits, strokes and status and stops the gathering.
    void close();
    // A tap on one of maint_ids; false if the id is not the maintenance screen's.
    bool activate(std::string_view id);
    // The touch test: a finger went down on / moved over the drawing area.
    void touch_down(render::Point p);
    void touch_move(render::Point p);
    void set_status(MaintenanceStatus status);
    // Moves the lockout countdown on; true if what is shown changed.
    bool tick();
    // When the lockout countdown next changes what is shown.
    std::optional<std::chrono::milliseconds> time_until_next_change() const;

private:
    void submit_pin();
    void go_status();
    void update_lock();
    void trim_strokes();
    void restore_lock();
    void keep_lock();

    const Clock& clock_;
    MaintenanceOptions options_;
    MaintenanceService* service_;
    PinLockStore* lock_store_;
    MaintenanceView view_;
    std::string typed_;
    int lockouts_ = 0;
    std::optional<std::chrono::steady_clock::time_point> locked_until_;
    bool watching_ = false;
};

}  // namespace redgrid::kiosk

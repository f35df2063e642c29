// The display schedule as the running kiosk holds it: one value written by the network side
// (a server command) and read by the UI loop, so it lives below both.
#pragma once

#include <mutex>
#include <string>

namespace redgrid::config {

// The schedule in force and whether the screen is lit, shared between the UI thread (which
// applies the schedule) and the network side (which changes it on a server command and
// reports both in the heartbeat). A change bumps a generation the UI loop polls once per
// turn (whoever changes it posts to the UiInbox so the loop turns).
class DisplaySettings {
public:
    explicit DisplaySettings(std::string schedule = {}) : schedule_(std::move(schedule)) {}
    void set_schedule(std::string schedule);
    std::string schedule() const;
    unsigned generation() const;
    void set_lit(bool lit);
    bool lit() const;

private:
    mutable std::mutex mutex_;
    std::string schedule_;
    unsigned generation_ = 0;
    bool lit_ = true;
};

}  // namespace redgrid::config

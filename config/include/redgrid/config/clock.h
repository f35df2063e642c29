// Injected time: every timer, idle return and clock display reads a Clock, so tests
// fast-forward instead of sleeping.
#pragma once

#include <chrono>

namespace redgrid {

class Clock {
public:
    virtual ~Clock() = default;
    // Wall-clock time (what the header shows, what notices' validity is judged by).
    virtual std::chrono::system_clock::time_point now() const = 0;
    // Monotonic time for timeouts and animations.
    virtual std::chrono::steady_clock::time_point steady_now() const = 0;
};

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
    std::chrono::steady_clock::time_point steady_now() const override { return std::chrono::steady_clock::now(); }
};

// Starts at a given wall time; only advance() moves it.
class FakeClock final : public Clock {
public:
    explicit FakeClock(std::chrono::system_clock::time_point start) : wall_(start) {}
    std::chrono::system_clock::time_point now() const override { return wall_; }
    std::chrono::steady_clock::time_point steady_now() const override { return steady_; }
    void advance(std::chrono::milliseconds d) {
        wall_ += d;
        steady_ += d;
    }

private:
    std::chrono::system_clock::time_point wall_;
    std::chrono::steady_clock::time_point steady_{};
};

}  // namespace redgrid

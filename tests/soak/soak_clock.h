// The soak's injected clock, shared by the kiosk (this process) and the hub (a child
// process): the simulated time is one 64-bit offset in a small file both map, so moving it
// here moves the hub's call deadlines and publishing schedule too.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "redgrid/config/clock.h"

namespace redgrid::soak {

// The simulated week starts on a Wednesday morning in Shenzhen (01:00 UTC = 09:00 +08:00).
inline const std::chrono::system_clock::time_point kStart =
    std::chrono::sys_days{std::chrono::November / 25 / 2026} + std::chrono::hours(1);

class SharedClock final : public redgrid::Clock {
public:
    explicit SharedClock(const std::filesystem::path& file) {
        const int fd = ::open(file.c_str(), O_RDWR | O_CREAT, 0600);
        if (fd < 0) throw std::runtime_error("soak clock: cannot open " + file.string());
        if (::ftruncate(fd, sizeof(std::int64_t)) != 0) {
            ::close(fd);
            throw std::runtime_error("soak clock: cannot size " + file.string());
        }
        void* mapped = ::mmap(nullptr, sizeof(std::int64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        ::close(fd);
        if (mapped == MAP_FAILED) throw std::runtime_error("soak clock: cannot map " + file.string());
        offset_ms_ = static_cast<std::int64_t*>(mapped);
    }
    ~SharedClock() override { ::munmap(offset_ms_, sizeof(std::int64_t)); }
    SharedClock(const SharedClock&) = delete;
    SharedClock& operator=(const SharedClock&) = delete;

    std::chrono::system_clock::time_point now() const override { return kStart + elapsed(); }
    std::chrono::steady_clock::time_point steady_now() const override {
        return std::chrono::steady_clock::time_point{} + elapsed();
    }
    std::chrono::milliseconds elapsed() const {
        return std::chrono::milliseconds(__atomic_load_n(offset_ms_, __ATOMIC_SEQ_CST));
    }
    void advance(std::chrono::milliseconds by) { __atomic_add_fetch(offset_ms_, by.count(), __ATOMIC_SEQ_CST); }

private:
    std::int64_t* offset_ms_ = nullptr;
};

}  // namespace redgrid::soak

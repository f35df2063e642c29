// What the maintenance PIN pad's rate limit remembers across a restart of the kiosk, and
// where it keeps it. Without this a restart (a power cut, a crash, systemd) gave a guesser
// three fresh tries and no lockout. MaintenanceFlow owns the policy (how long, what to do
// with an unreadable file); a PinLockStore only reads and writes the state.
#pragma once

#include <chrono>
#include <condition_variable>
#include <expected>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace redgrid::kiosk {

struct PinLockState {
    int failures = 0;  // wrong PINs in the current round (fewer than the round's tries)
    int lockouts = 0;  // lockouts since the last right PIN: each doubles the next
    // Wall clock, so it means the same after a restart (the steady clock starts again).
    std::optional<std::chrono::system_clock::time_point> locked_until;
    bool operator==(const PinLockState&) const = default;
};

class PinLockStore {
public:
    virtual ~PinLockStore() = default;
    // At start-up. Nothing kept yet is a fresh state, not an error; an error says what is
    // wrong and where.
    virtual std::expected<PinLockState, std::string> load() = 0;
    // After every change. Must not block the UI thread.
    virtual void save(const PinLockState& state) = 0;
};

// The state as a small JSON file in the kiosk's data dir, replaced atomically (a power cut
// leaves the old or the new one). Writes happen on the store's own thread, newest state
// wins; the destructor finishes the last one.
class PinLockFile final : public PinLockStore {
public:
    explicit PinLockFile(std::filesystem::path path);
    ~PinLockFile() override;
    PinLockFile(const PinLockFile&) = delete;
    PinLockFile& operator=(const PinLockFile&) = delete;

    std::expected<PinLockState, std::string> load() override;
    void save(const PinLockState& state) override;
    const std::filesystem::path& path() const { return path_; }

private:
    void write_loop();

    std::filesystem::path path_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<PinLockState> pending_;
    bool stopping_ = false;
    std::thread writer_;
};

// The file's text, and back; parse errors name the field.
std::string pin_lock_json(const PinLockState& state);
std::expected<PinLockState, std::string> parse_pin_lock(std::string_view text);

}  // namespace redgrid::kiosk

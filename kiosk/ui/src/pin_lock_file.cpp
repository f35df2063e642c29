#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "redgrid/config/atomic_file.h"
#include "redgrid/config/log.h"
#include "redgrid/kiosk/ui/pin_lock.h"

namespace redgrid::kiosk {
namespace {

constexpr int kVersion = 1;
// Far more than any real count: a bigger number is damage, not history.
constexpr std::uint64_t kMaxCount = 1000;
// 2100-01-01: a lockout "until" beyond it is damage too (and would overflow the clock).
constexpr std::uint64_t kMaxEpochMs = 4'102'444'800'000;

// A field that must be a whole number from 0 to max (JSON keeps those as unsigned).
std::expected<std::uint64_t, std::string> whole_field(const nlohmann::json& j, const char* name, std::uint64_t max) {
    const auto& v = j[name];
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() > max)
        return std::unexpected(std::string("\"") + name + "\" must be a whole number from 0 to " + std::to_string(max));
    return v.get<std::uint64_t>();
}

}  // namespace

std::string pin_lock_json(const PinLockState& state) {
    nlohmann::json j{{"version", kVersion}, {"failures", state.failures}, {"lockouts", state.lockouts}};
    // Milliseconds since the epoch: exact, and no time-zone reading to get wrong.
    j["locked_until_ms"] = state.locked_until ? nlohmann::json(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                                   state.locked_until->time_since_epoch())
                                                                   .count())
                                              : nlohmann::json(nullptr);
    return j.dump() + "\n";
}

std::expected<PinLockState, std::string> parse_pin_lock(std::string_view text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::unexpected("not a JSON object");
    if (!j.contains("version") || j["version"] != kVersion)
        return std::unexpected("\"version\" must be " + std::to_string(kVersion));
    for (const char* name : {"failures", "lockouts", "locked_until_ms"})
        if (!j.contains(name)) return std::unexpected(std::string("no \"") + name + "\"");
    const auto failures = whole_field(j, "failures", kMaxCount);
    if (!failures) return std::unexpected(failures.error());
    const auto lockouts = whole_field(j, "lockouts", kMaxCount);
    if (!lockouts) return std::unexpected(lockouts.error());
    PinLockState state{.failures = static_cast<int>(*failures), .lockouts = static_cast<int>(*lockouts)};
    if (!j["locked_until_ms"].is_null()) {
        const auto until = whole_field(j, "locked_until_ms", kMaxEpochMs);
        if (!until) return std::unexpected(until.error() + " (milliseconds since 1970) or null");
        state.locked_until = std::chrono::system_clock::time_point(
            std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(*until)));
    }
    return state;
}

PinLockFile::PinLockFile(std::filesystem::path path) : path_(std::move(path)), writer_([this] { write_loop(); }) {}

PinLockFile::~PinLockFile() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
}

std::expected<PinLockState, std::string> PinLockFile::load() {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) {
        if (ec) return std::unexpected("cannot look for " + path_.string() + ": " + ec.message());
        return PinLockState{};
    }
    std::ifstream in(path_, std::ios::binary);
    if (!in) return std::unexpected("cannot read " + path_.string() + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    auto state = parse_pin_lock(text.str());
    if (!state) return std::unexpected(path_.string() + ": " + state.error());
    return state;
}

void PinLockFile::save(const PinLockState& state) {
    {
        std::lock_guard lock(mutex_);
        pending_ = state;
    }
    wake_.notify_one();
}

void PinLockFile::write_loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || pending_; });
        if (!pending_) return;  // stopping, and everything is written
        const PinLockState state = *std::exchange(pending_, std::nullopt);
        lock.unlock();
        if (auto written = config::write_file_atomically(path_, pin_lock_json(state), 0600); !written)
            config::log(config::LogLevel::warning,
                        "maintenance: the PIN lockout is not kept across a restart: {}", written.error());
        lock.lock();
    }
}

}  // namespace redgrid::kiosk

#pragma once
// UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits.
// Ids minted on the kiosk name every queued event; the hub de-duplicates by id, so they
// must be unique across the fleet (74 random bits per millisecond) and, on one device,
// sort in the order they were minted (so a queue listing by id reads chronologically).

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace redgrid::net {

class UuidV7Generator {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;
    // Fills the span with unpredictable bytes.
    using RandomSource = std::function<void(std::span<std::uint8_t>)>;

    // The real clock and the operating system's random device.
    UuidV7Generator();
    UuidV7Generator(Clock clock, RandomSource random);

    // Lower-case, hyphenated, 36 characters. Strictly increasing (as strings and as
    // numbers) across calls on one generator, even when the clock stands still or steps
    // backwards: then the previous timestamp is reused and the 74-bit random field is
    // incremented (RFC 9562 section 6.2, method 2 "monotonic random").
    std::string next();

    static Clock system_clock();
    static RandomSource system_random();

private:
    Clock clock_;
    RandomSource random_;
    std::uint64_t last_ms_ = 0;
    std::uint16_t last_rand_a_ = 0;  // 12 bits used
    std::uint64_t last_rand_b_ = 0;  // 62 bits used
    bool has_last_ = false;
};

// True for a well-formed hyphenated lower- or upper-case UUID of version 7, RFC variant.
bool is_uuid_v7(std::string_view text);

// The millisecond timestamp inside a v7 UUID (the caller checked is_uuid_v7).
std::uint64_t uuid_v7_unix_ms(std::string_view text);

}  // namespace redgrid::net

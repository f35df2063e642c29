#include "redgrid/net/uuid.h"

#include <array>
#include <memory>
#include <random>
#include <utility>

namespace redgrid::net {
namespace {

constexpr std::uint64_t kRandBMask = (std::uint64_t{1} << 62) - 1;
constexpr std::uint16_t kRandAMask = 0x0FFF;

std::uint64_t to_unix_ms(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    // Before 1970 (a board with a dead RTC battery can boot there): clamp to zero; the
    // generator still increments, so ids stay unique and ordered.
    return ms < 0 ? 0 : static_cast<std::uint64_t>(ms);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

UuidV7Generator::Clock UuidV7Generator::system_clock() {
    return [] { return std::chrono::system_clock::now(); };
}

UuidV7Generator::RandomSource UuidV7Generator::system_random() {
    // std::random_device reads the kernel's getrandom()/urandom on Linux; shared so the
    // std::function stays copyable.
    auto device = std::make_shared<std::random_device>();
    return [device](std::span<std::uint8_t> out) {
        for (auto& byte : out) byte = static_cast<std::uint8_t>((*device)() & 0xFF);
    };
}

UuidV7Generator::UuidV7Generator() : UuidV7Generator(system_clock(), system_random()) {}

UuidV7Generator::UuidV7Generator(Clock clock, RandomSource random)
    : clock_(std::move(clock)), random_(std::move(random)) {}

std::string UuidV7Generator::next() {
    const std::uint64_t now_ms = to_unix_ms(clock_());
    const auto fresh_random = [this] {
        std::array<std::uint8_t, 10> bytes{};
        random_(bytes);
        std::uint64_t b = 0;
        for (std::size_t i = 2; i < bytes.size(); ++i) b = (b << 8) | bytes[i];
        // The top bit of rand_a starts clear so at least 2^73 increments fit in one
        // millisecond before the timestamp has to be pushed forward.
        last_rand_a_ = static_cast<std::uint16_t>(((bytes[0] << 8) | bytes[1]) & 0x07FF);
        last_rand_b_ = b & kRandBMask;
    };

    if (!has_last_ || now_ms > last_ms_) {
        last_ms_ = now_ms;
        fresh_random();
    } else if (last_rand_b_ < kRandBMask) {
        ++last_rand_b_;
    } else {
        last_rand_b_ = 0;
        if (last_rand_a_ < kRandAMask) {
            ++last_rand_a_;
        } else {
            ++last_ms_;
            fresh_random();
        }
    }
    has_last_ = true;

    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 6; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(last_ms_ >> (40 - 8 * i));
    bytes[6] = static_cast<std::uint8_t>(0x70 | ((last_rand_a_ >> 8) & 0x0F));
    bytes[7] = static_cast<std::uint8_t>(last_rand_a_ & 0xFF);
    bytes[8] = static_cast<std::uint8_t>(0x80 | ((last_rand_b_ >> 56) & 0x3F));
    for (int i = 9; i < 16; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(last_rand_b_ >> (8 * (15 - i)));

    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
        text.push_back(kHex[bytes[i] >> 4]);
        text.push_back(kHex[bytes[i] & 0x0F]);
    }
    return text;
}

bool is_uuid_v7(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool hyphen_slot = i == 8 || i == 13 || i == 18 || i == 23;
        if (hyphen_slot != (text[i] == '-')) return false;
        if (!hyphen_slot && hex_value(text[i]) < 0) return false;
    }
    const int variant = hex_value(text[19]);
    return text[14] == '7' && variant >= 8 && variant <= 11;
}

std::uint64_t uuid_v7_unix_ms(std::string_view text) {
    std::uint64_t ms = 0;
    for (std::size_t i = 0; i < 13; ++i) {
        if (text[i] == '-') continue;
        ms = (ms << 4) | static_cast<std::uint64_t>(hex_value(text[i]));
    }
    return ms;
}

}  // namespace redgrid::net

// Shared helpers for the config tests: a scratch directory and error lookups.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/config/config.h"

namespace redgrid::config::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "redgrid-config-test-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    std::filesystem::path write(const std::string& name, std::string_view text) const {
        const auto file = path_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

private:
    std::filesystem::path path_;
};

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

inline std::string describe(const std::vector<ConfigError>& errors) {
    std::string out;
    for (const auto& error : errors) out += "  " + error.to_string() + "\n";
    return out;
}

// The problems parse_config finds in text (named "kiosk.json"); fails the test
// when the text is accepted.
inline std::vector<ConfigError> problems(std::string_view text, const Environment& env = {}) {
    auto result = parse_config(text, "kiosk.json", env);
    EXPECT_FALSE(result.has_value()) << "accepted:\n" << text;
    return result ? std::vector<ConfigError>{} : result.error();
}

// Asserts the text has exactly one problem, at key on line, whose message
// contains word.
inline void expect_single_problem(std::string_view text, const std::string& key, int line,
                                  std::string_view word, const Environment& env = {}) {
    const auto errors = problems(text, env);
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0].file, "kiosk.json");
    EXPECT_EQ(errors[0].key, key) << describe(errors);
    EXPECT_EQ(errors[0].line, line) << describe(errors);
    EXPECT_TRUE(contains(errors[0].message, word))
        << "message lacks \"" << word << "\": " << errors[0].to_string();
}

}  // namespace redgrid::config::testing

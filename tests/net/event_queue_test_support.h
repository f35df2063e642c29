#pragma once
// Shared by the event queue tests: a temporary directory and a hand-driven clock.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "redgrid/net/event_queue.h"

namespace redgrid::net::testing {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "redgrid-queue-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Starts at 2026-03-01 09:00:00 UTC; moves only when told.
struct ManualClock {
    std::shared_ptr<TimePoint> now =
        std::make_shared<TimePoint>(std::chrono::sys_days(std::chrono::year{2026} / 3 / 1) + std::chrono::hours(9));
    Clock clock() const {
        return [now = now] { return *now; };
    }
    void advance(std::chrono::milliseconds by) const { *now += by; }
};

inline std::vector<std::string> ids_of(const std::vector<Event>& events) {
    std::vector<std::string> ids;
    for (const auto& e : events) ids.push_back(e.id);
    return ids;
}

// Reads the file with plain SQLite, not through the queue: what a technician would see.
struct RawFile {
    sqlite3* db = nullptr;
    explicit RawFile(const std::filesystem::path& path) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db);
        }
    }
    ~RawFile() { sqlite3_close_v2(db); }
    RawFile(const RawFile&) = delete;
    RawFile& operator=(const RawFile&) = delete;

    std::string text(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        std::string result;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            result = std::string("error: ") + sqlite3_errmsg(db);
        } else {
            while (sqlite3_step(statement) == SQLITE_ROW) {
                if (!result.empty()) result += "\n";
                const auto* value = sqlite3_column_text(statement, 0);
                result += value ? reinterpret_cast<const char*>(value) : "NULL";
            }
        }
        sqlite3_finalize(statement);
        return result;
    }
    long long number(const std::string& sql) { return std::stoll(text(sql)); }
};

}  // namespace redgrid::net::testing

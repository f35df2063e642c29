// The embedded backend: one SQLite file in WAL mode, one connection shared by every store
// of the process. Statements are prepared once and kept (the hot paths run the same few
// thousands of times a second); a recursive mutex makes a transaction's statements, run
// from the same thread, join it while other threads wait.
#include <sqlite3.h>

#include <map>
#include <mutex>

#include "backends.h"
#include "redgrid/config/log.h"

namespace redgrid::hub::sql {
namespace {

struct Finalize {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
struct Close {
    // close_v2: should a statement still be open, the connection closes once it is finalized.
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, Finalize>;

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::unique_ptr<sqlite3, Close> db, std::filesystem::path file)
        : db_(std::move(db)), file_(std::move(file)) {}

    Backend backend() const override { return Backend::sqlite; }
    std::string describe() const override { return file_.string(); }

    Result run(std::string_view sql, std::initializer_list<Param> params) override {
        std::lock_guard lock(mutex_);
        auto* statement = prepared(sql);
        if (!statement) return failure("cannot prepare \"" + statement_head(sql) + "\": " + sqlite3_errmsg(db_.get()));
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        int index = 1;
        for (const auto& param : params) {
            if (const auto* text = std::get_if<std::string>(&param.value))
                sqlite3_bind_text(statement, index, text->data(), int(text->size()), SQLITE_TRANSIENT);
            else if (const auto* number = std::get_if<std::int64_t>(&param.value))
                sqlite3_bind_int64(statement, index, *number);
            else
                sqlite3_bind_null(statement, index);
            ++index;
        }
        Rows rows;
        const int columns = sqlite3_column_count(statement);
        for (;;) {
            const int code = sqlite3_step(statement);
            if (code == SQLITE_DONE) break;
            if (code != SQLITE_ROW) {
                std::string message = "\"" + statement_head(sql) + "\": " + sqlite3_errmsg(db_.get());
                sqlite3_reset(statement);
                return failure(std::move(message));
            }
            std::vector<Value> row;
            row.reserve(std::size_t(columns));
            for (int column = 0; column < columns; ++column) {
                switch (sqlite3_column_type(statement, column)) {
                    case SQLITE_NULL:
                        row.emplace_back(std::monostate{});
                        break;
                    case SQLITE_INTEGER:
                        row.emplace_back(std::int64_t{sqlite3_column_int64(statement, column)});
                        break;
                    default: {
                        const auto* text = sqlite3_column_text(statement, column);
                        row.emplace_back(text ? std::string(reinterpret_cast<const char*>(text),
                                                            std::size_t(sqlite3_column_bytes(statement, column)))
                                              : std::string());
                    }
                }
            }
            rows.add_row(std::move(row));
        }
        if (!sqlite3_stmt_readonly(statement)) rows.set_changed(sqlite3_changes(db_.get()));
        sqlite3_reset(statement);  // a finished SELECT must not hold its read transaction open
        return rows;
    }

    Done run_script(std::string_view sql) override {
        std::lock_guard lock(mutex_);
        char* error = nullptr;
        if (sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : "sqlite error";
            sqlite3_free(error);
            return std::unexpected(message);
        }
        return {};
    }

    Done transaction(std::string_view, const std::function<Done()>& body) override {
        // SQLite has one writer at a time: BEGIN IMMEDIATE takes the file's write lock,
        // which is every lock name at once (other processes, like `redgrid-hub call`, wait
        // for it within the busy timeout).
        std::unique_lock lock(mutex_);
        if (depth_ > 0) return body();
        if (auto begun = run_script("BEGIN IMMEDIATE"); !begun) return failure("cannot begin: " + begun.error());
        ++depth_;
        auto done = body();
        --depth_;
        if (done) {
            if (auto committed = run_script("COMMIT"); committed)
                return done;
            else
                done = failure("cannot commit: " + committed.error());
        }
        (void)run_script("ROLLBACK");
        return done;
    }

private:
    sqlite3_stmt* prepared(std::string_view sql) {
        const auto found = statements_.find(sql);
        if (found != statements_.end()) return found->second.get();
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v3(db_.get(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                               nullptr) != SQLITE_OK ||
            !statement) {
            sqlite3_finalize(statement);
            return nullptr;
        }
        return statements_.emplace(std::string(sql), StatementPtr(statement)).first->second.get();
    }

    static std::unexpected<std::string> failure(std::string message) {
        config::log(config::LogLevel::error, "hub database: {}", message);
        return std::unexpected(std::move(message));
    }

    std::recursive_mutex mutex_;
    int depth_ = 0;  // guarded by mutex_
    // Members are destroyed last to first: the connection is declared before its
    // statements so they are finalized before it closes (a connection closed with
    // statements open stays open, and leaks).
    std::unique_ptr<sqlite3, Close> db_;
    std::map<std::string, StatementPtr, std::less<>> statements_;
    std::filesystem::path file_;
};

}  // namespace

std::expected<std::shared_ptr<Database>, std::string> open_sqlite(const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    const int code =
        sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<sqlite3, Close> db(raw);
    if (code != SQLITE_OK)
        return std::unexpected("cannot open " + file.string() + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
    sqlite3_busy_timeout(db.get(), 5000);
    auto database = std::make_shared<SqliteDatabase>(std::move(db), file);
    // WAL: readers do not wait for the writer. FULL: a commit the kiosk is told about
    // survives a power cut (NORMAL could lose the last ones, acknowledged or not): an fsync
    // of the WAL per transaction, which group commit makes one per batch of requests.
    if (auto set = database->run_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !set)
        return std::unexpected(file.string() + ": " + set.error());
    return database;
}

}  // namespace redgrid::hub::sql

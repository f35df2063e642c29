#include "redgrid/hub/store/sqlite_statement.h"

#include "redgrid/config/log.h"

namespace redgrid::hub::sql {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql.substr(0, 60)) {
    if (sql.size() > 60) sql_ += "...";
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &statement, nullptr);
    statement_.reset(statement);
    if (code != SQLITE_OK || !statement) {
        statement_.reset();
        error_ = "cannot prepare \"" + sql_ + "\": " + (db ? sqlite3_errmsg(db) : "no database");
        config::log(config::LogLevel::error, "hub database: {}", error_);
    }
}

void Statement::bind(int index, std::string_view text) {
    if (ok()) sqlite3_bind_text(get(), index, text.data(), int(text.size()), SQLITE_TRANSIENT);
}

void Statement::bind(int index, std::int64_t value) {
    if (ok()) sqlite3_bind_int64(get(), index, value);
}

int Statement::step() {
    return ok() ? sqlite3_step(get()) : SQLITE_ERROR;
}

std::expected<void, std::string> Statement::run() {
    if (!ok()) return std::unexpected(error_);
    const int code = sqlite3_step(get());
    if (code == SQLITE_DONE || code == SQLITE_ROW) return {};
    return std::unexpected("\"" + sql_ + "\": " + sqlite3_errmsg(db_));
}

bool Statement::run_or_log() {
    const auto done = run();
    if (!done && ok()) config::log(config::LogLevel::error, "hub database: {}", done.error());
    return done.has_value();
}

std::expected<bool, std::string> Statement::next() {
    if (!ok()) return std::unexpected(error_);
    const int code = sqlite3_step(get());
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    return std::unexpected("\"" + sql_ + "\": " + sqlite3_errmsg(db_));
}

void Statement::reset() {
    if (ok()) sqlite3_reset(get());
}

std::string Statement::text(int column) const {
    const auto* text = ok() ? sqlite3_column_text(get(), column) : nullptr;
    return text ? std::string(reinterpret_cast<const char*>(text), std::size_t(sqlite3_column_bytes(get(), column)))
                : std::string();
}

std::int64_t Statement::int64(int column) const {
    return ok() ? sqlite3_column_int64(get(), column) : 0;
}

bool Statement::is_null(int column) const {
    return !ok() || sqlite3_column_type(get(), column) == SQLITE_NULL;
}

}  // namespace redgrid::hub::sql

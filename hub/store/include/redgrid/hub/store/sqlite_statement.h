// One prepared SQLite statement for the hub's stores (hub_store.cpp, hub_records.cpp):
// finalized when it goes out of scope, and every failure carries what failed. A statement
// that does not prepare (a schema that lost a table, a typo in SQL) is not a silent null
// any more: the failure is logged once with the statement and SQLite's words, every step
// of it fails, and run()/next() return that message for the caller to pass on.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

namespace redgrid::hub::sql {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);

    bool ok() const { return statement_ != nullptr; }
    // Why it did not prepare: "cannot prepare \"INSERT INTO ...\": no such table: x".
    const std::string& error() const { return error_; }
    sqlite3_stmt* get() const { return statement_.get(); }

    // Binding to a statement that did not prepare does nothing; the step reports it.
    void bind(int index, std::string_view text);
    void bind(int index, std::int64_t value);

    // One sqlite3_step; SQLITE_ERROR for a statement that did not prepare.
    int step();
    // Steps to the end (an INSERT, UPDATE or DELETE): an error names SQLite's message.
    std::expected<void, std::string> run();
    // run() for a caller that has no error to return (a trim, a log line): the failure
    // goes to the journal instead of nowhere. False when it failed.
    bool run_or_log();
    // The next row: true, false at the end, or an error.
    std::expected<bool, std::string> next();
    void reset();

    std::string text(int column) const;
    std::int64_t int64(int column) const;
    bool is_null(int column) const;

private:
    struct Finalize {
        void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalize> statement_;
    std::string sql_;  // the start of it, for messages
    std::string error_;
};

}  // namespace redgrid::hub::sql

// The hub's tables over one of two backends: SQLite (one file, embedded, nothing to set
// up: the default) and PostgreSQL (several hub instances on one database). The stores
// speak SQL through this and nothing else, in the dialect both backends accept:
// parameters written ?1..?N, INSERT ... ON CONFLICT, RETURNING. Results are read whole
// into memory: the hub's queries are small (a kiosk's commands, a call, a page of rows).
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace redgrid::hub::sql {

// A parameter or a cell: NULL, an integer, or text (bytes kept as they are).
using Value = std::variant<std::monostate, std::int64_t, std::string>;

struct Param {
    Value value;
    Param(std::string_view text) : value(std::string(text)) {}
    Param(const char* text) : value(std::string(text)) {}
    Param(const std::string& text) : value(text) {}
    Param(std::int64_t number) : value(number) {}
    Param(int number) : value(std::int64_t{number}) {}
    Param(std::optional<std::int64_t> number) {
        if (number) value = *number;
    }
};

class Rows {
public:
    std::size_t size() const { return cells_.size(); }
    bool empty() const { return cells_.empty(); }
    // Rows an INSERT, UPDATE or DELETE changed (RETURNING rows are in cells as well).
    std::int64_t changed() const { return changed_; }

    // Out-of-range cells read as NULL: "", 0.
    std::string text(std::size_t row, std::size_t column) const;
    std::int64_t int64(std::size_t row, std::size_t column) const;
    bool is_null(std::size_t row, std::size_t column) const;

    void add_row(std::vector<Value> row) { cells_.push_back(std::move(row)); }
    void set_changed(std::int64_t changed) { changed_ = changed; }

private:
    std::vector<std::vector<Value>> cells_;
    std::int64_t changed_ = 0;
};

using Result = std::expected<Rows, std::string>;
using Done = std::expected<void, std::string>;

enum class Backend { sqlite, postgresql };

class Database {
public:
    // "postgresql://..." or "postgres://...": PostgreSQL; anything else is a SQLite file.
    // Applies the schema's migrations that are missing (schema.h) before it returns.
    static std::expected<std::shared_ptr<Database>, std::string> open(const std::string& where);

    virtual ~Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    virtual Backend backend() const = 0;
    // The file, or the URL without its password: for messages and logs.
    virtual std::string describe() const = 0;

    // One statement. A failure names the statement's start and the backend's words, and
    // is logged once.
    virtual Result run(std::string_view sql, std::initializer_list<Param> params = {}) = 0;
    // Several statements without parameters (a migration's DDL).
    virtual Done run_script(std::string_view sql) = 0;

    // Runs body as one transaction: all of it or none (body's error rolls back). Writers
    // that name the same lock run one at a time across every hub on the database; "" takes
    // none (statements that are safe side by side, like INSERT ... ON CONFLICT DO NOTHING).
    // A transaction inside another joins the outer one.
    virtual Done transaction(std::string_view lock, const std::function<Done()>& body) = 0;

protected:
    Database() = default;
};

// For the SQL written once for both: the text of ?N placeholders renumbered as $N
// (PostgreSQL's), quoted strings left alone.
std::string dollar_placeholders(std::string_view sql);

}  // namespace redgrid::hub::sql

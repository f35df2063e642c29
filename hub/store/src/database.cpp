#include "redgrid/hub/store/database.h"

#include <charconv>

#include "backends.h"
#include "redgrid/hub/store/schema.h"

namespace redgrid::hub::sql {

std::string Rows::text(std::size_t row, std::size_t column) const {
    if (row >= cells_.size() || column >= cells_[row].size()) return {};
    const auto& cell = cells_[row][column];
    if (const auto* text = std::get_if<std::string>(&cell)) return *text;
    if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
    return {};
}

std::int64_t Rows::int64(std::size_t row, std::size_t column) const {
    if (row >= cells_.size() || column >= cells_[row].size()) return 0;
    const auto& cell = cells_[row][column];
    if (const auto* number = std::get_if<std::int64_t>(&cell)) return *number;
    if (const auto* text = std::get_if<std::string>(&cell)) {
        std::int64_t value = 0;
        const auto* begin = text->data();
        std::from_chars(begin, begin + text->size(), value);
        return value;
    }
    return 0;
}

bool Rows::is_null(std::size_t row, std::size_t column) const {
    if (row >= cells_.size() || column >= cells_[row].size()) return true;
    return std::holds_alternative<std::monostate>(cells_[row][column]);
}

std::string dollar_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?') {
            c = '$';
        }
        out += c;
    }
    return out;
}

std::string statement_head(std::string_view sql) {
    std::string head(sql.substr(0, 60));
    if (sql.size() > 60) head += "...";
    return head;
}

std::expected<std::shared_ptr<Database>, std::string> Database::open(const std::string& where) {
    const bool postgres = where.starts_with("postgresql://") || where.starts_with("postgres://");
    auto database = postgres ? open_postgresql(where) : open_sqlite(where);
    if (!database) return database;
    if (auto migrated = migrate(**database); !migrated)
        return std::unexpected((*database)->describe() + ": " + migrated.error());
    return database;
}

}  // namespace redgrid::hub::sql

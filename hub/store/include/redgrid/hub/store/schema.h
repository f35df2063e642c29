// The hub's schema as numbered migrations, one text per backend. A database records the
// versions it has in schema_migrations; Database::open applies the missing ones in order,
// each in its own transaction, and `redgrid-hub migrate` does only that and says what.
// A migration, once released, is never edited: a change is a new one.
#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/hub/store/database.h"

namespace redgrid::hub::sql {

struct Migration {
    int version;
    std::string_view what;
    std::string_view sqlite;
    std::string_view postgresql;
};

std::span<const Migration> migrations();

// The versions applied now (empty when the schema was current). An error names the
// migration and the database's words; what applied before it stays.
std::expected<std::vector<int>, std::string> migrate(Database& database);

// The newest version the database has (0 for an empty one).
std::expected<int, std::string> schema_version(Database& database);

}  // namespace redgrid::hub::sql

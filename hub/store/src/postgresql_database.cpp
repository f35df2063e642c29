#include "backends.h"

namespace redgrid::hub::sql {

std::expected<std::shared_ptr<Database>, std::string> open_postgresql(const std::string& url) {
    (void)url;
    return std::unexpected(
        "this redgrid-hub has no PostgreSQL backend yet (libpqxx, issue 17): use --data DIR for the embedded SQLite "
        "store");
}

}  // namespace redgrid::hub::sql

// The two Database implementations, for Database::open.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "redgrid/hub/store/database.h"

namespace redgrid::hub::sql {

std::expected<std::shared_ptr<Database>, std::string> open_sqlite(const std::filesystem::path& file);
std::expected<std::shared_ptr<Database>, std::string> open_postgresql(const std::string& url);

// The statement's start, for messages: "INSERT INTO calls(kiosk_id, ...".
std::string statement_head(std::string_view sql);

}  // namespace redgrid::hub::sql

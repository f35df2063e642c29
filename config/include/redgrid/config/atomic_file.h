// Whole-file replacement that survives a crash or power cut at any moment: write a
// temporary file in the same directory, fsync it, rename it over the target, fsync the
// directory. Readers see the old or the new content, never a mix.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace redgrid::config {

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                                                       int mode = 0644);

}  // namespace redgrid::config

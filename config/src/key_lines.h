// Where each key sits in a JSON-with-comments text. nlohmann::json reports the
// position of syntax errors but not of keys, and a technician needs a line number
// for every problem, so this walks the text once and remembers them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace redgrid::config::detail {

struct DuplicateKey {
    std::string path;
    int line = 0;        // the repeated occurrence
    int first_line = 0;  // the one it repeats
};

struct KeyLines {
    // "screen.width" -> line of the key; "fonts.text[1]" -> line where the element
    // starts; "" -> line where the root value starts. 1-based.
    std::map<std::string, int> lines;
    std::vector<DuplicateKey> duplicates;

    // Line of path, or of its nearest recorded ancestor; 0 if none is known.
    int line_of(std::string_view path) const;
};

// Tolerant of anything: on text that is not valid JSON it records what it can.
KeyLines scan_key_lines(std::string_view text);

// "screen" + "width" -> "screen.width"; "" + "kiosk_id" -> "kiosk_id".
std::string join_path(std::string_view parent, std::string_view key);

}  // namespace redgrid::config::detail

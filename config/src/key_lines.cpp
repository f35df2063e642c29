#include "key_lines.h"

#include <cstdint>
#include <algorithm>

namespace redgrid::config::detail {

std::string join_path(std::string_view parent, std::string_view key) {
    std::string path(parent);
    if (!path.empty()) path += '.';
    path += key;
    return path;
}

int KeyLines::line_of(std::string_view path) const {
    std::string candidate(path);
    while (true) {
        if (auto found = lines.find(candidate); found != lines.end()) return found->second;
        if (candidate.empty()) return 0;
        // Strip the last ".key" or "[i]" and try the parent.
        const auto cut = candidate.find_last_of(".[");
        candidate.resize(cut == std::string::npos ? 0 : cut);
    }
}

namespace {

void append_utf8(std::string& out, std::uint32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    KeyLines run() {
        while (pos_ < text_.size()) step();
        return std::move(result_);
    }

private:
    struct Frame {
        bool is_object = false;
        std::string path;
        bool expect_key = true;     // objects: the next string is a key
        std::string pending_value;  // objects: path of the value after the current key
        int array_index = 0;
        std::map<std::string, int, std::less<>> seen;  // objects: key -> first line
    };

    void step() {
        const char c = text_[pos_];
        if (c == '\n') {
            ++line_;
            ++pos_;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
            ++pos_;
        } else if (c == '/' && peek(1) == '/') {
            while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
        } else if (c == '/' && peek(1) == '*') {
            skip_block_comment();
        } else if (c == ',') {
            ++pos_;
            if (!stack_.empty()) {
                if (stack_.back().is_object) {
                    stack_.back().expect_key = true;
                } else {
                    ++stack_.back().array_index;
                }
            }
        } else if (c == '{' || c == '[') {
            const std::string path = begin_value();
            ++pos_;
            Frame frame;
            frame.is_object = c == '{';
            frame.path = path;
            stack_.push_back(std::move(frame));
        } else if (c == '}' || c == ']') {
            ++pos_;
            if (!stack_.empty()) stack_.pop_back();
        } else if (c == '"') {
            if (!stack_.empty() && stack_.back().is_object && stack_.back().expect_key) {
                const int key_line = line_;
                record_key(read_string(), key_line);
            } else {
                begin_value();
                read_string();
            }
        } else {
            begin_value();
            skip_scalar();
        }
    }

    char peek(std::size_t ahead) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }

    // Records where a value starts and returns its path.
    std::string begin_value() {
        if (stack_.empty()) {
            result_.lines.try_emplace("", line_);
            return "";
        }
        Frame& frame = stack_.back();
        if (frame.is_object) return frame.pending_value;
        std::string path = frame.path + "[" + std::to_string(frame.array_index) + "]";
        result_.lines[path] = line_;
        return path;
    }

    void record_key(const std::string& key, int key_line) {
        Frame& frame = stack_.back();
        frame.expect_key = false;
        frame.pending_value = join_path(frame.path, key);
        // The last occurrence wins, as it does in nlohmann::json.
        result_.lines[frame.pending_value] = key_line;
        auto [first, inserted] = frame.seen.try_emplace(key, key_line);
        if (!inserted) {
            result_.duplicates.push_back({frame.pending_value, key_line, first->second});
        }
    }

    void skip_block_comment() {
        pos_ += 2;
        while (pos_ < text_.size() && !(text_[pos_] == '*' && peek(1) == '/')) {
            if (text_[pos_] == '\n') ++line_;
            ++pos_;
        }
        pos_ = std::min(pos_ + 2, text_.size());
    }

    void skip_scalar() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ',' || c == '}' || c == ']' || c == ':' || c == '"' || c == ' ' ||
                c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '{' || c == '[') {
                break;
            }
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '/' && peek(1) != '/' && peek(1) != '*') {
            ++pos_;  // a stray slash: move on rather than loop on it
        }
    }

    std::uint32_t read_hex4() {
        std::uint32_t value = 0;
        for (int i = 0; i < 4 && pos_ < text_.size(); ++i, ++pos_) {
            const char c = text_[pos_];
            value <<= 4;
            if (c >= '0' && c <= '9') value |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') value |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') value |= static_cast<std::uint32_t>(c - 'A' + 10);
        }
        return value;
    }

    // Reads a string starting at the opening quote; returns it unescaped.
    std::string read_string() {
        std::string out;
        ++pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (c == '"') break;
            if (c == '\n') ++line_;  // invalid JSON, but keep counting
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) break;
            const char escaped = text_[pos_++];
            switch (escaped) {
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t code_point = read_hex4();
                    if (code_point >= 0xD800 && code_point < 0xDC00 && peek(0) == '\\' &&
                        peek(1) == 'u') {
                        pos_ += 2;
                        const std::uint32_t low = read_hex4();
                        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
                    }
                    append_utf8(out, code_point);
                    break;
                }
                default: out += escaped; break;  // \" \\ \/
            }
        }
        return out;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    std::vector<Frame> stack_;
    KeyLines result_;
};

}  // namespace

KeyLines scan_key_lines(std::string_view text) { return Scanner(text).run(); }

}  // namespace redgrid::config::detail

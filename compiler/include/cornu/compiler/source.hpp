// Source files and positions in them.
//
// Every AST node and every diagnostic carries a SourceLocation: a file id handed out by the
// SourceManager plus a 1-based line and column (columns count bytes, so a caret under a line
// lands where an editor's byte column says).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cornu {

struct SourceLocation {
    std::uint32_t file = 0;    // 0 = no file (built-in or synthesised)
    std::uint32_t line = 0;    // 1-based; 0 = unknown
    std::uint32_t column = 0;  // 1-based byte column; 0 = unknown

    bool valid() const { return file != 0 && line != 0; }
};

class SourceManager {
public:
    // Registers a buffer under a display name (normally the path). Returns its file id (>= 1).
    std::uint32_t add(std::string name, std::string text);

    const std::string& name(std::uint32_t file) const;
    const std::string& text(std::uint32_t file) const;

    // The text of a 1-based line without its line terminator; empty if out of range.
    std::string_view line(std::uint32_t file, std::uint32_t line) const;

    std::uint32_t file_count() const { return static_cast<std::uint32_t>(files_.size()); }

private:
    struct File {
        std::string name;
        std::string text;
        std::vector<std::size_t> line_starts;  // byte offset of each line's first character
    };
    std::vector<File> files_;
};

}  // namespace cornu

// Diagnostics: errors, warnings and notes about user input, rendered as
//
//   file:line:col: error: message
//    12 |     x = y +
//       |            ^
//   hint: what to do about it
//
// Every stage that reads user input reports through a DiagnosticEngine instead of throwing, so
// that one run reports as many independent problems as it can find.
#pragma once

#include "cornu/compiler/source.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace cornu {

enum class Severity { note, warning, error };

struct Diagnostic {
    Severity severity = Severity::error;
    SourceLocation location;
    std::string message;
    std::string hint;  // what the user can do; may be empty
};

class DiagnosticEngine {
public:
    explicit DiagnosticEngine(const SourceManager& sources, std::size_t max_errors = 50)
        : sources_(sources), max_errors_(max_errors) {}

    void error(SourceLocation where, std::string message, std::string hint = {});
    void warning(SourceLocation where, std::string message, std::string hint = {});
    void note(SourceLocation where, std::string message, std::string hint = {});
    void report(Diagnostic diagnostic);

    std::size_t error_count() const { return error_count_; }
    std::size_t warning_count() const { return warning_count_; }
    bool has_errors() const { return error_count_ > 0; }
    // True once max_errors errors were reported; later errors are counted but not kept.
    bool too_many_errors() const { return error_count_ >= max_errors_; }

    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    const SourceManager& sources() const { return sources_; }

    // Renders every kept diagnostic in report order; colour adds ANSI highlighting.
    void render(std::ostream& out, bool colour = false) const;
    std::string render_to_string() const;

private:
    const SourceManager& sources_;
    std::size_t max_errors_;
    std::size_t error_count_ = 0;
    std::size_t warning_count_ = 0;
    std::vector<Diagnostic> diagnostics_;
};

// Renders one diagnostic (used by render(); exposed for tools that stream diagnostics).
void render_diagnostic(std::ostream& out, const SourceManager& sources, const Diagnostic& d,
                       bool colour = false);

}  // namespace cornu

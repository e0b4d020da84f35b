#include "cornu/compiler/diagnostics.hpp"

#include <ostream>
#include <sstream>

namespace cornu {

void DiagnosticEngine::error(SourceLocation where, std::string message, std::string hint) {
    report({Severity::error, where, std::move(message), std::move(hint)});
}

void DiagnosticEngine::warning(SourceLocation where, std::string message, std::string hint) {
    report({Severity::warning, where, std::move(message), std::move(hint)});
}

void DiagnosticEngine::note(SourceLocation where, std::string message, std::string hint) {
    report({Severity::note, where, std::move(message), std::move(hint)});
}

void DiagnosticEngine::report(Diagnostic diagnostic) {
    if (diagnostic.severity == Severity::error) {
        // Keep the first max_errors_ errors; a cascade after that helps nobody.
        if (error_count_++ >= max_errors_) return;
    } else if (diagnostic.severity == Severity::warning) {
        if (warning_count_++ >= max_errors_) return;
    }
    diagnostics_.push_back(std::move(diagnostic));
}

namespace {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::note: return "note";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

const char* severity_colour(Severity s) {
    switch (s) {
        case Severity::note: return "\033[1;36m";
        case Severity::warning: return "\033[1;35m";
        case Severity::error: return "\033[1;31m";
    }
    return "";
}

// Control characters and bytes outside ASCII would garble a terminal; show them as '?'.
std::string printable(std::string_view line) {
    std::string out(line);
    for (char& c : out) {
        auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u >= 0x7f) c = '?';
    }
    return out;
}

}  // namespace

void render_diagnostic(std::ostream& out, const SourceManager& sources, const Diagnostic& d,
                       bool colour) {
    const char* bold = colour ? "\033[1m" : "";
    const char* reset = colour ? "\033[0m" : "";
    out << bold;
    if (d.location.file != 0) {
        out << sources.name(d.location.file);
        if (d.location.line != 0) {
            out << ':' << d.location.line;
            if (d.location.column != 0) out << ':' << d.location.column;
        }
        out << ": ";
    }
    out << reset << (colour ? severity_colour(d.severity) : "") << severity_name(d.severity)
        << ':' << reset << bold << ' ' << d.message << reset << '\n';

    std::string_view line = sources.line(d.location.file, d.location.line);
    if (d.location.line != 0 && !line.empty()) {
        std::string number = std::to_string(d.location.line);
        std::string text = printable(line.substr(0, 400));
        out << ' ' << number << " | " << text << '\n';
        out << ' ' << std::string(number.size(), ' ') << " | ";
        // Reproduce tabs so that the caret lines up under the offending column.
        std::uint32_t column = d.location.column == 0 ? 1 : d.location.column;
        for (std::uint32_t i = 1; i < column && i - 1 < text.size(); ++i)
            out << (text[i - 1] == '\t' ? '\t' : ' ');
        out << (colour ? "\033[1;32m" : "") << '^' << reset << '\n';
    }
    if (!d.hint.empty()) out << "hint: " << d.hint << '\n';
}

void DiagnosticEngine::render(std::ostream& out, bool colour) const {
    for (const Diagnostic& d : diagnostics_) render_diagnostic(out, sources_, d, colour);
    if (error_count_ > max_errors_)
        out << "note: " << (error_count_ - max_errors_) << " more errors not shown\n";
}

std::string DiagnosticEngine::render_to_string() const {
    std::ostringstream out;
    render(out);
    return out.str();
}

}  // namespace cornu

// The NMODL corpora:
//  - tests/nmodl/valid/*.mod: one file per construct of the language; each must parse and analyse
//    without errors (warnings allowed, and checked when a .expect file lists them);
//  - tests/nmodl/malformed/*.mod: each has a .expect file listing the diagnostics it must produce,
//    one per line as "LINE:COL: error: message fragment" (or "warning:");
//  - the .mod files Debian's neuron and python3-nmodl packages install: all must check cleanly.
#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/parser.hpp"

#include "test_config.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace cornu;
using namespace cornu::nmodl;

namespace {

struct Checked {
    std::string rendered;
    std::vector<Diagnostic> diagnostics;
    bool errors = false;
};

Checked check(const fs::path& file) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    Module module = parse_file(file.string(), sources, diags);
    if (!diags.has_errors()) analyse(module, diags);
    return {diags.render_to_string(), diags.diagnostics(), diags.has_errors()};
}

std::vector<fs::path> mod_files(const fs::path& dir) {
    std::vector<fs::path> files;
    if (!fs::is_directory(dir)) return files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".mod") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

struct Expectation {
    std::uint32_t line = 0, column = 0;
    Severity severity = Severity::error;
    std::string fragment;
    std::string text;
};

// Lines of the form "12:5: error: unexpected 'x'"; '#' starts a comment line.
std::vector<Expectation> read_expectations(const fs::path& file) {
    std::vector<Expectation> out;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        Expectation e;
        e.text = line;
        std::istringstream s(line);
        char colon = 0;
        std::string severity;
        s >> e.line >> colon >> e.column >> colon >> severity;
        e.severity = severity == "warning:" ? Severity::warning : Severity::error;
        std::getline(s, e.fragment);
        e.fragment.erase(0, e.fragment.find_first_not_of(' '));
        out.push_back(e);
    }
    return out;
}

bool matches(const Diagnostic& d, const Expectation& e) {
    return d.severity == e.severity && d.location.line == e.line && d.location.column == e.column &&
           d.message.find(e.fragment) != std::string::npos;
}

}  // namespace

TEST_CASE("every construct file parses and analyses without errors", "[corpus]") {
    auto files = mod_files(fs::path(CORNU_TEST_DATA) / "nmodl" / "valid");
    REQUIRE(files.size() >= 40);
    for (const fs::path& file : files) {
        INFO(file.filename().string());
        Checked result = check(file);
        INFO(result.rendered);
        CHECK_FALSE(result.errors);
        fs::path expect = fs::path(file).replace_extension(".expect");
        if (fs::exists(expect))
            for (const Expectation& e : read_expectations(expect)) {
                INFO(e.text);
                CHECK(std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                                  [&](const Diagnostic& d) { return matches(d, e); }));
            }
    }
}

TEST_CASE("every malformed file gets its expected diagnostics", "[corpus]") {
    auto files = mod_files(fs::path(CORNU_TEST_DATA) / "nmodl" / "malformed");
    REQUIRE(files.size() >= 40);
    for (const fs::path& file : files) {
        INFO(file.filename().string());
        fs::path expect = fs::path(file).replace_extension(".expect");
        REQUIRE(fs::exists(expect));
        auto expectations = read_expectations(expect);
        REQUIRE_FALSE(expectations.empty());
        Checked result = check(file);
        INFO(result.rendered);
        CHECK(result.errors);
        for (const Expectation& e : expectations) {
            INFO("expected " << e.text);
            CHECK(std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                              [&](const Diagnostic& d) { return matches(d, e); }));
        }
        // Every error names its place and says what to do.
        for (const Diagnostic& d : result.diagnostics) {
            if (d.severity != Severity::error) continue;
            CHECK(d.location.line > 0);
            CHECK_FALSE(d.hint.empty());
        }
    }
}

TEST_CASE("the .mod files installed by Debian's NEURON packages check cleanly", "[corpus][system]") {
    std::vector<fs::path> files;
    std::istringstream dirs(CORNU_SYSTEM_MOD_DIRS);
    std::string dir;
    while (std::getline(dirs, dir, ';'))
        for (const fs::path& f : mod_files(dir)) files.push_back(f);
    INFO("install Debian's neuron and python3-nmodl packages (the CI does)");
    REQUIRE(files.size() >= 14);
    for (const fs::path& file : files) {
        INFO(file.string());
        Checked result = check(file);
        INFO(result.rendered);
        CHECK_FALSE(result.errors);
    }
}

// Replays the fuzzer's seed corpus (tests/fuzz/corpus/) and every input the fuzzer once found a
// bug with (tests/fuzz/regressions/) through what the fuzz target does: parse, dump the AST,
// analyse, render the diagnostics. Each must simply come back, and every error must say where it
// is. This runs in the normal build, without clang or sanitizers; the fuzzer itself is
// tests/fuzz/run_fuzzer.sh.
#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/ast_printer.hpp"
#include "cornu/compiler/parser.hpp"

#include "test_config.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace cornu;
using namespace cornu::nmodl;

namespace {

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> files;
    if (!fs::is_directory(dir)) return files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// What tests/fuzz/fuzz_nmodl.cpp does with one input, under the same buffer name.
void replay(const fs::path& file) {
    INFO(file.string());
    SourceManager sources;
    DiagnosticEngine diags(sources);
    Module module = parse_text("/nonexistent/" + file.filename().string(), read_bytes(file), sources, diags);
    std::ostringstream out;
    if (!diags.has_errors()) {
        dump_ast(out, module);
        analyse(module, diags);
    }
    diags.render(out, true);
    std::string rendered = diags.render_to_string();
    INFO(rendered.substr(0, 2000));
    for (const Diagnostic& d : diags.diagnostics()) {
        if (d.severity != Severity::error) continue;
        CHECK(d.location.file != 0);
        CHECK(d.location.line > 0);
    }
}

}  // namespace

TEST_CASE("the fuzzer's seed corpus goes through parse, analysis and rendering", "[fuzz]") {
    auto files = files_in(fs::path(CORNU_TEST_DATA) / "fuzz" / "corpus");
    REQUIRE(files.size() >= 14);
    for (const fs::path& file : files) replay(file);
}

TEST_CASE("inputs the fuzzer found problems with go through parse, analysis and rendering", "[fuzz]") {
    for (const fs::path& file : files_in(fs::path(CORNU_TEST_DATA) / "fuzz" / "regressions")) replay(file);
}

// Nesting that ANTLR builds in a loop (so the NestingGuard does not see it) but that the AST
// builder and every AST pass recurse through: at this size each overflowed the stack before the
// parse-tree depth limit. The files in tests/fuzz/regressions/ are small versions of these.
TEST_CASE("nesting built in a loop by ANTLR is refused with a located error, not a crash", "[fuzz]") {
    const std::string head = "NEURON { SUFFIX e }\nASSIGNED { a }\nINITIAL {\n";
    std::string else_ifs = head + " if(a){}";
    for (int i = 0; i < 100000; ++i) else_ifs += "else if(a){}";
    std::string chain = head + " a = " + std::string(100, '(') + "a";
    for (int level = 0; level < 100; ++level) {
        for (int i = 0; i < 1900; ++i) chain += "+a";
        chain += ")";
    }
    for (const std::string& text : {else_ifs + "\n}\n", chain + "\n}\n"}) {
        SourceManager sources;
        DiagnosticEngine diags(sources);
        Module module = parse_text("deep.mod", text, sources, diags);
        REQUIRE(diags.has_errors());
        CHECK(module.items.empty());
        const Diagnostic& d = diags.diagnostics().front();
        CHECK(d.location.line == 4);
        CHECK(d.message.find("nested more than") != std::string::npos);
    }
}

// Analysis once searched lists where it looked names up (blocks, functions, ions) and built a
// "did you mean" suggestion for every undeclared name, even past the error limit: quadratic. At the
// 2 MiB input limit these files took 30 s to minutes; now analysis is linear and takes well under
// a second even at this smaller size. (tests/fuzz/make_large_inputs.py has them at full size.)
TEST_CASE("analysis time grows linearly with blocks, functions, names and ions", "[fuzz]") {
    const std::size_t size = 700 * 1024;
    auto fill = [&](std::string text, auto unit, const std::string& tail) {
        for (int i = 0; text.size() + tail.size() < size; ++i) text += unit(i);
        return text + tail;
    };
    auto numbered = [](const char* prefix, const char* suffix) {
        return [=](int i) { return prefix + std::to_string(i) + suffix; };
    };
    const std::string neuron = "NEURON { SUFFIX e }\n";
    std::string derivatives;
    for (int i = 0; i < 5000; ++i) derivatives += "DERIVATIVE d" + std::to_string(i) + " {}\n";
    std::string assigned = "ASSIGNED {";
    for (int i = 0; i < 10000; ++i) assigned += " a" + std::to_string(i);
    assigned += " }\n";
    const std::vector<std::pair<const char*, std::string>> inputs = {
        {"named blocks", fill(neuron, numbered("DERIVATIVE d", " {}\n"), "")},
        {"functions", fill(neuron, numbered("FUNCTION f", "() {}\n"), "")},
        {"unknown SOLVEs", fill(neuron + derivatives + "BREAKPOINT {\n", numbered("SOLVE x", " METHOD cnexp\n"), "}\n")},
        {"undeclared names", fill(neuron + assigned + "INITIAL {\n", numbered("q", " = 1\n"), "}\n")},
        {"ions", fill("NEURON { SUFFIX e\n", [](int i) {
             std::string n = std::to_string(i);
             return "USEION i" + n + " READ ei" + n + "\n";
         }, "}\n")},
    };
    for (const auto& [what, text] : inputs) {
        INFO(what);
        SourceManager sources;
        DiagnosticEngine diags(sources);
        Module module = parse_text("large.mod", text, sources, diags);
        REQUIRE_FALSE(module.items.empty());  // parsed: analysis is what is timed
        auto start = std::chrono::steady_clock::now();
        analyse(module, diags);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        CHECK(seconds < 1.5);
    }
}

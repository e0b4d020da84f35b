// libFuzzer target for the NMODL front end: parse, analyse, dump the AST and render diagnostics.
//
// Whatever the bytes are, none of these may crash, trip a sanitizer, leak, hang or exhaust
// memory (issue 2, "Diagnostics and bad input"). Built only with -DCORNU_FUZZ=ON and clang; run
// it with tests/fuzz/run_fuzzer.sh. Inputs it found are kept in tests/fuzz/regressions/ and are
// replayed by the normal test suite (tests/unit/test_fuzz_regressions.cpp).
#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/ast_printer.hpp"
#include "cornu/compiler/parser.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

using namespace cornu;
using namespace cornu::nmodl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    // A name in a folder that does not exist: INCLUDE "x" then only resolves against absolute
    // paths and the current folder, as for a user's file.
    Module module = parse_text("/nonexistent/fuzz.mod",
                               std::string(reinterpret_cast<const char*>(data), size), sources, diags);
    std::ostringstream out;
    if (!diags.has_errors()) {
        dump_ast(out, module);  // what `cornu check --dump-ast` prints
        MechanismInfo info = analyse(module, diags);
        (void)info;
    }
    diags.render(out, /*colour=*/true);
    std::string plain = diags.render_to_string();
    // Every error must say where it is (DESIGN.md: file, line and column for every bad input).
    for (const Diagnostic& d : diags.diagnostics())
        if (d.severity == Severity::error && d.location.line == 0) std::abort();
    return 0;
}

// The JIT pipeline as a whole: the object cache, error reporting, and the third-party corpus.
#include "kernel_harness.hpp"
#include "test_config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cornu;
namespace fs = std::filesystem;

namespace {

fs::path temporary_folder(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("cornu_test_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

}  // namespace

TEST_CASE("a second compilation of the same mechanism comes from the cache", "[jit][cache]") {
    fs::path dir = temporary_folder("cache");
    CompileOptions options;
    options.cache_dir = (dir / "cache").string();
    MechanismCompiler compiler(options, test::test_hooks());
    REQUIRE(compiler.ok());
    std::ofstream(dir / "inc.inc") << "PARAMETER { g = 0.001 }\n";
    std::ofstream(dir / "m.mod") << "NEURON { SUFFIX m RANGE g NONSPECIFIC_CURRENT i }\nINCLUDE \"inc.inc\"\n"
                                    "ASSIGNED { v i }\nBREAKPOINT { i = g*v }\n";
    auto compile = [&]() {
        SourceManager sources;
        DiagnosticEngine diags(sources);
        auto m = compiler.compile_file((dir / "m.mod").string(), sources, diags);
        INFO(diags.render_to_string());
        REQUIRE(m);
        return *m;
    };
    auto first = compile();
    CHECK_FALSE(first.from_cache);
    auto second = compile();
    CHECK(second.from_cache);
    CHECK(second.current != nullptr);
    CHECK(second.layout.field("g") == first.layout.field("g"));
    // Changing an INCLUDEd file makes the entry stale.
    std::ofstream(dir / "inc.inc") << "PARAMETER { g = 0.002 }\n";
    auto third = compile();
    CHECK_FALSE(third.from_cache);
    CHECK(third.layout.fields[static_cast<std::size_t>(third.layout.field("g"))].default_value == 0.002);
    fs::remove_all(dir);
}

TEST_CASE("C code in VERBATIM is refused with its line", "[jit]") {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    auto m = test::test_compiler(false).compile_text(
        "v.mod", "NEURON { SUFFIX v }\nINITIAL {\nVERBATIM\n  printf(\"hello\");\nENDVERBATIM\n}\n", sources, diags);
    CHECK_FALSE(m);
    std::string text = diags.render_to_string();
    CHECK(text.find("v.mod:3:1: error: VERBATIM is not supported") != std::string::npos);
}

TEST_CASE("every third-party and project .mod file compiles, or is refused naming what and where", "[jit][corpus]") {
    std::vector<fs::path> files;
    std::istringstream dirs(CORNU_SYSTEM_MOD_DIRS);
    std::string dir;
    while (std::getline(dirs, dir, ';'))
        if (fs::is_directory(dir))
            for (const auto& e : fs::directory_iterator(dir))
                if (e.path().extension() == ".mod") files.push_back(e.path());
    for (const char* sub : {"models/mechanisms", "models/mechanisms/ca3"})
        for (const auto& e : fs::directory_iterator(fs::path(CORNU_SOURCE_DIR) / sub))
            if (e.path().extension() == ".mod") files.push_back(e.path());
    REQUIRE(files.size() >= 14 + 32);
    int compiled = 0;
    for (const fs::path& file : files) {
        SourceManager sources;
        DiagnosticEngine diags(sources);
        auto m = test::test_compiler(false).compile_file(file.string(), sources, diags);
        INFO(file.string() << "\n" << diags.render_to_string());
        if (m) {
            ++compiled;
            CHECK(m->init != nullptr);
            continue;
        }
        // A refusal names the construct and its line.
        bool named = false;
        for (const Diagnostic& d : diags.diagnostics())
            named = named || (d.severity == Severity::error && d.location.line > 0 &&
                              d.message.find("not supported") != std::string::npos);
        CHECK(named);
    }
    // The project's own mechanisms all compile.
    CHECK(compiled >= 32);
}

// The JIT pipeline as a whole: the object cache, error reporting, the third-party corpus, and
// kernels that must round exactly as NEURON does.
#include "cornu/compiler/runtime_hooks.h"
#include "kernel_harness.hpp"
#include "test_config.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <vector>

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

// INITIAL runs once and is compiled apart from the kernels run every step (a second object in
// the same cache entry), and the two halves share the KINETIC solver's state: a mechanism loaded
// from the cache must compute what a fresh compilation computes, and a damaged entry is
// recompiled, not trusted.
TEST_CASE("a mechanism from the cache, both of its objects, computes what a fresh compilation does", "[jit][cache]") {
    fs::path dir = temporary_folder("cache_objects");
    CompileOptions options;
    options.cache_dir = (dir / "cache").string();
    const std::string text =
        "NEURON { SUFFIX kc NONSPECIFIC_CURRENT i RANGE g }\n"
        "PARAMETER { g = 0.001  kf = 0.3  kb = 0.1 }\n"
        "ASSIGNED { v i }\n"
        "STATE { a b }\n"
        "INITIAL { a = 1  b = 0  SOLVE scheme STEADYSTATE sparse }\n"
        "BREAKPOINT { SOLVE scheme METHOD sparse  i = g*b*(v - 10) }\n"
        "KINETIC scheme { ~ a <-> b (kf*exp(v/20), kb)  CONSERVE a + b = 1 }\n";
    // A new compiler each time, so that nothing is reused from memory; each owns its kernels' code.
    std::vector<std::unique_ptr<MechanismCompiler>> compilers;
    auto compile = [&](bool expect_cached) {
        compilers.push_back(std::make_unique<MechanismCompiler>(options, test::test_hooks()));
        REQUIRE(compilers.back()->ok());
        SourceManager sources;
        DiagnosticEngine diags(sources);
        auto m = compilers.back()->compile_text("kc.mod", text, sources, diags);
        INFO(diags.render_to_string());
        REQUIRE(m);
        CHECK(m->from_cache == expect_cached);
        return std::move(*m);
    };
    // Runs init and 40 steps over 5 instances at different voltages; returns a, b, i.
    auto run = [](CompiledMechanism mechanism) {
        test::Harness h(std::move(mechanism), 5);
        for (std::size_t k = 0; k < 5; ++k) h.v[k] = -80.0 + 15.0 * static_cast<double>(k);
        h.init();
        std::vector<double> out;
        for (int step = 0; step < 40; ++step) {
            h.current();
            h.state();
            for (std::size_t k = 0; k < 5; ++k) h.v[k] += 0.5;
        }
        for (std::size_t k = 0; k < 5; ++k)
            for (const char* f : {"a", "b", "i"}) out.push_back(h.field(f, k));
        return out;
    };
    std::vector<double> fresh = run(compile(false));
    std::vector<double> cached = run(compile(true));
    CHECK(cached == fresh);
    CHECK(fresh[0] + fresh[1] == Approx(1.0));
    CHECK(fresh[0] != 1.0);  // the steady state and the steps did move the states

    // A truncated object file: the entry is recompiled, and still computes the same.
    int damaged = 0;
    for (const auto& e : fs::directory_iterator(dir / "cache"))
        if (e.path().extension() == ".objects") {
            fs::resize_file(e.path(), fs::file_size(e.path()) / 2);
            ++damaged;
        }
    REQUIRE(damaged == 1);
    CHECK(run(compile(false)) == fresh);
    CHECK(run(compile(true)) == fresh);
    fs::remove_all(dir);
}

// The hot/cold split, the cut pass list and the loop hints change no result: the kernels equal
// those of one module through LLVM's -O3 (CORNU_JIT_PIPELINE=o3), bit for bit, on a TABLE
// mechanism (both usetable settings) and a KINETIC one with STEADYSTATE in INITIAL.
TEST_CASE("the JIT's own pipeline computes what -O3 computes", "[jit]") {
    auto exact = GENERATE(false, true);
    auto file = GENERATE(std::string("models/mechanisms/hh.mod"), std::string("tests/reference/mod/mcna.mod"));
    std::vector<std::unique_ptr<MechanismCompiler>> compilers;  // they own the kernels' code
    auto run = [&](bool o3, double usetable) {
        if (o3) ::setenv("CORNU_JIT_PIPELINE", "o3", 1);
        CompileOptions options;
        options.exact_math = exact;
        options.use_cache = false;
        compilers.push_back(std::make_unique<MechanismCompiler>(options, test::test_hooks()));
        SourceManager sources;
        DiagnosticEngine diags(sources);
        auto m = compilers.back()->compile_file((fs::path(CORNU_SOURCE_DIR) / file).string(), sources, diags);
        ::unsetenv("CORNU_JIT_PIPELINE");
        INFO(diags.render_to_string());
        REQUIRE(m);
        test::Harness h(std::move(*m), 19);
        if (h.mechanism().layout.global("usetable") >= 0) h.global("usetable") = usetable;
        for (std::size_t i = 0; i < 19; ++i) h.v[i] = -90 + 7.0 * static_cast<double>(i);
        h.init();
        std::vector<double> out;
        for (int step = 0; step < 40; ++step) {
            h.current();
            h.jacob();
            h.state();
            for (std::size_t i = 0; i < 19; ++i) h.v[i] += 0.37;
        }
        for (const FieldInfo& f : h.mechanism().layout.fields)
            for (std::size_t i = 0; i < 19; ++i)
                out.push_back(h.storage().field(h.mechanism().layout.field(f.variable, f.element))[i]);
        out.insert(out.end(), h.rhs.begin(), h.rhs.end());
        out.insert(out.end(), h.d.begin(), h.d.end());
        return out;
    };
    for (double usetable : {1.0, 0.0}) {
        INFO(file << (exact ? " exact" : " fast") << " usetable " << usetable);
        std::vector<double> ours = run(false, usetable), o3 = run(true, usetable);
        REQUIRE(ours.size() == o3.size());
        std::size_t differing = 0;
        for (std::size_t k = 0; k < ours.size(); ++k)
            if (std::memcmp(&ours[k], &o3[k], sizeof(double)) != 0) ++differing;
        CHECK(differing == 0);
    }
}

TEST_CASE("CORNU_PERF_MAP names every kernel for perf", "[jit]") {
    fs::path map = "/tmp/perf-" + std::to_string(::getpid()) + ".map";
    fs::remove(map);
    ::setenv("CORNU_PERF_MAP", "1", 1);
    CompileOptions options;
    options.use_cache = false;
    MechanismCompiler compiler(options, test::test_hooks());
    SourceManager sources;
    DiagnosticEngine diags(sources);
    auto m = compiler.compile_text("pm.mod", "NEURON { SUFFIX pm NONSPECIFIC_CURRENT i }\nSTATE { s }\nASSIGNED { v i }\n"
                                   "INITIAL { s = 1 }\nBREAKPOINT { SOLVE d METHOD cnexp  i = s*v }\n"
                                   "DERIVATIVE d { s' = -s }\n", sources, diags);
    ::unsetenv("CORNU_PERF_MAP");
    REQUIRE(m);
    std::ifstream in(map);
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> entries;
    std::string address, size, name;
    while (in >> address >> size >> name) entries[name] = {std::stoull(address, nullptr, 16), std::stoull(size, nullptr, 16)};
    for (const char* kernel : {"cornu.pm.init", "cornu.pm.current", "cornu.pm.jacob", "cornu.pm.state"}) {
        INFO(kernel);
        REQUIRE(entries.count(kernel));
        CHECK(entries[kernel].second > 0);
    }
    CHECK(entries["cornu.pm.state"].first == reinterpret_cast<std::uintptr_t>(m->state));
    fs::remove(map);
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

TEST_CASE("KINETIC sparse solves round exactly as NEURON 8.2.2's scopmath", "[jit][sparse]") {
    // Exercises nocmodl's equation numbering (two CONSERVEs, states sharing a first letter, an
    // array), scopmath's minimum-degree elimination order, products taken in nocmodl's order, and
    // _ss_sparse_thread's passes for a nonlinear STEADYSTATE. Expected values: NEURON 8.2.2 with
    // one compartment holding just these mechanisms (so v stays at v_init = -20 mV), dt 0.025 ms,
    // printed with %.17g. Any other elimination order changes them in the last bits or more.
    test::Harness mix(R"(NEURON { SUFFIX kinmix }
STATE { C1 C2 C3 O I1 I2 B Bc X[3] }
ASSIGNED { v a b }
INITIAL { C1 = 1 B = 1 X[0] = 0.5 X[1] = 0.2 }
BREAKPOINT { SOLVE kin METHOD sparse }
KINETIC kin {
  a = 0.1*exp(v/20)
  b = 0.05*exp(-v/30)
  COMPARTMENT 2 {B Bc}
  COMPARTMENT i, 1 + 0.5*i {X}
  ~ C1 <-> C2 (3*a, b)
  ~ C2 <-> C3 (2*a, 2*b)
  ~ C3 <-> O (a, 3*b)
  ~ O <-> I1 (0.5, 0.01)
  ~ C3 <-> I2 (0.02, 0.001)
  ~ I2 <-> I1 (a, b)
  ~ O + B <-> Bc (1.5, 0.2)
  ~ X[0] <-> X[1] (a, b)
  ~ X[1] <-> X[2] (b, a)
  ~ 2X[2] <-> X[0] (0.1, 0.05)
  ~ X[0] << (0.01*a)
  ~ X[1] -> (0.1)
  CONSERVE C1 + C2 + C3 + O + I1 + I2 + Bc = 1
  CONSERVE B + Bc = 2
}
)", 1, true);
    test::Harness steady(R"(NEURON { SUFFIX kinss }
STATE { A Bf C D }
ASSIGNED { v }
INITIAL { A = 1 Bf = 0.1 SOLVE k STEADYSTATE sparse }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k {
  ~ A + Bf <-> C (5*exp(v/40), 0.01)
  ~ C <-> D (0.3, 0.1)
  ~ Bf << (0.002)
  ~ Bf -> (0.05)
  CONSERVE A + C + D = 1
}
)", 1, true);
    test::hook_log().clear();
    for (test::Harness* h : {&mix, &steady}) {
        h->v[0] = -20;
        h->init();
    }
    CHECK(steady.field("A", 0) == 0.020192871458910414);
    CHECK(steady.field("D", 0) == 0.73485534531254648);
    for (int step = 0; step < 40; ++step) {
        mix.state();
        steady.state();
    }
    CHECK(mix.field("C1", 0) == 0.90045967688415662);
    CHECK(mix.field("O", 0) == 2.7732065209044417e-05);
    CHECK(mix.field("Bc", 0) == 6.11954068868477e-06);
    CHECK(mix.field("X", 0, 2) == 0.033147068689084763);
    CHECK(steady.field("A", 0) == 0.020192870910478403);
    CHECK(steady.field("D", 0) == 0.73485534574652933);
    CHECK(test::hook_log().solver_failures == 0);
}

namespace {

// The same reaction scheme twice: its FROM loop bounded by a DEFINE (the structure is known at
// compile time: the state kernel solves inline) or by a PARAMETER (known only at run time: the
// C++ solver, cornu_kinetic_solve, builds the plan on first use).
std::string array_scheme(const std::string& suffix, bool static_bounds, bool nonlinear) {
    std::string text = "NEURON { SUFFIX " + suffix + " }\nDEFINE N 4\nPARAMETER { last = 3 }\n";
    text += R"(STATE { X[N] Y Z }
ASSIGNED { v a b }
INITIAL { X[0] = 1 Y = 0.5 }
BREAKPOINT { SOLVE kin METHOD sparse }
KINETIC kin {
  a = 0.1*exp(v/20)
  b = 0.05*exp(-v/30)
  COMPARTMENT i, 1 + 0.25*i {X}
)";
    text += static_bounds ? "  FROM i = 0 TO N - 2 {\n" : "  FROM i = 0 TO last - 1 {\n";
    text += "    ~ X[i] <-> X[i+1] (a*(i+1), b)\n  }\n";
    text += nonlinear ? "  ~ X[N-1] + Y <-> Z (2, 0.3)\n" : "  ~ X[N-1] <-> Z (2, 0.3)\n  ~ Z <-> Y (0.1, 0.2)\n";
    text += "  ~ Y << (0.01)\n}\n";
    return text;
}

}  // namespace

TEST_CASE("KINETIC sparse solved inline rounds as cornu_kinetic_solve", "[jit][sparse]") {
    auto [exact, nonlinear] = GENERATE(table<bool, bool>({{true, false}, {true, true}, {false, false}, {false, true}}));
    INFO("exact math " << exact << ", nonlinear " << nonlinear);
    constexpr std::size_t instances = 19;  // vector iterations and a scalar remainder
    test::Harness inline_solve(array_scheme("kstatic", true, nonlinear), instances, exact);
    test::Harness callback(array_scheme("kdynamic", false, nonlinear), instances, exact);
    test::hook_log().clear();
    for (test::Harness* h : {&inline_solve, &callback}) {
        for (std::size_t i = 0; i < instances; ++i) h->v[i] = -90.0 + 7.5 * static_cast<double>(i);
        h->init();
        for (int step = 0; step < 30; ++step) h->state();
    }
    for (std::size_t i = 0; i < instances; ++i) {
        INFO("instance " << i);
        for (int e = 0; e < 4; ++e) CHECK(inline_solve.field("X", i, e) == callback.field("X", i, e));
        CHECK(inline_solve.field("Y", i) == callback.field("Y", i));
        CHECK(inline_solve.field("Z", i) == callback.field("Z", i));
        CHECK(inline_solve.field("a", i) == callback.field("a", i));
    }
    CHECK(inline_solve.field("X", 3, 1) != 0.0);
    CHECK(test::hook_log().solver_failures == 0);
}

TEST_CASE("KINETIC sparse: a singular pivot is reported and leaves the states as they were", "[jit][sparse]") {
    // With vol = 0 the conservation row is all zeros. The linear scheme's instance loop reports the
    // first such instance after the loop; the states of every other instance advance.
    auto exact = GENERATE(true, false);
    test::Harness h(R"(NEURON { SUFFIX ksingular RANGE vol }
PARAMETER { vol = 1 }
STATE { A B }
INITIAL { A = 1 }
BREAKPOINT { SOLVE kin METHOD sparse }
KINETIC kin {
  COMPARTMENT vol {A B}
  ~ A <-> B (0.1, 0.2)
  CONSERVE A + B = 1
}
)", 11, exact);
    h.init();
    h.field("vol", 3) = 0;
    h.field("vol", 9) = 0;
    test::hook_log().clear();
    h.state();
    CHECK(test::hook_log().solver_failures >= 1);
    for (std::size_t i : {3, 9}) {
        CHECK(h.field("A", i) == 1.0);
        CHECK(h.field("B", i) == 0.0);
    }
    for (std::size_t i : {0, 4, 10}) CHECK(h.field("B", i) > 0.0);
    h.field("vol", 3) = 1;
    h.field("vol", 9) = 1;
    test::hook_log().clear();
    h.state();
    CHECK(test::hook_log().solver_failures == 0);
}

namespace {

// A nonlinear chain of n states, as NMODL and as a cornu_derivative_fn with the same operations
// in the same order:
//   x0' = k x_{n-1}^2/(1 + x_{n-1}^2) - x0
//   xi' = k x_{i-1}^2/(1 + x_{i-1}^2) - xi^2                  (0 < i < n - 1)
//   x_{n-1}' = (x0 - x_{n-1})(1 + x1) - 0.1 sqrt(x_{n-1}^2 + 0.01)
// Over k = 0.05 ... 2e3 Newton takes 1 to 50 iterations (the error), rebuilds its Jacobian
// and, for large k, pivots. No exp, so that fast and exact math compute the same block.
std::string chain_state(int i) { return (std::ostringstream() << 'x' << i).str(); }

std::string chain_mod(int n) {
    std::ostringstream text;
    text << "NEURON { SUFFIX chain" << n << " RANGE k }\nPARAMETER { k = 1 }\nSTATE {";
    for (int i = 0; i < n; ++i) text << " x" << i;
    text << " }\nINITIAL {";
    for (int i = 0; i < n; ++i) text << " x" << i << " = " << 1.0 / (1 + 2 * i);
    text << " }\nBREAKPOINT { SOLVE chain METHOD derivimplicit }\nDERIVATIVE chain {\n";
    for (int i = 0; i < n - 1; ++i) {
        int before = i == 0 ? n - 1 : i - 1;
        text << "  x" << i << "' = ((k*x" << before << ")*x" << before << ")/(1 + x" << before << "*x" << before << ") - x" << i;
        if (i > 0) text << "*x" << i;
        text << "\n";
    }
    text << "  x" << n - 1 << "' = (x0 - x" << n - 1 << ")*(1 + x1) - 0.1*sqrt(x" << n - 1 << "*x" << n - 1 << " + 0.01)\n}\n";
    return text.str();
}

struct Chain {
    int n;
    double k;
};

void chain_derivative(void* env, const double* s, double* f) {
    const Chain& c = *static_cast<const Chain*>(env);
    int n = c.n;
    for (int i = 0; i < n - 1; ++i) {
        double before = s[i == 0 ? n - 1 : i - 1];
        f[i] = ((c.k * before) * before) / (1 + before * before) - (i == 0 ? s[i] : s[i] * s[i]);
    }
    f[n - 1] = (s[0] - s[n - 1]) * (1 + s[1]) - 0.1 * std::sqrt(s[n - 1] * s[n - 1] + 0.01);
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

TEST_CASE("derivimplicit solved inline rounds as cornu_derivimplicit", "[jit][derivimplicit]") {
    // 2, 3 and 6 states are solved inline; 7 (above the inline limit, 6) go to cornu_derivimplicit
    // with the block as a callback. Each step of each instance is compared with
    // cornu_derivimplicit called here.
    auto [n, exact] = GENERATE(table<int, bool>({{2, true}, {2, false}, {3, true}, {3, false}, {6, false}, {7, true}}));
    INFO(n << " states, exact math " << exact);
    constexpr std::size_t instances = 19;
    test::Harness h(chain_mod(n), instances, exact);
    h.init();
    for (std::size_t i = 0; i < instances; ++i) h.field("k", i) = 0.05 * std::pow(1.8, static_cast<double>(i));
    auto name = chain_state;
    int failures = 0, total_failures = 0, mismatches = 0;
    for (int step = 0; step < 200; ++step) {
        std::vector<std::vector<double>> expected(instances, std::vector<double>(static_cast<std::size_t>(n)));
        for (std::size_t i = 0; i < instances; ++i) {
            for (int j = 0; j < n; ++j) expected[i][static_cast<std::size_t>(j)] = h.field(name(j), i);
            Chain chain{n, h.field("k", i)};
            if (cornu_derivimplicit(&chain_derivative, &chain, n, expected[i].data(), h.data().dt) != 0) {
                ++failures;
                ++total_failures;
            }
        }
        test::hook_log().clear();
        h.state();
        CHECK(test::hook_log().solver_failures == failures);
        failures = 0;
        for (std::size_t i = 0; i < instances; ++i)
            for (int j = 0; j < n; ++j)
                if (!same(h.field(name(j), i), expected[i][static_cast<std::size_t>(j)])) {
                    if (++mismatches <= 5)
                        FAIL_CHECK("step " << step << ", instance " << i << ", " << name(j) << ": " << std::setprecision(17)
                                           << h.field(name(j), i) << " != " << expected[i][static_cast<std::size_t>(j)]);
                }
    }
    CHECK(mismatches == 0);
    CHECK(total_failures > 0);  // the 50-iteration limit is met too
}

TEST_CASE("derivimplicit: a singular Jacobian is reported, and Newton's states kept, as cornu_derivimplicit", "[jit][derivimplicit]") {
    // With dt = 1e300 the backward-Euler term vanishes; for k = 0, F does not depend on a.
    auto exact = GENERATE(true, false);
    test::Harness h(R"(NEURON { SUFFIX disingular RANGE k }
PARAMETER { k = -1 }
STATE { a b }
INITIAL { a = 1 b = 0.5 }
BREAKPOINT { SOLVE st METHOD derivimplicit }
DERIVATIVE st {
  a' = b + k*a
  b' = -b
}
)", 5, exact);
    h.init();
    h.field("k", 1) = 0;
    h.field("k", 3) = 0;
    h.data().dt = 1e300;
    test::hook_log().clear();
    h.state();
    CHECK(test::hook_log().solver_failures == 2);
    struct Linear {
        double k;
    };
    auto derivative = [](void* env, const double* s, double* f) {
        f[0] = s[1] + static_cast<Linear*>(env)->k * s[0];
        f[1] = -s[1];
    };
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("instance " << i);
        double s[2] = {1, 0.5};
        Linear env{h.field("k", i)};
        CHECK(cornu_derivimplicit(derivative, &env, 2, s, 1e300) == (i == 1 || i == 3 ? 2 : 0));
        CHECK(h.field("a", i) == s[0]);
        CHECK(h.field("b", i) == s[1]);
    }
}

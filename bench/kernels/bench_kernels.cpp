// Kernel throughput and JIT compile time (issue 3).
//
// For Hodgkin-Huxley, Exp2Syn, a KINETIC scheme and a TABLE mechanism, runs cornu's JIT kernels
// and the same kernels hand-written in C++ (built with g++ -O3 -march=native, once strict and
// once with -ffast-math) on the same instances, in the same process, and reports nanoseconds per
// instance per step (median of repetitions) and the ratios. Then times a cold JIT compile of hh
// and a load from the object cache: wall and CPU time (CPU time is what a compilation costs,
// whatever else runs on the machine), with the phases CORNU_TIMING reports.
//
//   bench_kernels [options] [instances=100000] [steps=100] [repetitions=7]
//     --compare-o3       also run everything compiled the previous way (CORNU_JIT_PIPELINE=o3:
//                        one module through LLVM's -O3), interleaved with the default in the same run
//     --compile-only     skip the kernel throughput
//     --compile-reps N   cold compilations and cache hits to time (default 15)
#include "cornu/compiler/compiler.hpp"
#include "cornu/runtime/mechanism_storage.hpp"
#include "reference_kernels.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <sstream>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>
#include <cmath>
#include <string>
#include <vector>

using namespace cornu;
using Clock = std::chrono::steady_clock;

namespace {

std::string source_dir() { return CORNU_SOURCE_DIR; }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Median over repetitions of the time per instance per step, in ns, for each variant; the
// variants take turns within every repetition, so that a noisy machine affects them alike.
std::vector<double> time_ns(const std::vector<std::function<void()>>& variants, std::size_t instances, int steps,
                            int repetitions) {
    for (const auto& step : variants) step();  // warm up caches and page in the arrays
    std::vector<std::vector<double>> samples(variants.size());
    for (int r = 0; r < repetitions; ++r)
        for (std::size_t k = 0; k < variants.size(); ++k) {
            auto start = Clock::now();
            for (int s = 0; s < steps; ++s) variants[k]();
            double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            samples[k].push_back(seconds * 1e9 / (static_cast<double>(instances) * steps));
        }
    std::vector<double> medians;
    for (auto& v : samples) medians.push_back(median(v));
    return medians;
}

bool compare_o3 = false;

// Selects how the JIT compiles (see mechanism_compiler.cpp): the default, or the previous -O3.
void use_pipeline(bool o3) {
    if (o3)
        setenv("CORNU_JIT_PIPELINE", "o3", 1);
    else
        unsetenv("CORNU_JIT_PIPELINE");
}

// A compiled mechanism over `n` instances, each on its own node with a random voltage.
struct Bound {
    CompiledMechanism mech;
    std::unique_ptr<runtime::MechanismStorage> storage;
    cornu_mech_data data{};
    std::vector<double> v, rhs, d, area, diam;
    std::vector<std::int32_t> node;
    std::vector<std::vector<double>> ion_arrays;
    std::vector<std::vector<std::int32_t>> ion_index_arrays;
    std::vector<cornu_ion_data> ions;
    std::vector<const std::int32_t*> ion_index;

    Bound(CompiledMechanism m, std::size_t n, const std::vector<double>& voltages)
        : mech(std::move(m)), v(voltages), rhs(n), d(n), area(n, 500.0), diam(n, 1.0), node(n) {
        storage = std::make_unique<runtime::MechanismStorage>(mech.layout, n);
        for (std::size_t i = 0; i < n; ++i) node[i] = static_cast<std::int32_t>(i);
        for (const IonInfo& ion : mech.layout.ions) {
            (void)ion;
            for (int k = 0; k < 5; ++k) ion_arrays.emplace_back(n, k == 0 ? -77.0 : k == 1 ? 54.4 : k == 2 ? 2.5 : 0.0);
            ion_index_arrays.emplace_back(node);
        }
        for (std::size_t k = 0; k < mech.layout.ions.size(); ++k) {
            auto* a = &ion_arrays[k * 5];
            ions.push_back({a[0].data(), a[1].data(), a[2].data(), a[3].data(), a[4].data(), 1.0});
            ion_index.push_back(ion_index_arrays[k].data());
        }
        storage->bind(data);
        data.dt = 0.025;
        data.celsius = 6.3;
        data.node_index = node.data();
        data.node_v = v.data();
        data.node_rhs = rhs.data();
        data.node_d = d.data();
        data.node_area = area.data();
        data.node_diam = diam.data();
        data.ions = ions.data();
        data.ion_index = ion_index.data();
        if (mech.table) mech.table(&data);
        mech.init(&data);
    }

    void state() { mech.state(&data); }
    void current() {
        std::fill(rhs.begin(), rhs.end(), 0.0);
        std::fill(d.begin(), d.end(), 0.0);
        mech.current(&data);
        mech.jacob(&data);
    }
    double* field(const char* name) { return storage->field(name); }
};

CompiledMechanism compile(MechanismCompiler& compiler, const std::string& path) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    auto m = compiler.compile_file(path, sources, diags);
    if (!m) {
        std::fprintf(stderr, "%s", diags.render_to_string().c_str());
        std::exit(1);
    }
    return *m;
}

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown";
}

// t: cornu, [cornu -O3,] g++ strict, g++ fast-math.
void report(const char* name, const std::vector<double>& t) {
    double cornu = t[0], strict = t[t.size() - 2], fast = t[t.size() - 1];
    std::printf("%-28s %9.2f", name, cornu);
    if (compare_o3) std::printf(" %9.2f", t[1]);
    std::printf(" %9.2f %9.2f %9.2fx %9.2fx\n", strict, fast, strict / cornu, fast / cornu);
}

// The phases of the compilations CORNU_TIMING reported on stderr while `body` ran, as
// phase -> CPU ms of each compilation.
std::map<std::string, std::vector<double>> capture_phases(const std::function<void()>& body) {
    std::fflush(stderr);
    char path[] = "/tmp/bench_kernels_timing_XXXXXX";
    int fd = mkstemp(path);
    int saved = dup(2);
    dup2(fd, 2);
    setenv("CORNU_TIMING", "1", 1);
    body();
    unsetenv("CORNU_TIMING");
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    std::map<std::string, std::vector<double>> phases;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        auto colon = line.find(": ", line.find("compiled "));
        if (line.rfind("cornu: compiled ", 0) != 0 || colon == std::string::npos) {
            std::fprintf(stderr, "%s\n", line.c_str());
            continue;
        }
        // " front end 1.2 ms (cpu 1.1); IR ..."
        std::istringstream items(line.substr(colon + 2));
        std::string item;
        while (std::getline(items, item, ';')) {
            auto ms = item.find(" ms (cpu ");
            if (ms == std::string::npos) continue;
            std::string name = item.substr(0, ms);
            name = name.substr(name.find_first_not_of(' '));
            name = name.substr(0, name.find_last_of(' '));
            phases[name].push_back(std::atof(item.c_str() + ms + 9));
        }
    }
    std::remove(path);
    return phases;
}

template <class Data>
Data arrays(std::vector<std::vector<double>>& store, std::size_t fields, std::size_t n) {
    Data d{};
    auto** p = reinterpret_cast<double**>(&d);
    for (std::size_t f = 0; f < fields; ++f) {
        store.emplace_back(n, 0.0);
        p[f] = store.back().data();
    }
    return d;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> positional;
    bool compile_only = false;
    int compile_reps = 15;
    for (int k = 1; k < argc; ++k) {
        std::string a = argv[k];
        if (a == "--help" || a == "-h") {
            std::printf(
                "bench_kernels [options] [instances=100000] [steps=100] [repetitions=7]\n"
                "  Kernel throughput (ns per instance per step) of cornu's JIT kernels against the same kernels\n"
                "  hand-written in C++ (g++ -O3 -march=native, strict and -ffast-math), then the JIT compile time\n"
                "  of hh.mod: cold (new compiler, no cache) and a cache hit, wall and CPU time, medians.\n"
                "  --compare-o3       also compile everything the previous way (CORNU_JIT_PIPELINE=o3: one module\n"
                "                     through LLVM's -O3), timed interleaved with the default in the same run\n"
                "  --compile-only     only the compile times\n"
                "  --compile-reps N   compilations timed per variant (default 15)\n");
            return 0;
        }
        if (a == "--compare-o3")
            compare_o3 = true;
        else if (a == "--compile-only")
            compile_only = true;
        else if (a == "--compile-reps" && k + 1 < argc)
            compile_reps = std::max(1, std::stoi(argv[++k]));
        else
            positional.push_back(a);
    }
    std::size_t n = positional.size() > 0 ? std::stoul(positional[0]) : 100000;
    int steps = positional.size() > 1 ? std::stoi(positional[1]) : 100;
    int reps = positional.size() > 2 ? std::stoi(positional[2]) : 7;

    CompileOptions options;
    options.use_cache = false;
    MechanismCompiler compiler(options);
    if (!compiler.ok()) {
        std::fprintf(stderr, "%s\n", compiler.error().c_str());
        return 1;
    }
    std::printf("machine: %s, %u hardware threads; JIT target: %s\n", cpu_model().c_str(),
                std::thread::hardware_concurrency(), compiler.target_description().substr(0, 60).c_str());
    if (!compile_only) {
    std::printf("%zu instances, %d steps, median of %d repetitions; ns per instance per step\n\n", n, steps, reps);
    if (compare_o3)
        std::printf("%-28s %9s %9s %9s %9s %10s %10s\n", "kernel", "cornu", "cornu-O3", "g++", "g++fast", "vs g++",
                    "vs fast");
    else
        std::printf("%-28s %9s %9s %9s %10s %10s\n", "kernel", "cornu", "g++", "g++fast", "vs g++", "vs fast");
    // The variant compiled the previous way, when compared.
    auto compile_o3 = [&](const std::string& path) {
        use_pipeline(true);
        CompiledMechanism m = compile(compiler, path);
        use_pipeline(false);
        return m;
    };

    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> voltage(-80, 40);
    std::vector<double> v(n);
    for (double& x : v) x = voltage(rng);
    std::vector<std::int32_t> node(n);
    for (std::size_t i = 0; i < n; ++i) node[i] = static_cast<std::int32_t>(i);
    std::vector<double> rhs(n), diag(n), area(n, 500.0);

    // cornu, [cornu compiled the previous way,] g++ strict, g++ fast-math.
    auto variants = [&](std::function<void()> cornu, std::function<void()> o3, std::function<void()> strict,
                        std::function<void()> fast) {
        std::vector<std::function<void()>> list{std::move(cornu)};
        if (compare_o3) list.push_back(std::move(o3));
        list.push_back(std::move(strict));
        list.push_back(std::move(fast));
        return list;
    };

    // ---- Hodgkin-Huxley (python3-nmodl's hh.mod: no TABLE) ----
    {
        const std::string path = "/usr/lib/python3/dist-packages/nmodl/ext/example/hh.mod";
        Bound hh(compile(compiler, path), n, v);
        std::optional<Bound> hh_o3;
        if (compare_o3) hh_o3.emplace(compile_o3(path), n, v);
        std::vector<std::vector<double>> s1, s2;
        auto strict = arrays<reference_strict::HH>(s1, 22, n);
        auto fast = arrays<reference_fast::HH>(s2, 22, n);
        for (std::size_t i = 0; i < n; ++i) {
            strict.gnabar[i] = fast.gnabar[i] = .12;
            strict.gkbar[i] = fast.gkbar[i] = .036;
            strict.gl[i] = fast.gl[i] = .0003;
            strict.el[i] = fast.el[i] = -54.3;
            strict.ena[i] = fast.ena[i] = 50;
            strict.ek[i] = fast.ek[i] = -77;
            strict.m[i] = fast.m[i] = hh.field("m")[i];
            strict.h[i] = fast.h[i] = hh.field("h")[i];
            strict.n[i] = fast.n[i] = hh.field("n")[i];
        }
        report("hh state",
               time_ns(variants([&] { hh.state(); }, [&] { hh_o3->state(); },
                                [&] { reference_strict::hh_state(strict, v.data(), node.data(), n, 0.025, 6.3); },
                                [&] { reference_fast::hh_state(fast, v.data(), node.data(), n, 0.025, 6.3); }),
                       n, steps, reps));
        std::vector<double> ina(n), dina(n), ik(n), dik(n);
        auto hh_current = [&](bool contiguous) {
            hh.data.contiguous = contiguous;
            if (hh_o3) hh_o3->data.contiguous = contiguous;
            return time_ns(variants([&] { hh.current(); }, [&] { hh_o3->current(); },
                                    [&] {
                                        reference_strict::hh_current(strict, v.data(), rhs.data(), diag.data(), node.data(),
                                                                     n, ina.data(), dina.data(), ik.data(), dik.data());
                                    },
                                    [&] {
                                        reference_fast::hh_current(fast, v.data(), rhs.data(), diag.data(), node.data(), n,
                                                                   ina.data(), dina.data(), ik.data(), dik.data());
                                    }),
                           n, steps, reps);
        };
        report("hh current", hh_current(false));
        // The same with cornu_mech_data.contiguous set, as the runtime sets it when instances sit
        // on consecutive nodes (here they do: instance i on node i): the kernels then accumulate
        // into node and ion arrays with vector loads and stores instead of gathers and scatters.
        // The hand-written kernels stay indexed.
        report("hh current, contiguous", hh_current(true));
        hh.data.contiguous = 0;
        if (hh_o3) hh_o3->data.contiguous = 0;
        std::size_t worst = 0;
        double max_relative = 0;
        for (std::size_t i = 0; i < n; ++i) {
            double a = hh.field("m")[i], b = strict.m[i];
            double r = std::fabs(a - b) / std::max(std::fabs(b), 1e-300);
            if (r > max_relative) max_relative = r, worst = i;
        }
        std::printf("  (hh: cornu vs strict g++ after the runs, max relative difference in m: %.2e at v = %.2f)\n",
                    max_relative, v[worst]);
    }

    // ---- Exp2Syn (the project's model: a point process) ----
    {
        const std::string path = source_dir() + "/models/mechanisms/Exp2Syn.mod";
        Bound syn(compile(compiler, path), n, v);
        std::optional<Bound> syn_o3;
        if (compare_o3) syn_o3.emplace(compile_o3(path), n, v);
        for (std::size_t i = 0; i < n; ++i) syn.field("A")[i] = 0.5, syn.field("B")[i] = 1.0;
        if (syn_o3)
            for (std::size_t i = 0; i < n; ++i) syn_o3->field("A")[i] = 0.5, syn_o3->field("B")[i] = 1.0;
        std::vector<std::vector<double>> s1, s2;
        auto strict = arrays<reference_strict::Exp2>(s1, 10, n);
        auto fast = arrays<reference_fast::Exp2>(s2, 10, n);
        for (std::size_t i = 0; i < n; ++i) {
            strict.tau1[i] = fast.tau1[i] = 0.1;
            strict.tau2[i] = fast.tau2[i] = 10;
            strict.A[i] = fast.A[i] = 0.5;
            strict.B[i] = fast.B[i] = 1.0;
        }
        report("Exp2Syn state", time_ns(variants([&] { syn.state(); }, [&] { syn_o3->state(); },
                                                 [&] { reference_strict::exp2_state(strict, n, 0.025); },
                                                 [&] { reference_fast::exp2_state(fast, n, 0.025); }),
                                        n, steps, reps));
        report("Exp2Syn current",
               time_ns(variants([&] { syn.current(); }, [&] { syn_o3->current(); },
                                [&] {
                                    reference_strict::exp2_current(strict, v.data(), area.data(), rhs.data(), diag.data(),
                                                                   node.data(), n);
                                },
                                [&] {
                                    reference_fast::exp2_current(fast, v.data(), area.data(), rhs.data(), diag.data(),
                                                                 node.data(), n);
                                }),
                       n, steps, reps));
    }

    // ---- KINETIC: a three-state scheme solved with sparse ----
    {
        const std::string path = source_dir() + "/bench/kernels/kinetic3.mod";
        Bound kin(compile(compiler, path), n, v);
        std::optional<Bound> kin_o3;
        if (compare_o3) kin_o3.emplace(compile_o3(path), n, v);
        std::vector<std::vector<double>> s1, s2;
        auto strict = arrays<reference_strict::Kin3>(s1, 3, n);
        auto fast = arrays<reference_fast::Kin3>(s2, 3, n);
        for (std::size_t i = 0; i < n; ++i) strict.C1[i] = fast.C1[i] = 1;
        report("KINETIC kin3 state",
               time_ns(variants([&] { kin.state(); }, [&] { kin_o3->state(); },
                                [&] { reference_strict::kin3_state(strict, v.data(), node.data(), n, 0.025); },
                                [&] { reference_fast::kin3_state(fast, v.data(), node.data(), n, 0.025); }),
                       n, steps, reps));
    }

    // ---- TABLE: the project's hh.mod, whose rates() is tabled (NEURON's default) ----
    {
        const std::string path = source_dir() + "/models/mechanisms/hh.mod";
        Bound hh(compile(compiler, path), n, v);
        std::optional<Bound> hh_o3;
        if (compare_o3) hh_o3.emplace(compile_o3(path), n, v);
        std::vector<double> table(6 * 201);
        reference_strict::hh_build_table(table.data(), 6.3);
        std::vector<std::vector<double>> s1, s2;
        auto strict = arrays<reference_strict::Table>(s1, 9, n);
        auto fast = arrays<reference_fast::Table>(s2, 9, n);
        strict.table = fast.table = table.data();
        report("TABLE hh state",
               time_ns(variants([&] { hh.state(); }, [&] { hh_o3->state(); },
                                [&] { reference_strict::hh_table_state(strict, v.data(), node.data(), n, 0.025); },
                                [&] { reference_fast::hh_table_state(fast, v.data(), node.data(), n, 0.025); }),
                       n, steps, reps));
    }
    }  // !compile_only

    // ---- JIT compile time ----
    // Each repetition compiles with a new compiler (a new JIT, nothing cached in memory); with
    // --compare-o3 the two ways take turns.
    const std::string hh_path = "/usr/lib/python3/dist-packages/nmodl/ext/example/hh.mod";
    std::vector<bool> ways{false};
    if (compare_o3) ways.push_back(true);
    std::map<bool, std::vector<double>> wall, cpu;
    std::vector<std::map<std::string, std::vector<double>>> phases(ways.size());
    auto timed_compile = [&](const CompileOptions& o, bool o3, std::vector<double>& w, std::vector<double>& c,
                             bool expect_cached) {
        use_pipeline(o3);
        MechanismCompiler fresh(o);
        double start = thread_cpu_seconds();
        CompiledMechanism m = compile(fresh, hh_path);
        c.push_back((thread_cpu_seconds() - start) * 1e3);
        w.push_back(m.seconds * 1e3);
        if (m.from_cache != expect_cached) std::printf("  (%s from the cache!)\n", expect_cached ? "not" : "unexpectedly");
        use_pipeline(false);
    };
    for (int r = 0; r < compile_reps; ++r)
        for (std::size_t k = 0; k < ways.size(); ++k) {
            auto captured = capture_phases([&] { timed_compile(options, ways[k], wall[ways[k]], cpu[ways[k]], false); });
            for (auto& [phase, values] : captured)
                for (double x : values) phases[k][phase].push_back(x);
        }
    std::printf("\nJIT compile of hh.mod (python3-nmodl), ms, medians of %d:\n", compile_reps);
    for (std::size_t k = 0; k < ways.size(); ++k) {
        const char* name = ways[k] ? "previous (-O3, one module)" : "cornu";
        std::printf("  %-27s cold (new compiler, no cache): wall %.1f (first %.1f), cpu %.1f\n", name,
                    median(wall[ways[k]]), wall[ways[k]].front(), median(cpu[ways[k]]));
        std::printf("  %-27s   cpu by phase:", "");
        for (const char* phase : {"front end", "IR", "split", "optimise", "machine code", "cold kernels", "link"})
            if (phases[k].count(phase)) std::printf(" %s %.2f;", phase, median(phases[k][phase]));
        std::printf("\n");
    }
    namespace fs = std::filesystem;
    fs::path cache = fs::temp_directory_path() / ("cornu_bench_cache_" + std::to_string(getpid()));
    fs::remove_all(cache);
    CompileOptions cached_options;
    cached_options.cache_dir = cache.string();
    for (bool o3 : ways) {
        use_pipeline(o3);
        MechanismCompiler filler(cached_options);
        compile(filler, hh_path);
    }
    std::map<bool, std::vector<double>> hit_wall, hit_cpu;
    for (int r = 0; r < compile_reps; ++r)
        for (bool o3 : ways) timed_compile(cached_options, o3, hit_wall[o3], hit_cpu[o3], true);
    for (bool o3 : ways)
        std::printf("  %-27s cache hit (new compiler): wall %.2f, cpu %.2f\n", o3 ? "previous (-O3, one module)" : "cornu",
                    median(hit_wall[o3]), median(hit_cpu[o3]));
    fs::remove_all(cache);
    return 0;
}

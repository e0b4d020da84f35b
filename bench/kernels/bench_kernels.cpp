// Kernel throughput and JIT compile time (issue 3).
//
// For Hodgkin-Huxley, Exp2Syn, a KINETIC scheme and a TABLE mechanism, runs cornu's JIT kernels
// and the same kernels hand-written in C++ (built with g++ -O3 -march=native, once strict and
// once with -ffast-math) on the same instances, in the same process, and reports nanoseconds per
// instance per step (median of repetitions) and the ratios. Then times a cold JIT compile of hh
// and a load from the object cache.
//
//   bench_kernels [instances=100000] [steps=100] [repetitions=7]
#include "cornu/compiler/compiler.hpp"
#include "cornu/runtime/mechanism_storage.hpp"
#include "reference_kernels.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
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

// Median over repetitions of the time per instance per step, in ns.
double time_ns(const std::function<void()>& step, std::size_t instances, int steps, int repetitions) {
    step();  // warm up caches and page in the arrays
    std::vector<double> samples;
    for (int r = 0; r < repetitions; ++r) {
        auto start = Clock::now();
        for (int s = 0; s < steps; ++s) step();
        double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        samples.push_back(seconds * 1e9 / (static_cast<double>(instances) * steps));
    }
    return median(samples);
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

void report(const char* name, double cornu, double strict, double fast) {
    std::printf("%-28s %9.2f %9.2f %9.2f %9.2fx %9.2fx\n", name, cornu, strict, fast, strict / cornu, fast / cornu);
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
    std::size_t n = argc > 1 ? std::stoul(argv[1]) : 100000;
    int steps = argc > 2 ? std::stoi(argv[2]) : 100;
    int reps = argc > 3 ? std::stoi(argv[3]) : 7;

    CompileOptions options;
    options.use_cache = false;
    MechanismCompiler compiler(options);
    if (!compiler.ok()) {
        std::fprintf(stderr, "%s\n", compiler.error().c_str());
        return 1;
    }
    std::printf("machine: %s, %u hardware threads; JIT target: %s\n", cpu_model().c_str(),
                std::thread::hardware_concurrency(), compiler.target_description().substr(0, 60).c_str());
    std::printf("%zu instances, %d steps, median of %d repetitions; ns per instance per step\n\n", n, steps, reps);
    std::printf("%-28s %9s %9s %9s %10s %10s\n", "kernel", "cornu", "g++", "g++fast", "vs g++", "vs fast");

    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> voltage(-80, 40);
    std::vector<double> v(n);
    for (double& x : v) x = voltage(rng);
    std::vector<std::int32_t> node(n);
    for (std::size_t i = 0; i < n; ++i) node[i] = static_cast<std::int32_t>(i);
    std::vector<double> rhs(n), diag(n), area(n, 500.0);

    // ---- Hodgkin-Huxley (python3-nmodl's hh.mod: no TABLE) ----
    {
        Bound hh(compile(compiler, "/usr/lib/python3/dist-packages/nmodl/ext/example/hh.mod"), n, v);
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
        report("hh state", time_ns([&] { hh.state(); }, n, steps, reps),
               time_ns([&] { reference_strict::hh_state(strict, v.data(), node.data(), n, 0.025, 6.3); }, n, steps, reps),
               time_ns([&] { reference_fast::hh_state(fast, v.data(), node.data(), n, 0.025, 6.3); }, n, steps, reps));
        std::vector<double> ina(n), dina(n), ik(n), dik(n);
        report("hh current", time_ns([&] { hh.current(); }, n, steps, reps),
               time_ns([&] { reference_strict::hh_current(strict, v.data(), rhs.data(), diag.data(), node.data(), n, ina.data(),
                                                          dina.data(), ik.data(), dik.data()); }, n, steps, reps),
               time_ns([&] { reference_fast::hh_current(fast, v.data(), rhs.data(), diag.data(), node.data(), n, ina.data(),
                                                        dina.data(), ik.data(), dik.data()); }, n, steps, reps));
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
        Bound syn(compile(compiler, source_dir() + "/models/mechanisms/Exp2Syn.mod"), n, v);
        for (std::size_t i = 0; i < n; ++i) syn.field("A")[i] = 0.5, syn.field("B")[i] = 1.0;
        std::vector<std::vector<double>> s1, s2;
        auto strict = arrays<reference_strict::Exp2>(s1, 10, n);
        auto fast = arrays<reference_fast::Exp2>(s2, 10, n);
        for (std::size_t i = 0; i < n; ++i) {
            strict.tau1[i] = fast.tau1[i] = 0.1;
            strict.tau2[i] = fast.tau2[i] = 10;
            strict.A[i] = fast.A[i] = 0.5;
            strict.B[i] = fast.B[i] = 1.0;
        }
        report("Exp2Syn state", time_ns([&] { syn.state(); }, n, steps, reps),
               time_ns([&] { reference_strict::exp2_state(strict, n, 0.025); }, n, steps, reps),
               time_ns([&] { reference_fast::exp2_state(fast, n, 0.025); }, n, steps, reps));
        report("Exp2Syn current", time_ns([&] { syn.current(); }, n, steps, reps),
               time_ns([&] { reference_strict::exp2_current(strict, v.data(), area.data(), rhs.data(), diag.data(), node.data(), n); },
                       n, steps, reps),
               time_ns([&] { reference_fast::exp2_current(fast, v.data(), area.data(), rhs.data(), diag.data(), node.data(), n); },
                       n, steps, reps));
    }

    // ---- KINETIC: a three-state scheme solved with sparse ----
    {
        Bound kin(compile(compiler, source_dir() + "/bench/kernels/kinetic3.mod"), n, v);
        std::vector<std::vector<double>> s1, s2;
        auto strict = arrays<reference_strict::Kin3>(s1, 3, n);
        auto fast = arrays<reference_fast::Kin3>(s2, 3, n);
        for (std::size_t i = 0; i < n; ++i) strict.C1[i] = fast.C1[i] = 1;
        report("KINETIC kin3 state", time_ns([&] { kin.state(); }, n, steps, reps),
               time_ns([&] { reference_strict::kin3_state(strict, v.data(), node.data(), n, 0.025); }, n, steps, reps),
               time_ns([&] { reference_fast::kin3_state(fast, v.data(), node.data(), n, 0.025); }, n, steps, reps));
    }

    // ---- TABLE: the project's hh.mod, whose rates() is tabled (NEURON's default) ----
    {
        Bound hh(compile(compiler, source_dir() + "/models/mechanisms/hh.mod"), n, v);
        std::vector<double> table(6 * 201);
        reference_strict::hh_build_table(table.data(), 6.3);
        std::vector<std::vector<double>> s1, s2;
        auto strict = arrays<reference_strict::Table>(s1, 9, n);
        auto fast = arrays<reference_fast::Table>(s2, 9, n);
        strict.table = fast.table = table.data();
        report("TABLE hh state", time_ns([&] { hh.state(); }, n, steps, reps),
               time_ns([&] { reference_strict::hh_table_state(strict, v.data(), node.data(), n, 0.025); }, n, steps, reps),
               time_ns([&] { reference_fast::hh_table_state(fast, v.data(), node.data(), n, 0.025); }, n, steps, reps));
    }

    // ---- JIT compile time ----
    std::printf("\nJIT compile of hh.mod (python3-nmodl), ms:\n");
    const std::string hh_path = "/usr/lib/python3/dist-packages/nmodl/ext/example/hh.mod";
    std::vector<double> cold;
    for (int r = 0; r < 7; ++r) {
        MechanismCompiler fresh(options);
        cold.push_back(compile(fresh, hh_path).seconds * 1e3);
    }
    std::printf("  cold (new compiler, no cache): first %.1f, median %.1f\n", cold.front(), median(cold));
    namespace fs = std::filesystem;
    fs::path cache = fs::temp_directory_path() / "cornu_bench_cache";
    fs::remove_all(cache);
    CompileOptions cached_options;
    cached_options.cache_dir = cache.string();
    {
        MechanismCompiler filler(cached_options);
        compile(filler, hh_path);
    }
    std::vector<double> hits;
    for (int r = 0; r < 7; ++r) {
        MechanismCompiler fresh(cached_options);
        CompiledMechanism m = compile(fresh, hh_path);
        if (!m.from_cache) std::printf("  (not from cache!)\n");
        hits.push_back(m.seconds * 1e3);
    }
    std::printf("  cache hit (new compiler): median %.2f\n", median(hits));
    fs::remove_all(cache);
    return 0;
}

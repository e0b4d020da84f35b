// What bench_network and bench_ring share: timing, medians, the process's resident memory, the
// mechanism catalogue warm-up, and the one-line `result:` report that run.sh parses (the NEURON
// scripts print the same keys, so both sides are read by one awk program).
#pragma once

#include "cornu/runtime/catalogue.hpp"
#include "cornu/runtime/simulation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <malloc.h>
#include <unistd.h>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

inline double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// Resident set size of this process (bytes), from /proc/self/statm. The NEURON scripts measure
// the same way, so the "rss" memory figures of the two sides compare like with like.
inline double resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// Bytes of heap in use (glibc mallinfo2: small blocks in use plus mmapped blocks), the figure
// NEURON's nrn_mallinfo(0) gives, which the NEURON scripts print. Unlike RSS it does not count
// freed memory that malloc keeps, nor code and libraries paged in while building.
inline double heap_bytes() {
    struct mallinfo2 info = mallinfo2();
    return static_cast<double>(info.uordblks + info.hblkhd);
}

// Model pieces with the fields a benchmark sets; the others keep their defaults, so these stay
// valid when the structs grow.
inline cornu::runtime::PointObject point_object(std::string name, std::string type,
                                                std::optional<cornu::runtime::Site> site,
                                                std::map<std::string, double> parameters) {
    cornu::runtime::PointObject object;
    object.name = std::move(name);
    object.type = std::move(type);
    object.site = site;
    object.parameters = std::move(parameters);
    return object;
}

inline cornu::runtime::NetCon netcon(cornu::runtime::SpikeSource source, int target, double weight, double delay) {
    cornu::runtime::NetCon nc;
    nc.source = source;
    nc.target = target;
    nc.weights = {weight};
    nc.delay = delay;
    return nc;
}

inline cornu::runtime::SpikeRecorder spike_recorder(std::string name, cornu::runtime::SpikeSource source) {
    cornu::runtime::SpikeRecorder recorder;
    recorder.name = std::move(name);
    recorder.source = source;
    return recorder;
}

// Compiles (or loads from the object cache) the mechanisms a benchmark uses, so that JIT time
// is reported on its own and never counted as build time. Returns the seconds it took.
inline double warm_up(cornu::runtime::MechanismCatalogue& catalogue, const std::vector<std::string>& names) {
    auto start = Clock::now();
    for (const std::string& name : names) {
        std::string error;
        if (!catalogue.find(name, error)) throw cornu::runtime::ModelError(name + ": " + error);
    }
    return seconds_since(start);
}

// One repetition's timings and counts.
struct Sample {
    double model_s = 0;  // filling the Model description
    double build_s = 0;  // Simulation constructor: discretisation, mechanism storage, network
                         // (reported as sim_s; the result's build_s is model_s + sim_s, which is
                         // what NEURON's build time, making sections and NetCons, compares with)
    double init_s = 0;   // initialize() (finitialize)
    double run_s = 0;    // run_until(tstop)
    cornu::runtime::SimulationStats stats;
    std::size_t recorded_spikes = 0;  // spikes of the cells (the recorders), not of NetStims
    double model_heap_bytes = 0;      // heap taken by the Model description
    double heap_bytes = 0;            // heap the initialised Simulation holds (Model freed)
    double rss_bytes = 0;             // RSS growth over model + build + initialize
};

inline std::size_t recorded_spikes(const cornu::runtime::Recording& recording) {
    std::size_t n = 0;
    for (const auto& train : recording.spikes) n += train.times.size();
    return n;
}

// Builds the model afresh, makes a Simulation of it, initialises and runs it, timing each phase.
// Memory is measured before the run (what the model needs, before the recording grows), with
// the caller's Model already freed: the Simulation keeps what it needs, so its heap is what
// compares with NEURON's, whose sections and NetCons are both description and simulation.
inline Sample run_once(const std::function<cornu::runtime::Model()>& build_model,
                       cornu::runtime::MechanismCatalogue& catalogue, double tstop) {
    Sample s;
    double rss0 = resident_bytes(), heap0 = heap_bytes();
    auto start = Clock::now();
    auto model = std::make_unique<cornu::runtime::Model>(build_model());
    s.model_s = seconds_since(start);
    s.model_heap_bytes = heap_bytes() - heap0;

    start = Clock::now();
    cornu::runtime::Simulation sim(*model, catalogue);
    s.build_s = seconds_since(start);
    model.reset();

    start = Clock::now();
    sim.initialize();
    s.init_s = seconds_since(start);
    s.rss_bytes = resident_bytes() - rss0;
    s.heap_bytes = heap_bytes() - heap0;

    start = Clock::now();
    sim.run_until(tstop);
    s.run_s = seconds_since(start);
    s.stats = sim.stats();
    s.recorded_spikes = recorded_spikes(sim.recording());
    return s;
}

// `repeats` runs, each reported on its own line as it finishes.
inline std::vector<Sample> run_repeats(int repeats, const std::function<cornu::runtime::Model()>& build_model,
                                       cornu::runtime::MechanismCatalogue& catalogue, double tstop) {
    std::vector<Sample> samples;
    for (int r = 0; r < repeats; ++r) {
        const Sample& s = samples.emplace_back(run_once(build_model, catalogue, tstop));
        std::printf("repeat %d: model %.4f s, simulation %.4f s, init %.4f s, run %.3f s; %zu spikes, %llu events\n", r + 1,
                    s.model_s, s.build_s, s.init_s, s.run_s, s.recorded_spikes,
                    static_cast<unsigned long long>(s.stats.events_delivered));
        std::fflush(stdout);
    }
    return samples;
}

// Median over repetitions of one field.
template <typename Field>
double median_of(const std::vector<Sample>& samples, Field field) {
    std::vector<double> values;
    for (const Sample& s : samples) values.push_back(field(s));
    return median(values);
}

inline std::string num(double value, int decimals = 3) { return fmt::format("{:.{}f}", value, decimals); }

struct RunInfo {
    std::string bench;  // "net" or "ring"
    bool exact_math = false;
    int cells = 0;
    double tstop = 0;
    double dt = 0.025;
    double jit_s = 0;  // compiling (or loading from the cache) the mechanisms, once per process
};

// The machine-readable summary: "result: key=value ...", times as medians over the repetitions,
// counts and memory from the first (they do not change between repetitions, except RSS, which
// only the first measures cleanly: later ones reuse memory freed by the previous one).
inline void print_result(const RunInfo& info, const std::vector<Sample>& samples) {
    const Sample& first = samples.front();
    double steps = info.tstop / info.dt;
    double compartments = static_cast<double>(first.stats.compartments);
    double run = median_of(samples, [](const Sample& s) { return s.run_s; });
    double spikes = static_cast<double>(first.recorded_spikes);
    std::vector<std::pair<std::string, std::string>> fields{
        {"tool", "cornu"},
        {"bench", info.bench},
        {"math", info.exact_math ? "exact" : "fast"},
        {"cells", std::to_string(info.cells)},
        {"tstop", num(info.tstop, 1)},
        {"compartments", std::to_string(first.stats.compartments)},
        {"jit_s", num(info.jit_s)},
        {"model_s", num(median_of(samples, [](const Sample& s) { return s.model_s; }), 4)},
        {"sim_s", num(median_of(samples, [](const Sample& s) { return s.build_s; }), 4)},
        {"build_s", num(median_of(samples, [](const Sample& s) { return s.model_s + s.build_s; }), 4)},
        {"init_s", num(median_of(samples, [](const Sample& s) { return s.init_s; }), 4)},
        {"run_s", num(run)},
        {"us_per_cell_step", num(run * 1e6 / (info.cells * steps), 4)},
        {"us_per_comp_step", num(run * 1e6 / (compartments * steps), 4)},
        {"spikes", std::to_string(first.recorded_spikes)},
        {"rate_hz", num(spikes / info.cells / (info.tstop / 1000), 2)},
        {"events", std::to_string(first.stats.events_delivered)},
        {"mem_bytes_per_comp", num(static_cast<double>(first.stats.memory_bytes) / compartments, 0)},
        {"heap_bytes_per_comp", num(first.heap_bytes / compartments, 0)},
        {"model_bytes_per_comp", num(first.model_heap_bytes / compartments, 0)},
        {"rss_bytes_per_comp", num(first.rss_bytes / compartments, 0)},
    };
    std::string line = "result:";
    for (const auto& [key, value] : fields) line += " " + key + "=" + value;
    std::puts(line.c_str());
}

}  // namespace bench

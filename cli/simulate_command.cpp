// `cornu simulate CASE.yaml`: run an experiment described in a case file (the format NEURON's
// reference runs use, tests/reference/README.md) and write its traces and spikes as CSV.
#include "commands.hpp"

#include "cornu/runtime/case_file.hpp"
#include "cornu/runtime/simulation.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace cornu::cli {

namespace {

struct SimulateOptions {
    std::string case_file;
    std::string output_dir;
    std::string cache_dir;
    bool exact_math = false;
    bool no_cache = false;
    bool quiet = false;
};

void write_file(const std::filesystem::path& path, void (*writer)(std::ostream&, const runtime::Recording&),
                const runtime::Recording& recording) {
    std::ofstream out(path);
    if (!out) throw runtime::ModelError(fmt::format("{}: error: cannot write the file", path.string()));
    writer(out, recording);
    if (!out) throw runtime::ModelError(fmt::format("{}: error: writing failed (disk full?)", path.string()));
}

int run(const SimulateOptions& o) {
    using clock = std::chrono::steady_clock;
    try {
        runtime::CaseFile c = runtime::read_case_file(o.case_file);
        CompileOptions options;
        options.exact_math = o.exact_math;
        options.cache_dir = o.cache_dir;
        options.use_cache = !o.no_cache;
        runtime::MechanismCatalogue catalogue(options);
        auto start = clock::now();
        runtime::load_case_mechanisms(c, catalogue);
        runtime::Simulation sim(c.model, catalogue);
        auto built = clock::now();
        sim.initialize();
        sim.run_until(c.tstop);
        auto done = clock::now();

        std::filesystem::path dir = o.output_dir.empty() ? c.name : o.output_dir;
        std::filesystem::create_directories(dir);
        write_file(dir / "traces.csv", runtime::write_traces_csv, sim.recording());
        write_file(dir / "spikes.csv", runtime::write_spikes_csv, sim.recording());
        if (!o.quiet) {
            auto stats = sim.stats();
            std::cout << fmt::format(
                "{}: {} steps to t = {} ms; {} nodes, {} mechanism instances; {} spikes, {} events; build {:.3f} s, "
                "run {:.3f} s; results in {}\n",
                c.name, sim.steps(), sim.time(), stats.nodes, stats.mechanism_instances, stats.spikes,
                stats.events_delivered, std::chrono::duration<double>(built - start).count(),
                std::chrono::duration<double>(done - built).count(), dir.string());
        }
        return 0;
    } catch (const runtime::ModelError& e) {
        std::cerr << e.what() << '\n';
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace

void add_simulate_command(CLI::App& app, int& status) {
    auto o = std::make_shared<SimulateOptions>();
    CLI::App* cmd = app.add_subcommand("simulate", "Run an experiment from a case file and write traces.csv and spikes.csv");
    cmd->add_option("case", o->case_file, "The case file (YAML, tests/reference/README.md)")->required();
    cmd->add_option("-o,--output", o->output_dir, "Folder for the results (default: the case name)");
    cmd->add_flag("--exact-math", o->exact_math, "Scalar C-library math, bit-compatible with NEURON");
    cmd->add_option("--cache-dir", o->cache_dir, "Folder of the compiled-mechanism cache");
    cmd->add_flag("--no-cache", o->no_cache, "Compile every mechanism afresh");
    cmd->add_flag("-q,--quiet", o->quiet, "Print nothing on success");
    cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace cornu::cli

// `cornu simulate CASE.yaml`: run an experiment described in a case file (the format NEURON's
// reference runs use, tests/reference/README.md) and write its traces and spikes as CSV.
#include "commands.hpp"

#include "cornu/runtime/case_file.hpp"
#include "cornu/runtime/communicator.hpp"
#include "cornu/runtime/partition.hpp"
#include "cornu/runtime/simulation.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace cornu::cli {

namespace {

struct SimulateOptions {
    std::string case_file;
    std::string output_dir;
    std::string cache_dir;
    std::string partition = "round-robin";
    std::string event_order;  // default: neuron on one rank, canonical on several
    std::string load_weights;
    std::string save_weights;
    double tstop = -1;  // <0: the case's
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

runtime::EventOrder event_order(const SimulateOptions& o, int ranks) {
    if (o.event_order.empty()) return ranks > 1 ? runtime::EventOrder::canonical : runtime::EventOrder::neuron;
    if (o.event_order == "canonical") return runtime::EventOrder::canonical;
    if (ranks > 1)
        throw runtime::ModelError("--event-order neuron works on one rank only; a distributed run needs canonical");
    return runtime::EventOrder::neuron;
}

// Builds and runs the case on this rank (all of it, or its share under mpirun).
int simulate(const SimulateOptions& o, runtime::MpiSession& mpi) {
    using clock = std::chrono::steady_clock;
    const int rank = mpi.rank(), ranks = mpi.size();
    std::unique_ptr<runtime::Communicator> communicator;
    try {
        runtime::CaseFile c = runtime::read_case_file(o.case_file);
        c.model.settings.event_order = event_order(o, ranks);
        runtime::PartitionKind kind = runtime::parse_partition_kind(o.partition);
        CompileOptions options;
        options.exact_math = o.exact_math;
        options.cache_dir = o.cache_dir;
        options.use_cache = !o.no_cache;
        runtime::MechanismCatalogue catalogue(options);
        auto start = clock::now();
        runtime::load_case_mechanisms(c, catalogue);
        std::unique_ptr<runtime::Simulation> sim;
        if (ranks > 1) {
            communicator = runtime::make_mpi_communicator();
            sim = std::make_unique<runtime::Simulation>(c.model, catalogue,
                                                        runtime::make_partition(c.model, rank, ranks, kind), *communicator);
        } else {
            sim = std::make_unique<runtime::Simulation>(c.model, catalogue);
        }
        if (!o.load_weights.empty()) sim->load_weights(o.load_weights);
        auto built = clock::now();
        sim->initialize();
        sim->run_until(o.tstop >= 0 ? o.tstop : c.tstop);
        auto done = clock::now();
        if (!o.save_weights.empty()) {
            std::error_code ignored;  // a failure to create the folder shows as a failure to write the file
            std::filesystem::create_directories(std::filesystem::absolute(o.save_weights).parent_path(), ignored);
            sim->save_weights(o.save_weights);
        }
        runtime::Recording recording = sim->gather_recording();
        if (rank != 0) return 0;

        std::filesystem::path dir = o.output_dir.empty() ? c.name : o.output_dir;
        std::filesystem::create_directories(dir);
        write_file(dir / "traces.csv", runtime::write_traces_csv, recording);
        write_file(dir / "spikes.csv", runtime::write_spikes_csv, recording);
        if (!o.quiet) {
            auto stats = sim->stats();
            std::size_t spikes = 0;
            for (const auto& train : recording.spikes) spikes += train.times.size();
            std::cout << fmt::format(
                "{}: {} steps to t = {} ms on {} rank{}; rank 0: {} nodes, {} mechanism instances, {} events, spike "
                "exchange {:.3f} s in {} exchanges; {} spikes recorded; build {:.3f} s, run {:.3f} s; results in {}\n",
                c.name, sim->steps(), sim->time(), ranks, ranks > 1 ? "s" : "", stats.nodes, stats.mechanism_instances,
                stats.events_delivered, stats.exchange_seconds, stats.exchanges, spikes,
                std::chrono::duration<double>(built - start).count(), std::chrono::duration<double>(done - built).count(),
                dir.string());
        }
        return 0;
    } catch (const runtime::ModelError& e) {
        // Every rank gets the failure; rank 0 reports it (a failure before the ranks could agree,
        // e.g. an unreadable case file, is reported by each rank).
        if (rank == 0 || ranks == 1 || !communicator) std::cerr << e.what() << '\n';
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace

void add_simulate_command(CLI::App& app, int& status) {
    auto o = std::make_shared<SimulateOptions>();
    CLI::App* cmd = app.add_subcommand("simulate", simulate_description);
    cmd->add_option("case", o->case_file, "The case file (YAML, tests/reference/README.md)")->required();
    cmd->add_option("-o,--output", o->output_dir, "Folder for the results (default: the case name)");
    cmd->add_flag("--exact-math", o->exact_math, "Scalar C-library math, bit-compatible with NEURON");
    cmd->add_option("--cache-dir", o->cache_dir, "Folder of the compiled-mechanism cache");
    cmd->add_flag("--no-cache", o->no_cache, "Compile every mechanism afresh");
    cmd->add_flag("-q,--quiet", o->quiet, "Print nothing on success");
    cmd->add_option("--partition", o->partition, "How cells are spread over MPI ranks: round-robin or balanced")
        ->capture_default_str();
    cmd->add_option("--event-order", o->event_order,
                    "Order of simultaneous events: neuron (NEURON's queue; one rank) or canonical (independent of the "
                    "number of ranks; the default under mpirun)")
        ->check(CLI::IsMember({"neuron", "canonical"}));
    cmd->add_option("--tstop", o->tstop, "Run to this time (ms) instead of the case's tstop")->check(CLI::NonNegativeNumber);
    cmd->add_option("--load-weights", o->load_weights,
                    "Start from the NetCon weights in this HDF5 file (written by --save-weights for the same model)");
    cmd->add_option("--save-weights", o->save_weights, "Write every NetCon's final weight vector to this HDF5 file");
    cmd->callback([o, &status] {
        runtime::MpiSession mpi(nullptr, nullptr);
        status = simulate(*o, mpi);
    });
}

}  // namespace cornu::cli

// Network benchmark (issue 4): the model of ../shared/reference/neuron_scripts/net100.py built
// with the cornu::runtime::Model API. N single-compartment HH cells, each with an ExpSyn driven
// by its own noisy NetStim and by 10 random recurrent NetCons from other cells; every cell's
// spikes recorded; dt 0.025 ms, celsius 6.3, v_init -65.
//
//   bench_network [--cells 1000] [--tstop 1000] [--repeats 3] [--exact-math] [--seed 1]
//
// Prints the timings of each repetition, then their medians on one `result:` line (run.sh reads
// it; bench/network/neuron_net.py prints the same keys for NEURON).
//
// Differences from net100.py that do not change the work done: the wiring comes from a
// fixed-seed std::mt19937_64 (NEURON's script uses Random123), a cell never connects to itself,
// and cornu's NetStim draws its noise from its own Random123 stream; so spike counts agree with
// NEURON statistically (about 81 Hz), not spike for spike.
#include "bench_common.hpp"

#include "cornu/runtime/model.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <iostream>
#include <random>

namespace rt = cornu::runtime;

namespace {

struct Options {
    int cells = 1000;
    double tstop = 1000;
    int repeats = 3;
    bool exact_math = false;
    std::uint64_t seed = 1;
    int inputs_per_cell = 10;
};

rt::Cell hh_cell(int index) {
    rt::Section soma;
    soma.name = "soma";
    soma.length = 20;
    soma.diameter = {20};
    soma.nseg = 1;
    soma.capacitance = {1};
    soma.mechanisms = {{"hh", {}}};
    return {"cell" + std::to_string(index), {soma}};
}

// The ExpSyn on a cell's soma and the NetStim that drives it; returns the synapse's object index.
int add_synapse_and_stimulus(rt::Model& model, int cell) {
    std::string id = std::to_string(cell);
    int syn = model.add_object(bench::point_object("syn" + id, "ExpSyn", rt::Site{cell, 0, 0.5}, {{"tau", 2.0}, {"e", 0.0}}));
    int stim = model.add_object(bench::point_object(
        "stim" + id, "NetStim", std::nullopt, {{"interval", 25.0}, {"number", 1e9}, {"start", 0.0}, {"noise", 1.0}}));
    model.add_netcon(bench::netcon(rt::ObjectSource{stim}, syn, 0.01, 1.0));
    return syn;
}

rt::ThresholdSource soma_threshold(int cell) { return {rt::Site{cell, 0, 0.5}, 0.0}; }

// Each cell receives `inputs_per_cell` NetCons, each from a cell drawn uniformly among the others
// (the same source may be drawn twice, as in net100.py); delay uniform in [1, 5) ms, weight 0.002 uS.
void add_recurrent_inputs(rt::Model& model, const std::vector<int>& synapses, const Options& o) {
    std::mt19937_64 rng(o.seed);
    std::uniform_int_distribution<int> other(0, o.cells - 2);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int target = 0; target < o.cells; ++target)
        for (int k = 0; k < o.inputs_per_cell; ++k) {
            int source = other(rng);
            if (source >= target) ++source;  // skip the cell itself
            double delay = 1.0 + 4.0 * unit(rng);
            model.add_netcon(bench::netcon(soma_threshold(source), synapses[static_cast<std::size_t>(target)], 0.002, delay));
        }
}

rt::Model build_model(const Options& o) {
    rt::Model model;
    model.settings.dt = 0.025;
    model.settings.celsius = 6.3;
    model.settings.v_init = -65;
    std::vector<int> synapses;
    for (int i = 0; i < o.cells; ++i) {
        model.add_cell(hh_cell(i));
        synapses.push_back(add_synapse_and_stimulus(model, i));
    }
    if (o.cells > 1) add_recurrent_inputs(model, synapses, o);
    for (int i = 0; i < o.cells; ++i) model.add_spike_recorder(bench::spike_recorder("cell" + std::to_string(i), soma_threshold(i)));
    return model;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app("cornu network benchmark: N HH cells with ExpSyn, NetStim and a random network (net100.py)");
    app.add_option("-n,--cells", o.cells, "Number of cells")->check(CLI::PositiveNumber);
    app.add_option("-t,--tstop", o.tstop, "Simulated time (ms)")->check(CLI::PositiveNumber);
    app.add_option("-r,--repeats", o.repeats, "Repetitions (medians are reported)")->check(CLI::PositiveNumber);
    app.add_flag("--exact-math", o.exact_math, "Scalar C-library math (bit-compatible with NEURON)");
    app.add_option("--seed", o.seed, "Seed of the random wiring");
    CLI11_PARSE(app, argc, argv);

    try {
        cornu::CompileOptions compile;
        compile.exact_math = o.exact_math;
        rt::MechanismCatalogue catalogue(compile);
        bench::RunInfo info{"net", o.exact_math, o.cells, o.tstop};
        info.jit_s = bench::warm_up(catalogue, {"hh", "ExpSyn", "NetStim"});
        auto samples = bench::run_repeats(o.repeats, [&] { return build_model(o); }, catalogue, o.tstop);
        bench::print_result(info, samples);
    } catch (const rt::ModelError& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}

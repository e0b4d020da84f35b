// Ring benchmark (issue 4): branched multi-compartment cells connected in rings, after
// CoreNEURON's ringtest (neuronsimulator/ringtest, cell.hoc), to measure the cable solver and
// the density mechanisms per compartment rather than the event machinery.
//
//   bench_ring [--rings 16] [--ring-cells 8] [--branches 16] [--nseg 4] [--tstop 100]
//              [--repeats 3] [--exact-math]
//
// Each cell: a soma (L = diam = 12.6157 um, nseg 1, hh) and `branches` dendrites (diam 1 um,
// nseg `nseg`, pas with g 0.001 S/cm2 and e -65 mV) forming a binary tree: dend[0] (L 200 um)
// on soma(1), dend[i] (L 50 um) on dend[(i-1)/2](1); Ra 100 ohm cm, cm 1 uF/cm2. An ExpSyn
// (tau 2 ms, e 0) sits at dend[0](0.8). In each ring, cell k drives cell k+1 with a NetCon from
// its soma(0.5) v (threshold 10 mV, delay 1 ms, weight 0.01 uS), and a NetStim (number 1,
// start 0) kicks cell 0. dt 0.025 ms, celsius 6.3, v_init -65. neuron_ring.py builds the same.
//
// Unlike ringtest: a fixed binary tree instead of a random one per cell type, hh only in the
// soma (ringtest also inserts it in the dendrites), the spike source at soma(0.5), not soma(1).
#include "bench_common.hpp"

#include "cornu/runtime/model.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace rt = cornu::runtime;

namespace {

struct Options {
    int rings = 16;
    int ring_cells = 8;
    int branches = 16;
    int nseg = 4;
    double tstop = 100;
    int repeats = 3;
    bool exact_math = false;
};

rt::Section section(std::string name, double length, double diameter, int nseg, int parent) {
    rt::Section s;
    s.name = std::move(name);
    s.parent = parent;
    s.parent_x = 1.0;
    s.length = length;
    s.diameter = {diameter};
    s.nseg = nseg;
    s.axial_resistivity = 100;
    s.capacitance = {1};
    return s;
}

rt::Cell branched_cell(int index, const Options& o) {
    rt::Cell cell;
    cell.name = "cell" + std::to_string(index);
    rt::Section soma = section("soma", 12.6157, 12.6157, 1, -1);
    soma.mechanisms = {{"hh", {}}};
    cell.sections.push_back(soma);
    for (int i = 0; i < o.branches; ++i) {
        // Section indices: soma 0, dend[i] at i + 1; dend[i]'s parent dend[(i-1)/2] is at (i-1)/2 + 1.
        int parent = i == 0 ? 0 : (i - 1) / 2 + 1;
        rt::Section dend = section("dend" + std::to_string(i), i == 0 ? 200 : 50, 1, o.nseg, parent);
        dend.mechanisms = {{"pas", {{"g", {0.001}}, {"e", {-65.0}}}}};
        cell.sections.push_back(dend);
    }
    return cell;
}

rt::ThresholdSource soma_threshold(int cell) { return {rt::Site{cell, 0, 0.5}, 10.0}; }

// One ring: its cells, their synapses, the NetCons around the ring and the NetStim that starts it.
void add_ring(rt::Model& model, int ring, const Options& o) {
    std::vector<int> cells, synapses;
    for (int k = 0; k < o.ring_cells; ++k) {
        int c = model.add_cell(branched_cell(ring * o.ring_cells + k, o));
        cells.push_back(c);
        synapses.push_back(model.add_object(
            bench::point_object("syn" + std::to_string(c), "ExpSyn", rt::Site{c, 1, 0.8}, {{"tau", 2.0}, {"e", 0.0}})));
    }
    for (int k = 0; k < o.ring_cells; ++k)
        model.add_netcon(bench::netcon(soma_threshold(cells[static_cast<std::size_t>(k)]),
                                       synapses[static_cast<std::size_t>((k + 1) % o.ring_cells)], 0.01, 1.0));
    int stim = model.add_object(bench::point_object("stim" + std::to_string(ring), "NetStim", std::nullopt,
                                                    {{"number", 1.0}, {"start", 0.0}, {"noise", 0.0}}));
    model.add_netcon(bench::netcon(rt::ObjectSource{stim}, synapses.front(), 0.01, 1.0));
}

rt::Model build_model(const Options& o) {
    rt::Model model;
    model.settings.dt = 0.025;
    model.settings.celsius = 6.3;
    model.settings.v_init = -65;
    for (int r = 0; r < o.rings; ++r) add_ring(model, r, o);
    for (int c = 0; c < static_cast<int>(model.cells().size()); ++c)
        model.add_spike_recorder(bench::spike_recorder("cell" + std::to_string(c), soma_threshold(c)));
    return model;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app("cornu ring benchmark: rings of branched cells (ringtest-like), per compartment-step");
    app.add_option("--rings", o.rings, "Number of rings")->check(CLI::PositiveNumber);
    app.add_option("--ring-cells", o.ring_cells, "Cells per ring")->check(CLI::PositiveNumber);
    app.add_option("--branches", o.branches, "Dendrite sections per cell")->check(CLI::PositiveNumber);
    app.add_option("--nseg", o.nseg, "Segments per dendrite")->check(CLI::PositiveNumber);
    app.add_option("-t,--tstop", o.tstop, "Simulated time (ms)")->check(CLI::PositiveNumber);
    app.add_option("-r,--repeats", o.repeats, "Repetitions (medians are reported)")->check(CLI::PositiveNumber);
    app.add_flag("--exact-math", o.exact_math, "Scalar C-library math (bit-compatible with NEURON)");
    CLI11_PARSE(app, argc, argv);

    try {
        cornu::CompileOptions compile;
        compile.exact_math = o.exact_math;
        rt::MechanismCatalogue catalogue(compile);
        bench::RunInfo info{"ring", o.exact_math, o.rings * o.ring_cells, o.tstop};
        info.jit_s = bench::warm_up(catalogue, {"hh", "pas", "ExpSyn", "NetStim"});
        auto samples = bench::run_repeats(o.repeats, [&] { return build_model(o); }, catalogue, o.tstop);
        bench::print_result(info, samples);
    } catch (const rt::ModelError& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}

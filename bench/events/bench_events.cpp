// Event throughput: issue 4 asks for a queue that "stays fast with 10^5 connections and 10^8
// deliveries". Two measurements in one run:
//  1. the queue alone: N pending events, then pop one and insert one (at a later random time)
//     repeatedly, in NEURON's order and in the canonical order;
//  2. a whole simulation: generators driving 10^5 NetCons onto ExpSyns on passive cells, where each
//     delivery runs the synapse's NET_RECEIVE.
// Usage: bench_events [deliveries=1e8] [connections=1e5] [simulated_ms=1000]
#include "event_queue.hpp"

#include "cornu/runtime/simulation.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ctime>
#include <cstdlib>
#include <random>

using namespace cornu::runtime;

namespace {

// CPU time of this process: on a shared machine wall time also counts other people's work.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

void queue_alone(bool canonical, std::size_t pending, std::uint64_t operations) {
    EventQueue queue(canonical);
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> delay(0.5, 5.0);
    for (std::size_t k = 0; k < pending; ++k) {
        Event e{delay(rng), EventKind::netcon, 0, static_cast<std::int64_t>(k), 0, nullptr};
        e.order = canonical_netcon_order(k % 977, k);
        queue.insert(e);
    }
    double start = cpu_seconds();
    Event e;
    std::uint64_t done = 0;
    double now = 0;
    while (done < operations) {
        now += 0.025;
        while (queue.pop_until(now, e)) {
            e.time = now + delay(rng);
            queue.insert(e);
            ++done;
        }
    }
    double s = cpu_seconds() - start;
    fmt::print("queue alone ({:9}): {} pending, {:.3g} pop+insert in {:.2f} s CPU = {:.1f} ns per event\n",
               canonical ? "canonical" : "neuron", pending, static_cast<double>(done), s, s / static_cast<double>(done) * 1e9);
}

void whole_simulation(std::size_t connections, double tstop) {
    // 100 passive cells with one ExpSyn each; generators at 100 Hz, each with 100 NetCons spread
    // over the synapses: deliveries = connections x 100 Hz x tstop.
    Model m;
    const int cells = 100;
    for (int c = 0; c < cells; ++c) {
        Section soma;
        soma.name = "soma";
        soma.length = 20;
        soma.diameter = {20};
        soma.mechanisms.push_back({"pas", {}});
        Cell cell;
        cell.name = fmt::format("c{}", c);
        cell.sections.push_back(soma);
        m.add_cell(cell);
        PointObject syn;
        syn.name = fmt::format("s{}", c);
        syn.type = "ExpSyn";
        syn.site = Site{c, 0, 0.5};
        m.add_object(syn);
    }
    const std::size_t per_generator = 100;
    for (std::size_t g = 0; g < connections / per_generator; ++g) {
        SpikeGenerator gen;
        gen.name = fmt::format("g{}", g);
        gen.poisson = PoissonProcess{{0.0}, {100.0}, 0, 1e300, 1};
        int source = m.add_generator(gen);
        for (std::size_t k = 0; k < per_generator; ++k)
            m.add_netcon({GeneratorSource{source}, static_cast<int>((g + k) % cells), {1e-7}, 1.0 + 0.01 * static_cast<double>(k)});
    }
    MechanismCatalogue catalogue;
    double build = cpu_seconds();
    Simulation sim(m, catalogue);
    double built = cpu_seconds() - build;
    double start = cpu_seconds();
    sim.initialize();
    sim.run_until(tstop);
    double s = cpu_seconds() - start;
    auto stats = sim.stats();
    fmt::print("simulation: {} NetCons, {} cells, {:.0f} ms: {:.3g} deliveries in {:.2f} s CPU = {:.1f} ns per delivery "
               "(including the cells' {} steps); build {:.2f} s\n",
               m.netcons().size(), cells, tstop, static_cast<double>(stats.events_delivered), s,
               s / static_cast<double>(stats.events_delivered) * 1e9, sim.steps(), built);
}

}  // namespace

int main(int argc, char** argv) {
    double deliveries = 1e8, connections = 1e5, tstop = 1000;
    CLI::App app("cornu event benchmark: the queue alone, then a simulation with many NetCons");
    app.add_option("deliveries", deliveries, "pop+insert operations on the queue alone");
    app.add_option("connections", connections, "pending events, and NetCons in the simulation");
    app.add_option("simulated_ms", tstop, "simulated time of the whole simulation (ms)");
    CLI11_PARSE(app, argc, argv);
    if (!(deliveries >= 1 && connections >= 1 && tstop > 0)) {
        fmt::print(stderr, "bench_events: deliveries and connections must be at least 1, simulated_ms above 0\n");
        return 2;
    }
    auto pending = static_cast<std::size_t>(connections);
    queue_alone(false, pending, static_cast<std::uint64_t>(deliveries));
    queue_alone(true, pending, static_cast<std::uint64_t>(deliveries));
    whole_simulation(pending, tstop);
}

// A model made runnable: cells discretised into nodes, mechanisms bound to their JIT-compiled
// kernels, the NetCon network and its event queue, and the recorders. It advances with NEURON
// 8.2's fixed-step method (NEURON_SEMANTICS.md §B; secondorder 0, 1 or 2) and initialises as
// NEURON's finitialize (§C), so a model gives NEURON's traces and spike times.
#pragma once

#include "cornu/runtime/catalogue.hpp"
#include "cornu/runtime/model.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cornu::runtime {

struct SpikeTrain {
    std::string name;
    std::vector<double> times;
};

// What the model's recorders collected since the last initialize().
struct Recording {
    std::vector<double> time;                 // sample times (t as NEURON accumulates it)
    std::vector<std::string> columns;         // one per Trace, in model order
    std::vector<std::vector<double>> values;  // [column][sample]
    std::vector<SpikeTrain> spikes;           // one per SpikeRecorder, in model order
};

struct SimulationStats {
    std::size_t nodes = 0;
    std::size_t compartments = 0;        // nodes with membrane (segment centres)
    std::size_t mechanism_instances = 0;
    std::size_t memory_bytes = 0;        // node, mechanism, ion, network and queue storage
    std::uint64_t events_delivered = 0;
    std::uint64_t spikes = 0;
};

class Simulation {
public:
    // Builds everything; throws ModelError naming what is wrong (unknown mechanism or parameter,
    // a recorded variable that does not exist, ...). Mechanisms are taken from `catalogue`,
    // which must outlive the simulation.
    Simulation(const Model& model, MechanismCatalogue& catalogue);
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    // NEURON's finitialize(v_init): t = 0, states initialised, events of time 0 delivered, the
    // first sample recorded.
    void initialize();
    // One fixed step of dt. Throws ModelError if a mechanism reports an error (e.g. an event out
    // of order, an implicit solver that did not converge).
    void step();
    // Steps while t < tstop - dt/2, as NEURON's continuerun.
    void run_until(double tstop);

    double time() const;
    std::int64_t steps() const;
    const Settings& settings() const;

    const Recording& recording() const;
    SimulationStats stats() const;

    // Live access to state, for tests and for experiments that change parameters between runs.
    // Return null when the variable does not exist.
    double* voltage(const Site& site);
    double* site_variable(const Site& site, const std::string& mechanism, const std::string& variable,
                          int element = 0);
    double* object_variable(int object, const std::string& variable, int element = 0);
    double* global_variable(const std::string& mechanism, const std::string& variable, int element = 0);
    // A NetCon's weight vector (as long as its target's NET_RECEIVE argument list).
    std::vector<double> weights(int netcon) const;
    void set_weights(int netcon, const std::vector<double>& weights);

    struct Engine;

private:
    std::unique_ptr<Engine> engine_;
};

}  // namespace cornu::runtime

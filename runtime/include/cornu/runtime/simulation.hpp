// A model made runnable: cells discretised into nodes, mechanisms bound to their JIT-compiled
// kernels, the NetCon network and its event queue, and the recorders. It advances with NEURON
// 8.2's fixed-step method (NEURON_SEMANTICS.md §B; secondorder 0, 1 or 2) and initialises as
// NEURON's finitialize (§C), so a model gives NEURON's traces and spike times.
#pragma once

#include "cornu/runtime/catalogue.hpp"
#include "cornu/runtime/communicator.hpp"
#include "cornu/runtime/model.hpp"
#include "cornu/runtime/partition.hpp"

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

// The weight vectors of one projection's NetCons on this rank, in model order: row k belongs to
// NetCon netcons[k] and holds `width` values (weight[0], then what NET_RECEIVE keeps per
// connection, e.g. STDPE2's A and tpre); shorter vectors are padded with NaN.
struct WeightTable {
    std::vector<int> netcons;
    std::size_t width = 0;
    std::vector<double> values;  // netcons.size() x width, row-major
};

struct SimulationStats {
    std::size_t nodes = 0;
    std::size_t compartments = 0;        // nodes with membrane (segment centres)
    std::size_t mechanism_instances = 0;
    std::size_t memory_bytes = 0;        // node, mechanism, ion, network and queue storage
    std::uint64_t events_delivered = 0;
    std::uint64_t spikes = 0;
    double exchange_seconds = 0;  // time spent in (waiting for) spike exchange
    std::uint64_t exchanges = 0;
};

class Simulation {
public:
    // Builds everything; throws ModelError naming what is wrong (unknown mechanism or parameter,
    // a recorded variable that does not exist, ...). Mechanisms are taken from `catalogue`,
    // which must outlive the simulation. The simulation keeps the model (pass it with std::move
    // when the caller no longer needs it: a large model is then not held twice).
    Simulation(Model model, MechanismCatalogue& catalogue);
    // A distributed simulation: this rank's share of `model` (see partition.hpp). Every rank
    // must make the same calls; the communicator must outlive the simulation. An error on any
    // rank (while building or running) is thrown as a ModelError on every rank.
    Simulation(Model model, MechanismCatalogue& catalogue, const Partition& partition, Communicator& communicator);
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

    // This rank's recordings (another rank's traces are empty here).
    const Recording& recording() const;
    // Collective: every rank's recordings assembled on rank 0 (empty elsewhere); on one rank,
    // the same as recording().
    Recording gather_recording();
    SimulationStats stats() const;
    // The time between spike exchanges (ms); 0 when not distributed.
    double exchange_interval() const;

    // Live access to state, for tests and for experiments that change parameters between runs.
    // Return null when the variable does not exist.
    double* voltage(const Site& site);
    double* site_variable(const Site& site, const std::string& mechanism, const std::string& variable,
                          int element = 0);
    double* object_variable(int object, const std::string& variable, int element = 0);
    double* global_variable(const std::string& mechanism, const std::string& variable, int element = 0);
    // A NetCon's weight vector (as long as its target's NET_RECEIVE argument list), by its number
    // in the model. Variables and weights of another rank's cells are not here: null, or for
    // weights a ModelError (check has_netcon first).
    bool has_netcon(int netcon) const;
    // Bulk access by projection (NetCon::projection); reads and writes this rank's NetCons.
    std::vector<std::string> projections() const;
    WeightTable projection_weights(const std::string& projection) const;
    void set_projection_weights(const std::string& projection, const WeightTable& table);
    // Collective with a communicator: save every projection's weights to an HDF5 file (parallel,
    // collective writes), or restore them from one written for the same model.
    void save_weights(const std::string& path);
    void load_weights(const std::string& path);
    std::vector<double> weights(int netcon) const;
    void set_weights(int netcon, const std::vector<double>& weights);

    struct Engine;

private:
    void exchange(const std::string& error);
    void start_exchange(const std::string& error);
    void finish_exchange();
    void build_distributed(Model model, MechanismCatalogue& catalogue, const Partition& partition);

    std::unique_ptr<Engine> engine_;
    Communicator* communicator_ = nullptr;
    int exchange_steps_ = 0;  // steps between exchanges
    int steps_since_exchange_ = 0;
    // With overlap, the exchange of one interval's spikes travels while the next interval is
    // computed; intervals are then at most half the minimum delay, so spikes still arrive in time.
    bool overlap_ = false;
    bool in_flight_ = false;
    double exchange_seconds_ = 0;
    std::uint64_t exchanges_ = 0;
};

}  // namespace cornu::runtime

// The inside of a Simulation: node arrays and the cable matrix, mechanism groups bound to their
// kernels, ion species, the spike network with its event queue, and the recorders. Built by
// build.cpp, stepped by engine.cpp, events in network.cpp.
#pragma once

#include "cable.hpp"
#include "event_queue.hpp"
#include "generators.hpp"
#include "ions.hpp"
#include "random_stream.hpp"
#include "runtime_hooks.hpp"

#include "cornu/runtime/communicator.hpp"
#include "cornu/runtime/mechanism_storage.hpp"
#include "cornu/runtime/partition.hpp"
#include "cornu/runtime/simulation.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cornu::runtime {

using nmodl::MechanismKind;

// All instances of one mechanism in the model, in NEURON's instance order (node order; several
// point processes on one node newest first; artificial cells in creation order).
struct MechanismGroup {
    const Mechanism* mechanism = nullptr;
    std::unique_ptr<MechanismStorage> storage;
    std::vector<int32_t> node_index;
    std::vector<int> ion_species;                  // [layout ion] -> Engine::ions index
    std::vector<std::vector<int32_t>> ion_index;   // [layout ion][instance] -> ion instance
    std::vector<const int32_t*> ion_index_pointers;
    std::vector<cornu_ion_data> ion_views;
    cornu_mech_data data{};
    std::vector<int> objects;  // model object of each instance (point processes, artificial cells)

    // Event state per instance.
    std::vector<EventQueue::Handle> flag1_event;  // the pending net_send(.., 1), for net_move
    std::vector<std::vector<int>> netcons_in;     // FOR_NETCONS: NetCons targeting the instance
    std::vector<std::vector<int>> watches;        // indices into Engine::watches_
    std::vector<RandomStream> random;             // per instance, made on the first draw
    std::vector<const std::vector<double>*> play_times;  // objects: their play_time() lists
    std::vector<const FunctionTable*> function_tables;   // [layout function table], in Model

    const MechanismLayout& layout() const { return mechanism->layout(); }
    const CompiledMechanism& kernels() const { return mechanism->compiled; }
    MechanismKind kind() const { return layout().kind; }
    bool artificial() const { return kind() == MechanismKind::artificial_cell; }
    std::size_t size() const { return storage->size(); }
};

// A spike source: a threshold on a node's v, or an object's net_event; or, in a distributed run,
// a source on another rank whose spikes arrive by exchange.
struct PreSyn {
    int global = -1;        // number among the model's sources (GlobalSources)
    bool remote = false;    // owned by another rank
    bool exported = false;  // some NetCon of it targets another rank: its spikes are sent there
    int node = -1;  // threshold sources (checked through Engine::detectors)
    double threshold = 10.0;
    int object = -1;  // object sources
    std::vector<int> netcons;    // in creation order
    std::vector<int> recorders;  // spike recorders
    bool single_event = false;   // > 2 NetCons with one delay: NEURON queues one event for all
    double single_delay = 0;
};

struct NetConState {
    int global = -1;  // the model's NetCon number
    int presyn = -1;
    int target_group = -1;  // -1: no target
    int64_t target_instance = 0;
    double* weights = nullptr;
    double delay = 1.0;
};

struct WatchCondition {
    int32_t group = 0;
    int64_t instance = 0;
    int32_t clause = 0;
    double flag = 0;
    bool flagged = false;
    bool active = true;
    EventQueue::Handle event{};
    bool event_queued = false;
};

struct Simulation::Engine final : HookTarget {
    Engine(Model model, MechanismCatalogue& catalogue, const Partition& partition);

    // ---- engine.cpp: initialisation and the fixed step ----
    void initialize();
    void step();
    void set_kernel_time(double time);
    void check_tables();
    void setup_tree_matrix();
    void solve_tree();
    void advance_states();
    void record_sample();
    void raise_pending_error();

    // ---- network.cpp: spikes and events ----
    void build_network();
    void init_events();
    void check_thresholds();
    void emit_generated_spikes(double limit);
    void deliver(double limit);
    void dispatch(const Event& event);
    void receive(int32_t group, int64_t instance, double* weights, double flag, double time);
    void send_spike(int presyn, double time);
    void queue_netcon_events(int presyn, double time);
    void receive_remote_spikes(const std::vector<SpikeMessage>& incoming);
    [[noreturn]] void report_bad_voltage(double runaway);
    void remove_watches(int32_t group, int64_t instance);
    void compact_watches();
    std::string describe_instance(int32_t group, int64_t instance) const;
    RandomStream& random_stream(int32_t group, int64_t instance);

    // HookTarget
    void net_send(int32_t group, int64_t instance, double* weights, double time, double flag) override;
    void net_event(int32_t group, int64_t instance, double time) override;
    void net_move(int32_t group, int64_t instance, double time) override;
    void watch(int32_t group, int64_t instance, int32_t clause, double flag) override;
    int64_t netcon_count(int32_t group, int64_t instance) override;
    double* netcon_weights(int32_t group, int64_t instance, int64_t k) override;
    double random(int32_t group, int64_t instance, int32_t kind, double a, double b) override;
    void set_seed(int32_t group, int64_t instance, double seed) override;
    double play_time(int32_t group, int64_t instance, double index) override;
    void solver_failed(int32_t group, int64_t instance, int32_t code) override;
    double function_table(int32_t group, int32_t table, int32_t n, const double* args) override;

    // ---- the model ----
    Model model;
    Settings settings;
    Partition partition;
    CableNodes cable;

    // Node arrays (NEURON's VEC_V, VEC_RHS, VEC_D).
    std::vector<double> v, rhs, d;
    double cj = 0;  // 1/dt, or 2/dt with secondorder

    std::vector<IonSpecies> ions;         // in registration order
    std::vector<MechanismGroup> groups;   // in NEURON's memb order
    std::vector<int> object_group;        // [object] -> group
    std::vector<int64_t> object_instance;  // [object] -> instance

    // ---- the network ----
    GlobalSources sources;
    std::vector<PreSyn> presyns;
    std::vector<int> object_presyn;  // [object] -> presyn, -1 if nothing listens
    std::vector<int> source_presyn;  // [global source] -> presyn here, -1 if none
    std::vector<int> netcon_local;   // [model NetCon] -> netcons index, -1 if on another rank
    std::vector<int> netcon_width;   // [model NetCon] -> length of its weight vector (on every rank)
    std::vector<SpikeMessage> outbox;  // spikes for other ranks since the last exchange
    std::vector<GeneratorState> generators;  // this rank's spike generators that something listens to
    // This rank's threshold sources, structure of arrays for the per-step check.
    struct ThresholdDetectors {
        std::vector<int32_t> node;
        std::vector<double> threshold;
        std::vector<std::uint8_t> above;  // NEURON's flag: above threshold at the last check
        std::vector<int> presyn;
    } detectors;
    std::uint64_t self_sequence = 0;   // canonical order of self-events
    std::vector<NetConState> netcons;
    std::vector<double> weight_pool;
    std::vector<double> no_weights;  // passed where NEURON passes no weight vector
    EventQueue queue{settings.event_order == EventOrder::canonical};
    std::vector<WatchCondition> watches_;
    std::size_t inactive_watches_ = 0;
    int32_t receiving_group_ = -1;  // the NET_RECEIVE running now (WATCH re-arms its instance)
    int64_t receiving_instance_ = -1;
    bool first_watch_ = false;

    // ---- time and recording ----
    double t = 0;
    bool initialized = false;
    int64_t step_count = 0;
    int steps_per_sample = 1;
    std::vector<const double*> trace_sources;  // null for another rank's traces
    Recording recording;
    std::uint64_t events_delivered = 0, spikes = 0;
    std::string pending_error;
};

}  // namespace cornu::runtime

#include "engine.hpp"

#include <algorithm>

namespace cornu::runtime {

Simulation::Simulation(const Model& model, MechanismCatalogue& catalogue)
    : engine_(std::make_unique<Engine>(model, catalogue)) {}

Simulation::~Simulation() = default;

void Simulation::initialize() { engine_->initialize(); }
void Simulation::step() { engine_->step(); }

void Simulation::run_until(double tstop) {
    if (!engine_->initialized) engine_->initialize();
    const double dt = engine_->settings.dt;
    while (engine_->t < tstop - dt / 2) engine_->step();
}

double Simulation::time() const { return engine_->t; }
std::int64_t Simulation::steps() const { return engine_->step_count; }
const Settings& Simulation::settings() const { return engine_->settings; }
const Recording& Simulation::recording() const { return engine_->recording; }

SimulationStats Simulation::stats() const {
    const Engine& e = *engine_;
    SimulationStats s;
    s.nodes = e.v.size();
    s.compartments = static_cast<std::size_t>(std::count(e.cable.has_capacitance.begin(), e.cable.has_capacitance.end(), 1));
    // Per node: v, rhs, d, a, b, area, diam, cm (doubles), parent and cell (int32), capacitance flag.
    std::size_t bytes = s.nodes * (8 * sizeof(double) + 2 * sizeof(int32_t) + 1);
    for (const MechanismGroup& g : e.groups) {
        s.mechanism_instances += g.size();
        bytes += g.storage->stride() * g.layout().fields.size() * sizeof(double);
        bytes += g.size() * sizeof(int32_t) * (1 + g.ion_index.size());
    }
    for (const IonSpecies& ion : e.ions) bytes += ion.memory_bytes();
    bytes += e.netcons.size() * sizeof(NetConState) + e.weight_pool.size() * sizeof(double);
    for (const PreSyn& p : e.presyns) bytes += sizeof(PreSyn) + p.netcons.size() * sizeof(int);
    bytes += e.queue.size() * (sizeof(Event) + 24);
    s.memory_bytes = bytes;
    s.events_delivered = e.events_delivered;
    s.spikes = e.spikes;
    return s;
}

double* Simulation::voltage(const Site& site) {
    return &engine_->v[static_cast<std::size_t>(engine_->cable.node_at(site))];
}

double* Simulation::site_variable(const Site& site, const std::string& mechanism, const std::string& variable,
                                  int element) {
    int node = engine_->cable.node_at(site);
    for (MechanismGroup& g : engine_->groups) {
        if (g.layout().name != mechanism || g.kind() != MechanismKind::density) continue;
        auto at = std::find(g.node_index.begin(), g.node_index.end(), node);
        double* base = g.storage->field(variable, element);
        if (at == g.node_index.end() || !base) return nullptr;
        return base + (at - g.node_index.begin());
    }
    return nullptr;
}

double* Simulation::object_variable(int object, const std::string& variable, int element) {
    if (object < 0 || static_cast<std::size_t>(object) >= engine_->object_group.size()) return nullptr;
    MechanismGroup& g = engine_->groups[static_cast<std::size_t>(engine_->object_group[static_cast<std::size_t>(object)])];
    double* base = g.storage->field(variable, element);
    return base ? base + engine_->object_instance[static_cast<std::size_t>(object)] : nullptr;
}

double* Simulation::global_variable(const std::string& mechanism, const std::string& variable, int element) {
    for (MechanismGroup& g : engine_->groups)
        if (g.layout().name == mechanism) return g.storage->global(variable, element);
    return nullptr;
}

std::vector<double> Simulation::weights(int netcon) const {
    const NetConState& nc = engine_->netcons.at(static_cast<std::size_t>(netcon));
    std::size_t length = 1;
    if (nc.target_group >= 0)
        length = std::max(1, engine_->groups[static_cast<std::size_t>(nc.target_group)].layout().net_receive_args);
    return {nc.weights, nc.weights + length};
}

void Simulation::set_weights(int netcon, const std::vector<double>& weights) {
    std::vector<double> current = this->weights(netcon);
    if (weights.size() > current.size())
        throw ModelError("NetCon " + std::to_string(netcon) + ": more weights than its target's NET_RECEIVE takes");
    std::copy(weights.begin(), weights.end(), engine_->netcons[static_cast<std::size_t>(netcon)].weights);
}

}  // namespace cornu::runtime

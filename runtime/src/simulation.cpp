#include "engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace cornu::runtime {

Simulation::Simulation(Model model, MechanismCatalogue& catalogue) {
    Partition partition = single_rank_partition(model);
    engine_ = std::make_unique<Engine>(std::move(model), catalogue, partition);
}

Simulation::Simulation(Model model, MechanismCatalogue& catalogue, const Partition& partition,
                       Communicator& communicator)
    : communicator_(&communicator) {
    std::string error;
    try {
        build_distributed(std::move(model), catalogue, partition);
    } catch (const ModelError& e) {
        error = e.what();
    }
    exchange(error);  // every rank learns whether every rank could build its share
}

Simulation::~Simulation() = default;

namespace {

// The shortest delay of a NetCon between two different cells (gids): spikes need to cross
// ranks no more often than that.
double minimum_cross_delay(const Model& model, const GlobalSources& sources) {
    double minimum = INFINITY;
    Gids gids(model);
    for (std::size_t k = 0; k < model.netcons().size(); ++k) {
        int target = gids.of_target(model, static_cast<int>(k));
        int source = gids.of_source(sources.sources[static_cast<std::size_t>(sources.netcon_source[k])]);
        if (target >= 0 && target != source) minimum = std::min(minimum, model.netcons()[k].delay);
    }
    return minimum;
}

}  // namespace

void Simulation::build_distributed(Model model, MechanismCatalogue& catalogue, const Partition& partition) {
    engine_ = std::make_unique<Engine>(std::move(model), catalogue, partition);
    const double dt = engine_->settings.dt;
    double min_delay = minimum_cross_delay(engine_->model, engine_->sources);
    if (!std::isfinite(min_delay)) {
        exchange_steps_ = std::numeric_limits<int>::max();  // nothing crosses: exchange only to stay in step
    } else if (partition.distributed() && min_delay < dt) {
        throw ModelError(fmt::format("the shortest NetCon delay between two cells is {} ms, below dt = {} ms; spikes "
                                     "between ranks need delays of at least dt",
                                     min_delay, dt));
    } else {
        int half = static_cast<int>(std::floor(min_delay / (2 * dt) * (1 + 1e-12)));
        overlap_ = half >= 1;
        exchange_steps_ = overlap_ ? half : std::max(1, static_cast<int>(std::floor(min_delay / dt * (1 + 1e-12))));
    }
}

void Simulation::start_exchange(const std::string& error) {
    auto start = std::chrono::steady_clock::now();
    std::vector<SpikeMessage> outgoing;
    if (engine_) outgoing.swap(engine_->outbox);
    communicator_->start_exchange(outgoing, error);
    in_flight_ = true;
    exchange_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Takes the spikes of the exchange in flight; turns any rank's failure into an error on every
// rank, so that none waits for a rank that stopped.
void Simulation::finish_exchange() {
    if (!in_flight_) return;
    auto start = std::chrono::steady_clock::now();
    ExchangeResult result = communicator_->finish_exchange();
    in_flight_ = false;
    ++exchanges_;
    exchange_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (result.failed_rank >= 0) {
        if (result.failed_rank == communicator_->rank()) throw ModelError(result.failure);
        throw ModelError(fmt::format("stopped because rank {} failed: {}", result.failed_rank, result.failure));
    }
    engine_->receive_remote_spikes(result.spikes);
}

// A complete exchange now (after the one in flight, if any).
void Simulation::exchange(const std::string& error) {
    steps_since_exchange_ = 0;
    if (!communicator_) {
        if (!error.empty()) throw ModelError(error);
        return;
    }
    finish_exchange();
    start_exchange(error);
    finish_exchange();
}

void Simulation::initialize() {
    if (!communicator_) return engine_->initialize();
    std::string error;
    try {
        finish_exchange();
        engine_->initialize();
    } catch (const ModelError& e) {
        error = e.what();
    }
    exchange(error);  // spikes of time 0 (e.g. a VecStim's) reach the other ranks
}

void Simulation::step() {
    if (!communicator_) return engine_->step();
    std::string error;
    try {
        engine_->step();
    } catch (const ModelError& e) {
        error = e.what();
    }
    if (!error.empty()) return exchange(error);  // throws on every rank
    if (++steps_since_exchange_ < exchange_steps_) return;
    steps_since_exchange_ = 0;
    if (!overlap_) return exchange("");
    finish_exchange();  // the previous interval's spikes, due from the next interval on
    start_exchange("");
}

void Simulation::run_until(double tstop) {
    if (!engine_->initialized) initialize();
    const double dt = engine_->settings.dt;
    if (!communicator_) {
        while (engine_->t < tstop - dt / 2) engine_->step();
        return;
    }
    while (engine_->t < tstop - dt / 2) step();
    if (steps_since_exchange_ > 0 || in_flight_) exchange("");  // every rank stops with all spikes delivered
}

double Simulation::exchange_interval() const {
    if (!communicator_ || exchange_steps_ == std::numeric_limits<int>::max()) return 0;
    return exchange_steps_ * engine_->settings.dt;
}

Recording Simulation::gather_recording() {
    if (!communicator_) return engine_->recording;
    // Each rank sends [index, count, values...] for every trace and spike recorder it owns.
    const Recording& local = engine_->recording;
    std::vector<double> packed;
    for (std::size_t k = 0; k < local.values.size(); ++k) {
        if (!engine_->trace_sources[k]) continue;
        packed.push_back(static_cast<double>(k));
        packed.push_back(static_cast<double>(local.values[k].size()));
        packed.insert(packed.end(), local.values[k].begin(), local.values[k].end());
    }
    std::vector<double> spikes;
    for (std::size_t r = 0; r < local.spikes.size(); ++r) {
        if (local.spikes[r].times.empty()) continue;
        spikes.push_back(static_cast<double>(r));
        spikes.push_back(static_cast<double>(local.spikes[r].times.size()));
        spikes.insert(spikes.end(), local.spikes[r].times.begin(), local.spikes[r].times.end());
    }
    std::vector<int> counts;
    std::vector<double> traces_all = communicator_->gather(packed, counts);
    std::vector<double> spikes_all = communicator_->gather(spikes, counts);
    Recording out;
    if (communicator_->rank() != 0) return out;
    out.time = local.time;
    out.columns = local.columns;
    out.values.resize(local.values.size());
    for (std::size_t i = 0; i < traces_all.size();) {
        auto k = static_cast<std::size_t>(traces_all[i]);
        auto n = static_cast<std::size_t>(traces_all[i + 1]);
        out.values[k].assign(traces_all.begin() + static_cast<std::ptrdiff_t>(i + 2),
                             traces_all.begin() + static_cast<std::ptrdiff_t>(i + 2 + n));
        i += 2 + n;
    }
    out.spikes = local.spikes;
    for (auto& train : out.spikes) train.times.clear();
    for (std::size_t i = 0; i < spikes_all.size();) {
        auto r = static_cast<std::size_t>(spikes_all[i]);
        auto n = static_cast<std::size_t>(spikes_all[i + 1]);
        out.spikes[r].times.assign(spikes_all.begin() + static_cast<std::ptrdiff_t>(i + 2),
                                   spikes_all.begin() + static_cast<std::ptrdiff_t>(i + 2 + n));
        i += 2 + n;
    }
    return out;
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
    s.exchange_seconds = exchange_seconds_;
    s.exchanges = exchanges_;
    return s;
}

double* Simulation::voltage(const Site& site) {
    if (!engine_->partition.owns_cell(site.cell)) return nullptr;
    return &engine_->v[static_cast<std::size_t>(engine_->cable.node_at(site))];
}

double* Simulation::site_variable(const Site& site, const std::string& mechanism, const std::string& variable,
                                  int element) {
    if (!engine_->partition.owns_cell(site.cell)) return nullptr;
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
    int group = engine_->object_group[static_cast<std::size_t>(object)];
    if (group < 0) return nullptr;  // on another rank
    MechanismGroup& g = engine_->groups[static_cast<std::size_t>(group)];
    double* base = g.storage->field(variable, element);
    return base ? base + engine_->object_instance[static_cast<std::size_t>(object)] : nullptr;
}

double* Simulation::global_variable(const std::string& mechanism, const std::string& variable, int element) {
    for (MechanismGroup& g : engine_->groups)
        if (g.layout().name == mechanism) return g.storage->global(variable, element);
    return nullptr;
}

namespace {
const NetConState* local_netcon(const Simulation::Engine& e, int netcon) {
    if (netcon < 0 || static_cast<std::size_t>(netcon) >= e.netcon_local.size())
        throw ModelError(fmt::format("there is no NetCon {}", netcon));
    int k = e.netcon_local[static_cast<std::size_t>(netcon)];
    return k < 0 ? nullptr : &e.netcons[static_cast<std::size_t>(k)];
}
}  // namespace

bool Simulation::has_netcon(int netcon) const { return local_netcon(*engine_, netcon) != nullptr; }

std::vector<double> Simulation::weights(int netcon) const {
    const NetConState* nc = local_netcon(*engine_, netcon);
    if (!nc) throw ModelError(fmt::format("NetCon {} is on another rank", netcon));
    std::size_t length = 1;
    if (nc->target_group >= 0)
        length = static_cast<std::size_t>(
            std::max(1, engine_->groups[static_cast<std::size_t>(nc->target_group)].layout().net_receive_args));
    return {nc->weights, nc->weights + length};
}

void Simulation::set_weights(int netcon, const std::vector<double>& weights) {
    std::vector<double> current = this->weights(netcon);
    if (weights.size() > current.size())
        throw ModelError(fmt::format("NetCon {}: {} weights given, but its target's NET_RECEIVE takes {}", netcon,
                                     weights.size(), current.size()));
    std::copy(weights.begin(), weights.end(), local_netcon(*engine_, netcon)->weights);
}

std::vector<std::string> Simulation::projections() const {
    std::vector<std::string> names;
    for (const NetCon& nc : engine_->model.netcons())
        if (std::find(names.begin(), names.end(), nc.projection) == names.end()) names.push_back(nc.projection);
    std::sort(names.begin(), names.end());
    return names;
}

WeightTable Simulation::projection_weights(const std::string& projection) const {
    const Engine& e = *engine_;
    WeightTable table;
    for (std::size_t k = 0; k < e.model.netcons().size(); ++k)
        if (e.model.netcons()[k].projection == projection)
            table.width = std::max(table.width, static_cast<std::size_t>(e.netcon_width[k]));
    for (const NetConState& nc : e.netcons) {
        if (e.model.netcons()[static_cast<std::size_t>(nc.global)].projection != projection) continue;
        table.netcons.push_back(nc.global);
        auto width = static_cast<std::size_t>(e.netcon_width[static_cast<std::size_t>(nc.global)]);
        for (std::size_t j = 0; j < table.width; ++j) table.values.push_back(j < width ? nc.weights[j] : NAN);
    }
    return table;
}

void Simulation::set_projection_weights(const std::string& projection, const WeightTable& table) {
    Engine& e = *engine_;
    if (table.values.size() != table.netcons.size() * table.width)
        throw ModelError("set_projection_weights: the table's values do not match its NetCons and width");
    for (std::size_t row = 0; row < table.netcons.size(); ++row) {
        int global = table.netcons[row];
        if (global < 0 || static_cast<std::size_t>(global) >= e.model.netcons().size() ||
            e.model.netcons()[static_cast<std::size_t>(global)].projection != projection)
            throw ModelError(fmt::format("NetCon {} is not in projection '{}'", global, projection));
        int local = e.netcon_local[static_cast<std::size_t>(global)];
        if (local < 0) continue;  // another rank's
        auto width = std::min(table.width, static_cast<std::size_t>(e.netcon_width[static_cast<std::size_t>(global)]));
        std::copy_n(table.values.begin() + static_cast<std::ptrdiff_t>(row * table.width), width,
                    e.netcons[static_cast<std::size_t>(local)].weights);
    }
}

}  // namespace cornu::runtime

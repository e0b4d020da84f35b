// Spikes and events with NEURON 8.2's rules (NEURON_SEMANTICS.md §G, tests/reference/README.md):
// threshold detection on the grid, NetCon and self events, WATCH conditions, FOR_NETCONS, and
// the callbacks kernels make into the simulator.
#include "engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace cornu::runtime {

namespace {
constexpr double spike_time_offset = 1e-10;    // a threshold spike is stamped t_n + 1e-10 (§B.1)
constexpr double watch_arm_tolerance = 1e-11;  // a WATCH already true when armed does not fire
constexpr int error_event_out_of_order = 100;  // code the generated NET_RECEIVE reports
}  // namespace

void Simulation::Engine::build_network() {
    object_presyn.assign(model.objects().size(), -1);
    std::map<int, int> node_presyn;
    auto presyn_of = [&](const SpikeSource& source, const std::string& where) {
        if (const auto* object = std::get_if<ObjectSource>(&source)) {
            int& p = object_presyn[static_cast<std::size_t>(object->object)];
            if (p < 0) {
                p = static_cast<int>(presyns.size());
                presyns.push_back({});
                presyns.back().object = object->object;
            }
            return p;
        }
        const ThresholdSource& threshold = std::get<ThresholdSource>(source);
        int node = cable.node_at(threshold.site);
        auto [it, added] = node_presyn.emplace(node, static_cast<int>(presyns.size()));
        if (added) {
            presyns.push_back({});
            presyns.back().node = node;
            presyns.back().threshold = threshold.threshold;
        } else if (presyns[static_cast<std::size_t>(it->second)].threshold != threshold.threshold) {
            throw ModelError(fmt::format("{}: threshold {} differs from the threshold {} already given for {}; a "
                                         "site has one threshold for all its NetCons and spike recorders",
                                         where, threshold.threshold, presyns[static_cast<std::size_t>(it->second)].threshold,
                                         cable.describe(model.cells(), node)));
        }
        return it->second;
    };

    // Weight vectors: as long as the target's NET_RECEIVE argument list (NEURON's rule).
    std::size_t pool_size = 0;
    for (const NetCon& nc : model.netcons()) {
        std::size_t length = 1;
        if (nc.target >= 0) {
            const MechanismGroup& g = groups[static_cast<std::size_t>(object_group[static_cast<std::size_t>(nc.target)])];
            length = std::max<std::size_t>(1, static_cast<std::size_t>(g.layout().net_receive_args));
        }
        pool_size += std::max(length, nc.weights.size());
    }
    weight_pool.assign(pool_size, 0.0);
    std::size_t max_args = 1;
    for (const MechanismGroup& g : groups)
        max_args = std::max(max_args, static_cast<std::size_t>(g.layout().net_receive_args));
    no_weights.assign(max_args, 0.0);

    std::size_t offset = 0;
    for (std::size_t k = 0; k < model.netcons().size(); ++k) {
        const NetCon& nc = model.netcons()[k];
        std::string where = fmt::format("NetCon {}", k);
        NetConState state;
        state.presyn = presyn_of(nc.source, where);
        state.delay = nc.delay;
        std::size_t length = 1;
        if (nc.target >= 0) {
            const PointObject& target = model.objects()[static_cast<std::size_t>(nc.target)];
            state.target_group = object_group[static_cast<std::size_t>(nc.target)];
            state.target_instance = object_instance[static_cast<std::size_t>(nc.target)];
            const MechanismGroup& g = groups[static_cast<std::size_t>(state.target_group)];
            if (!g.kernels().net_receive)
                throw ModelError(fmt::format("{}: its target '{}' ({}) has no NET_RECEIVE block and cannot receive "
                                             "events",
                                             where, target.name, target.type));
            length = std::max<std::size_t>(1, static_cast<std::size_t>(g.layout().net_receive_args));
            if (nc.weights.size() > length)
                throw ModelError(fmt::format("{}: {} weights given, but the NET_RECEIVE of {} takes {}", where,
                                             nc.weights.size(), target.type, g.layout().net_receive_args));
        }
        state.weights = weight_pool.data() + offset;
        std::copy(nc.weights.begin(), nc.weights.end(), state.weights);
        offset += std::max(length, nc.weights.size());
        presyns[static_cast<std::size_t>(state.presyn)].netcons.push_back(static_cast<int>(k));
        netcons.push_back(state);
    }
    for (std::size_t r = 0; r < model.spike_recorders().size(); ++r) {
        const SpikeRecorder& recorder = model.spike_recorders()[r];
        int p = presyn_of(recorder.source, "spike recorder '" + recorder.name + "'");
        presyns[static_cast<std::size_t>(p)].recorders.push_back(static_cast<int>(r));
    }
    // FOR_NETCONS visits a target's NetCons by source, then in creation order.
    for (std::size_t k = 0; k < netcons.size(); ++k)
        if (netcons[k].target_group >= 0)
            groups[static_cast<std::size_t>(netcons[k].target_group)]
                .netcons_in[static_cast<std::size_t>(netcons[k].target_instance)]
                .push_back(static_cast<int>(k));
    for (MechanismGroup& g : groups)
        for (auto& list : g.netcons_in)
            std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
                return netcons[static_cast<std::size_t>(a)].presyn < netcons[static_cast<std::size_t>(b)].presyn;
            });
}

// finitialize's init_net_events: sources unflagged, NET_RECEIVE INITIAL once per NetCon (or
// weight[1..] zeroed without one), WATCH conditions cleared.
void Simulation::Engine::init_events() {
    for (PreSyn& p : presyns) {
        p.flagged = false;
        p.single_event = false;
        if (p.netcons.size() > 2) {
            double delay = netcons[static_cast<std::size_t>(p.netcons.front())].delay;
            p.single_event = std::all_of(p.netcons.begin(), p.netcons.end(), [&](int k) {
                return netcons[static_cast<std::size_t>(k)].delay == delay;
            });
            p.single_delay = delay;
        }
    }
    for (SpikeTrain& train : recording.spikes) train.times.clear();
    for (NetConState& nc : netcons) {
        if (nc.target_group < 0) continue;
        MechanismGroup& g = groups[static_cast<std::size_t>(nc.target_group)];
        if (g.kernels().net_init) {
            g.data.t = t;
            g.kernels().net_init(&g.data, nc.target_instance, nc.weights);
            raise_pending_error();
        } else {
            std::fill(nc.weights + 1, nc.weights + std::max(1, g.layout().net_receive_args), 0.0);
        }
    }
    watches_.clear();
    inactive_watches_ = 0;
    for (MechanismGroup& g : groups)
        for (auto& list : g.watches) list.clear();
}

// Start of a step: upward crossings of thresholds (spikes stamped t + 1e-10) and of WATCH
// conditions (self-events at t), both on the grid with no interpolation.
void Simulation::Engine::check_thresholds() {
    for (std::size_t k = 0; k < presyns.size(); ++k) {
        PreSyn& p = presyns[k];
        if (p.node < 0) continue;
        if (v[static_cast<std::size_t>(p.node)] - p.threshold > 0.0) {
            if (!p.flagged) {
                p.flagged = true;
                send_spike(static_cast<int>(k), t + spike_time_offset);
            }
        } else {
            p.flagged = false;
        }
    }
    for (WatchCondition& w : watches_) {
        if (!w.active) continue;
        MechanismGroup& g = groups[static_cast<std::size_t>(w.group)];
        if (g.kernels().watch(&g.data, w.instance, w.clause) > 0.0) {
            if (!w.flagged) {
                w.flagged = true;
                w.event = queue.insert({t, EventKind::watch, w.group, w.instance, w.flag, nullptr});
                w.event_queued = true;
            }
        } else {
            w.flagged = false;
        }
    }
}

void Simulation::Engine::send_spike(int presyn, double time) {
    PreSyn& p = presyns[static_cast<std::size_t>(presyn)];
    ++spikes;
    for (int r : p.recorders) recording.spikes[static_cast<std::size_t>(r)].times.push_back(time);
    if (p.single_event) {
        queue.insert({time + p.single_delay, EventKind::presyn, 0, presyn, 0, nullptr});
        return;
    }
    for (int k : p.netcons) {
        const NetConState& nc = netcons[static_cast<std::size_t>(k)];
        if (nc.target_group >= 0) queue.insert({time + nc.delay, EventKind::netcon, 0, k, 0, nullptr});
    }
}

void Simulation::Engine::deliver(double limit) {
    Event event;
    while (queue.pop_until(limit, event)) dispatch(event);
}

void Simulation::Engine::dispatch(const Event& event) {
    switch (event.kind) {
        case EventKind::netcon: {
            const NetConState& nc = netcons[static_cast<std::size_t>(event.target)];
            receive(nc.target_group, nc.target_instance, nc.weights, 0.0, event.time);
            break;
        }
        case EventKind::presyn:
            for (int k : presyns[static_cast<std::size_t>(event.target)].netcons) {
                const NetConState& nc = netcons[static_cast<std::size_t>(k)];
                if (nc.target_group >= 0) receive(nc.target_group, nc.target_instance, nc.weights, 0.0, event.time);
            }
            break;
        case EventKind::self:
            receive(event.group, event.target, event.weights, event.flag, event.time);
            break;
        case EventKind::watch:
            receive(event.group, event.target, no_weights.data(), event.flag, event.time);
            break;
    }
}

void Simulation::Engine::receive(int32_t group, int64_t instance, double* weights, double flag, double time) {
    MechanismGroup& g = groups[static_cast<std::size_t>(group)];
    g.data.t = time;
    receiving_group_ = group;
    receiving_instance_ = instance;
    first_watch_ = true;
    g.kernels().net_receive(&g.data, instance, weights ? weights : no_weights.data(), flag);
    receiving_group_ = -1;
    ++events_delivered;
    raise_pending_error();
}

std::string Simulation::Engine::describe_instance(int32_t group, int64_t instance) const {
    const MechanismGroup& g = groups[static_cast<std::size_t>(group)];
    int object = g.objects[static_cast<std::size_t>(instance)];
    if (object >= 0) return fmt::format("'{}' ({})", model.objects()[static_cast<std::size_t>(object)].name, g.layout().name);
    return fmt::format("{} at {}", g.layout().name,
                       cable.describe(model.cells(), g.node_index[static_cast<std::size_t>(instance)]));
}

// ---- callbacks from kernels ----

void Simulation::Engine::net_send(int32_t group, int64_t instance, double* weights, double time, double flag) {
    MechanismGroup& g = groups[static_cast<std::size_t>(group)];
    if (!(time >= g.data.t)) {
        if (pending_error.empty())
            pending_error = fmt::format("{} called net_send with a negative delay (event time {} before t = {})",
                                        describe_instance(group, instance), time, g.data.t);
        return;
    }
    auto handle = queue.insert({time, EventKind::self, group, instance, flag, weights ? weights : no_weights.data()});
    if (flag == 1.0) g.flag1_event[static_cast<std::size_t>(instance)] = handle;
}

void Simulation::Engine::net_event(int32_t group, int64_t instance, double time) {
    int object = groups[static_cast<std::size_t>(group)].objects[static_cast<std::size_t>(instance)];
    if (object < 0) return;
    int presyn = object_presyn[static_cast<std::size_t>(object)];
    if (presyn >= 0) send_spike(presyn, time);
}

void Simulation::Engine::net_move(int32_t group, int64_t instance, double time) {
    MechanismGroup& g = groups[static_cast<std::size_t>(group)];
    auto handle = g.flag1_event[static_cast<std::size_t>(instance)];
    if (!queue.pending(handle)) {
        if (pending_error.empty())
            pending_error = fmt::format("{} called net_move, but it has no pending net_send(..., 1) event to move",
                                        describe_instance(group, instance));
        return;
    }
    if (!(time >= g.data.t)) {
        if (pending_error.empty())
            pending_error = fmt::format("{} called net_move to time {}, before t = {}", describe_instance(group, instance),
                                        time, g.data.t);
        return;
    }
    queue.move(handle, time);
}

void Simulation::Engine::watch(int32_t group, int64_t instance, int32_t clause, double flag) {
    // The first WATCH statement executed by a NET_RECEIVE call replaces the instance's watches.
    if (group == receiving_group_ && instance == receiving_instance_ && first_watch_) {
        remove_watches(group, instance);
        first_watch_ = false;
    }
    MechanismGroup& g = groups[static_cast<std::size_t>(group)];
    WatchCondition w;
    w.group = group;
    w.instance = instance;
    w.clause = clause;
    w.flag = flag;
    w.flagged = g.kernels().watch(&g.data, instance, clause) >= -watch_arm_tolerance;
    g.watches[static_cast<std::size_t>(instance)].push_back(static_cast<int>(watches_.size()));
    watches_.push_back(w);
}

void Simulation::Engine::remove_watches(int32_t group, int64_t instance) {
    auto& list = groups[static_cast<std::size_t>(group)].watches[static_cast<std::size_t>(instance)];
    for (int k : list) {
        WatchCondition& w = watches_[static_cast<std::size_t>(k)];
        if (w.event_queued) queue.cancel(w.event);  // a no-op once delivered
        w.active = false;
        ++inactive_watches_;
    }
    list.clear();
    if (inactive_watches_ > 1024 && inactive_watches_ * 2 > watches_.size()) compact_watches();
}

void Simulation::Engine::compact_watches() {
    std::vector<WatchCondition> kept;
    for (WatchCondition& w : watches_)
        if (w.active) kept.push_back(w);
    watches_ = std::move(kept);
    inactive_watches_ = 0;
    for (MechanismGroup& g : groups)
        for (auto& list : g.watches) list.clear();
    for (std::size_t k = 0; k < watches_.size(); ++k)
        groups[static_cast<std::size_t>(watches_[k].group)]
            .watches[static_cast<std::size_t>(watches_[k].instance)]
            .push_back(static_cast<int>(k));
}

int64_t Simulation::Engine::netcon_count(int32_t group, int64_t instance) {
    return static_cast<int64_t>(groups[static_cast<std::size_t>(group)].netcons_in[static_cast<std::size_t>(instance)].size());
}

double* Simulation::Engine::netcon_weights(int32_t group, int64_t instance, int64_t k) {
    const auto& list = groups[static_cast<std::size_t>(group)].netcons_in[static_cast<std::size_t>(instance)];
    return netcons[static_cast<std::size_t>(list[static_cast<std::size_t>(k)])].weights;
}

// Every instance draws from its own stream, keyed by (seed, group, instance); created on first use.
RandomStream& Simulation::Engine::random_stream(int32_t group, int64_t instance) {
    MechanismGroup& g = groups[static_cast<std::size_t>(group)];
    if (g.random.empty())
        for (std::size_t i = 0; i < g.size(); ++i)
            g.random.emplace_back(0, (static_cast<std::uint64_t>(group) << 32) | i);
    return g.random[static_cast<std::size_t>(instance)];
}

double Simulation::Engine::random(int32_t group, int64_t instance, int32_t kind, double a, double b) {
    RandomStream& stream = random_stream(group, instance);
    switch (kind) {
        case 1: return stream.normal(a, b);
        case 2: return stream.exponential(a);
        default: return stream.uniform();
    }
}

void Simulation::Engine::set_seed(int32_t group, int64_t instance, double seed) {
    random_stream(group, instance).reseed(
        static_cast<std::uint64_t>(seed), (static_cast<std::uint64_t>(group) << 32) | static_cast<std::uint64_t>(instance));
}

double Simulation::Engine::play_time(int32_t group, int64_t instance, double index) {
    const MechanismGroup& g = groups[static_cast<std::size_t>(group)];
    if (g.play_times.empty() || index < 0) return -1.0;
    const std::vector<double>& times = *g.play_times[static_cast<std::size_t>(instance)];
    auto k = static_cast<std::size_t>(index);
    return k < times.size() ? times[k] : -1.0;
}

void Simulation::Engine::solver_failed(int32_t group, int64_t instance, int32_t code) {
    if (!pending_error.empty()) return;
    std::string what = code == error_event_out_of_order
                           ? "received an event earlier than the previous one (event arrived out of order)"
                       : code == 2 ? "has a singular Jacobian in its implicit solver"
                       : code == 1 ? "did not converge in its implicit solver (too many Newton iterations)"
                                   : fmt::format("reported error {} from its solver", code);
    pending_error = describe_instance(group, instance) + " " + what;
}

}  // namespace cornu::runtime

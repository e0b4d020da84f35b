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
    sources = enumerate_sources(model);
    const Gids gids(model);
    const std::size_t source_count = sources.sources.size();
    auto source_owner = [&](const GlobalSource& g) {
        if (g.generator >= 0) return partition.generator_owner[static_cast<std::size_t>(g.generator)];
        return g.object >= 0 ? partition.object_owner[static_cast<std::size_t>(g.object)]
                             : partition.cell_owner[static_cast<std::size_t>(g.cell)];
    };
    // A source is exported if a NetCon of it has its target on another rank.
    std::vector<char> exported(source_count, 0);
    for (std::size_t k = 0; k < model.netcons().size(); ++k) {
        int target = model.netcons()[k].target;
        int source = sources.netcon_source[k];
        if (target >= 0 && partition.object_owner[static_cast<std::size_t>(target)] !=
                               source_owner(sources.sources[static_cast<std::size_t>(source)]))
            exported[static_cast<std::size_t>(source)] = 1;
    }

    object_presyn.assign(model.objects().size(), -1);
    source_presyn.assign(source_count, -1);
    auto presyn_of = [&](int global) {
        int& p = source_presyn[static_cast<std::size_t>(global)];
        if (p >= 0) return p;
        const GlobalSource& g = sources.sources[static_cast<std::size_t>(global)];
        p = static_cast<int>(presyns.size());
        PreSyn presyn;
        presyn.global = global;
        presyn.remote = source_owner(g) != partition.rank;
        presyn.exported = !presyn.remote && exported[static_cast<std::size_t>(global)];
        if (!presyn.remote) {
            if (g.generator >= 0) {
                generators.emplace_back(model.generators()[static_cast<std::size_t>(g.generator)],
                                        gids.of_generator(g.generator), p);
            } else if (g.object >= 0) {
                presyn.object = g.object;
                object_presyn[static_cast<std::size_t>(g.object)] = p;
            } else {
                presyn.node = cable.node_at(g.site);
                presyn.threshold = g.threshold;
            }
        }
        presyns.push_back(presyn);
        return p;
    };

    // This rank's NetCons: those onto its targets, and target-less ones of its own sources.
    std::vector<int> kept;
    netcon_local.assign(model.netcons().size(), -1);
    for (std::size_t k = 0; k < model.netcons().size(); ++k) {
        const NetCon& nc = model.netcons()[k];
        bool local = nc.target >= 0 ? partition.owns_object(nc.target)
                                    : source_owner(sources.sources[static_cast<std::size_t>(sources.netcon_source[k])]) ==
                                          partition.rank;
        if (!local) continue;
        netcon_local[k] = static_cast<int>(kept.size());
        kept.push_back(static_cast<int>(k));
    }

    // Weight vectors: as long as the target's NET_RECEIVE argument list (NEURON's rule).
    auto weight_length = [&](const NetCon& nc) {
        std::size_t length = 1;
        if (nc.target >= 0) {
            const MechanismGroup& g = groups[static_cast<std::size_t>(object_group[static_cast<std::size_t>(nc.target)])];
            length = std::max<std::size_t>(1, static_cast<std::size_t>(g.layout().net_receive_args));
        }
        return std::max(length, nc.weights.size());
    };
    std::size_t pool_size = 0;
    for (int k : kept) pool_size += weight_length(model.netcons()[static_cast<std::size_t>(k)]);
    weight_pool.assign(pool_size, 0.0);
    std::size_t max_args = 1;
    for (const MechanismGroup& g : groups)
        max_args = std::max(max_args, static_cast<std::size_t>(g.layout().net_receive_args));
    no_weights.assign(max_args, 0.0);

    std::size_t offset = 0;
    for (int k : kept) {
        const NetCon& nc = model.netcons()[static_cast<std::size_t>(k)];
        std::string where = fmt::format("NetCon {}", k);
        NetConState state;
        state.global = k;
        state.presyn = presyn_of(sources.netcon_source[static_cast<std::size_t>(k)]);
        state.delay = nc.delay;
        if (nc.target >= 0) {
            const PointObject& target = model.objects()[static_cast<std::size_t>(nc.target)];
            state.target_group = object_group[static_cast<std::size_t>(nc.target)];
            state.target_instance = object_instance[static_cast<std::size_t>(nc.target)];
            const MechanismGroup& g = groups[static_cast<std::size_t>(state.target_group)];
            if (!g.kernels().net_receive)
                throw ModelError(fmt::format("{}: its target '{}' ({}) has no NET_RECEIVE block and cannot receive "
                                             "events",
                                             where, target.name, target.type));
            if (nc.weights.size() > static_cast<std::size_t>(std::max(1, g.layout().net_receive_args)))
                throw ModelError(fmt::format("{}: {} weights given, but the NET_RECEIVE of {} takes {}", where,
                                             nc.weights.size(), target.type, g.layout().net_receive_args));
        }
        state.weights = weight_pool.data() + offset;
        std::copy(nc.weights.begin(), nc.weights.end(), state.weights);
        offset += weight_length(nc);
        presyns[static_cast<std::size_t>(state.presyn)].netcons.push_back(static_cast<int>(netcons.size()));
        netcons.push_back(state);
    }
    // Sources here whose NetCons are all on other ranks still detect and send their spikes.
    for (std::size_t global = 0; global < source_count; ++global)
        if (exported[global] && source_owner(sources.sources[global]) == partition.rank) presyn_of(static_cast<int>(global));
    for (std::size_t r = 0; r < model.spike_recorders().size(); ++r) {
        int global = sources.recorder_source[r];
        if (source_owner(sources.sources[static_cast<std::size_t>(global)]) != partition.rank) continue;
        presyns[static_cast<std::size_t>(presyn_of(global))].recorders.push_back(static_cast<int>(r));
    }
    for (std::size_t k = 0; k < presyns.size(); ++k) {
        if (presyns[k].node < 0 || presyns[k].remote) continue;
        detectors.node.push_back(presyns[k].node);
        detectors.threshold.push_back(presyns[k].threshold);
        detectors.above.push_back(0);
        detectors.presyn.push_back(static_cast<int>(k));
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
                return presyns[static_cast<std::size_t>(netcons[static_cast<std::size_t>(a)].presyn)].global <
                       presyns[static_cast<std::size_t>(netcons[static_cast<std::size_t>(b)].presyn)].global;
            });
}

// finitialize's init_net_events: sources unflagged, NET_RECEIVE INITIAL once per NetCon (or
// weight[1..] zeroed without one), WATCH conditions cleared.
void Simulation::Engine::init_events() {
    std::fill(detectors.above.begin(), detectors.above.end(), 0);
    for (PreSyn& p : presyns) {
        p.single_event = false;
        if (p.netcons.size() > 2 && settings.event_order == EventOrder::neuron) {
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
    ThresholdDetectors& det = detectors;
    for (std::size_t k = 0; k < det.node.size(); ++k) {
        // Spike on the step where v - threshold > 0 first holds; re-arm when it no longer does.
        std::uint8_t above = v[static_cast<std::size_t>(det.node[k])] - det.threshold[k] > 0.0;
        if (above == det.above[k]) continue;
        det.above[k] = above;
        if (above) send_spike(det.presyn[k], t + spike_time_offset);
    }
    for (WatchCondition& w : watches_) {
        if (!w.active) continue;
        MechanismGroup& g = groups[static_cast<std::size_t>(w.group)];
        if (g.kernels().watch(&g.data, w.instance, w.clause) > 0.0) {
            if (!w.flagged) {
                w.flagged = true;
                Event e{t, EventKind::watch, w.group, w.instance, w.flag, nullptr};
                e.order = canonical_self_order(self_sequence++);
                w.event = queue.insert_movable(e);
                w.event_queued = true;
            }
        } else {
            w.flagged = false;
        }
    }
}

// Generators emit the spikes they hold before `limit` (the end of the step): as every delay is
// >= 0, their events are queued before they are due.
void Simulation::Engine::emit_generated_spikes(double limit) {
    for (GeneratorState& g : generators) g.emit_before(limit, [&](double time) { send_spike(g.presyn(), time); });
}

void Simulation::Engine::send_spike(int presyn, double time) {
    PreSyn& p = presyns[static_cast<std::size_t>(presyn)];
    ++spikes;
    for (int r : p.recorders) recording.spikes[static_cast<std::size_t>(r)].times.push_back(time);
    if (p.exported) outbox.push_back({time, p.global});
    queue_netcon_events(presyn, time);
}

// One event per NetCon at spike time + delay (or NEURON's single event for > 2 equal delays).
// Canonical keys order equal-time events by (source, NetCon), whichever rank inserted them when.
void Simulation::Engine::queue_netcon_events(int presyn, double time) {
    const PreSyn& p = presyns[static_cast<std::size_t>(presyn)];
    if (p.single_event) {
        queue.insert({time + p.single_delay, EventKind::presyn, 0, presyn, 0, nullptr});
        return;
    }
    for (int k : p.netcons) {
        const NetConState& nc = netcons[static_cast<std::size_t>(k)];
        if (nc.target_group < 0) continue;
        Event e{time + nc.delay, EventKind::netcon, 0, k, 0, nullptr};
        e.order = canonical_netcon_order(static_cast<std::uint64_t>(p.global), static_cast<std::uint64_t>(nc.global));
        queue.insert(e);
    }
}

void Simulation::Engine::receive_remote_spikes(const std::vector<SpikeMessage>& incoming) {
    for (const SpikeMessage& spike : incoming) {
        int presyn = source_presyn[static_cast<std::size_t>(spike.source)];
        if (presyn >= 0 && presyns[static_cast<std::size_t>(presyn)].remote) queue_netcon_events(presyn, spike.time);
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
    Event e{time, EventKind::self, group, instance, flag, weights ? weights : no_weights.data()};
    // Self-events come after NetCon events of equal time, in the order they were sent.
    e.order = canonical_self_order(self_sequence++);
    // Only a flag-1 self-event can be moved (net_move), so only it needs a handle.
    if (flag == 1.0) g.flag1_event[static_cast<std::size_t>(instance)] = queue.insert_movable(e);
    else queue.insert(e);
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

double Simulation::Engine::function_table(int32_t group, int32_t table, int32_t n, const double* args) {
    return (*groups[static_cast<std::size_t>(group)].function_tables[static_cast<std::size_t>(table)])(args, n);
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

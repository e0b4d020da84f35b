// Building an Engine from a Model: mechanism groups in NEURON's memb order with their
// parameters, ion species with their styles, the spike network, and the recorders.
#include "engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace cornu::runtime {

namespace {

// "name" or "name[3]".
std::pair<std::string, int> split_element(const std::string& name) {
    auto open = name.find('[');
    if (open == std::string::npos || name.back() != ']') return {name, 0};
    return {name.substr(0, open), std::stoi(name.substr(open + 1, name.size() - open - 2))};
}

std::string settable_names(const MechanismLayout& layout) {
    std::vector<std::string> names;
    for (const FieldInfo& f : layout.fields)
        if (f.visible && f.element == 0) names.push_back(f.array_size ? f.variable + "[i]" : f.variable);
    return names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
}

// The field a user may set or record, or an error explaining why not.
int user_field(const MechanismLayout& layout, const std::string& full_name, const std::string& where) {
    auto [name, element] = split_element(full_name);
    int field = layout.field(name, element);
    if (field >= 0 && layout.fields[static_cast<std::size_t>(field)].visible) return field;
    if (layout.global(name, element) >= 0)
        throw ModelError(fmt::format("{}: '{}' is a GLOBAL of {} (one value for all instances); set it under "
                                     "globals: {{{}: {{{}: value}}}}",
                                     where, name, layout.name, layout.name, name));
    if (field >= 0 && layout.fields[static_cast<std::size_t>(field)].role == FieldRole::ion)
        throw ModelError(fmt::format("{}: '{}' is an ion variable; set it under the section's ions", where, name));
    throw ModelError(fmt::format("{}: {} has no RANGE variable '{}' (it has: {})", where, layout.name, full_name,
                                 settable_names(layout)));
}

// Whether the indices run first, first + 1, ... (the kernels' contiguous case; none: false).
bool consecutive(const std::vector<int32_t>& index) {
    if (index.empty()) return false;
    for (std::size_t i = 1; i < index.size(); ++i)
        if (index[i] != index[0] + static_cast<int32_t>(i)) return false;
    return true;
}

// NEURON's memb order (§C3): concentration writers first, newest first, then the rest by rank.
bool runs_before(const Mechanism* a, const Mechanism* b) {
    bool wa = a->layout().writes_concentration, wb = b->layout().writes_concentration;
    if (wa != wb) return wa;
    return wa ? a->rank > b->rank : a->rank < b->rank;
}

struct Placement {
    int node = -1;
    int object = -1;                            // point processes and artificial cells
    const DensityMechanism* density = nullptr;  // density mechanisms: the inserted spec
    int segment = 0;                            // density: segment in x order
};

}  // namespace

Simulation::Engine::Engine(Model model_in, MechanismCatalogue& catalogue, const Partition& partition_in)
    : model(std::move(model_in)), settings(model.settings), partition(partition_in) {
    if (!(settings.dt > 0) || !std::isfinite(settings.dt))
        throw ModelError(fmt::format("dt = {} must be a positive time step (ms)", settings.dt));
    if (settings.secondorder < 0 || settings.secondorder > 2)
        throw ModelError(fmt::format("secondorder = {} must be 0, 1 or 2", settings.secondorder));
    if (partition.cell_owner.size() != model.cells().size() || partition.object_owner.size() != model.objects().size())
        throw ModelError("the partition was made for another model");
    if (partition.distributed() && settings.event_order != EventOrder::canonical)
        throw ModelError("a distributed run needs the canonical event order (Settings::event_order)");
    cable = discretise(model.cells(), &partition.cell_owner, partition.rank);
    v.assign(cable.size(), settings.v_init);
    rhs.assign(cable.size(), 0.0);
    d.assign(cable.size(), 0.0);

    // ---- which mechanisms, and where ----
    std::map<const Mechanism*, std::vector<Placement>> placements;
    auto resolve = [&](const std::string& name, const std::string& where) {
        std::string error;
        const Mechanism* m = catalogue.find(name, error);
        if (!m) throw ModelError(where + ": " + error);
        return m;
    };
    for (std::size_t c = 0; c < model.cells().size(); ++c) {
        if (!partition.owns_cell(static_cast<int>(c))) continue;
        const Cell& cell = model.cells()[c];
        for (std::size_t s = 0; s < cell.sections.size(); ++s) {
            const Section& sec = cell.sections[s];
            std::string where = fmt::format("cell '{}', section '{}'", cell.name, sec.name);
            std::set<std::string> inserted;
            for (const DensityMechanism& dm : sec.mechanisms) {
                const Mechanism* m = resolve(dm.name, where);
                if (m->layout().kind != MechanismKind::density)
                    throw ModelError(fmt::format("{}: '{}' is a {}, not a density mechanism; place it as a point "
                                                 "process or artificial cell",
                                                 where, dm.name,
                                                 m->layout().kind == MechanismKind::point_process ? "POINT_PROCESS"
                                                                                                  : "ARTIFICIAL_CELL"));
                if (!inserted.insert(dm.name).second)
                    throw ModelError(fmt::format("{}: '{}' is inserted twice", where, dm.name));
                for (int k = 0; k < sec.nseg; ++k)
                    placements[m].push_back({cable.segment_node(static_cast<int>(c), static_cast<int>(s), k), -1, &dm, k});
            }
        }
    }
    for (std::size_t o = 0; o < model.objects().size(); ++o) {
        if (!partition.owns_object(static_cast<int>(o))) continue;
        const PointObject& object = model.objects()[o];
        std::string where = fmt::format("'{}'", object.name);
        const Mechanism* m = resolve(object.type, where);
        if (m->layout().kind == MechanismKind::density)
            throw ModelError(fmt::format("{}: '{}' is a density mechanism; insert it into sections instead", where,
                                         object.type));
        bool point = m->layout().kind == MechanismKind::point_process;
        if (point && !object.site)
            throw ModelError(fmt::format("{}: the POINT_PROCESS {} needs a place (cell, section, x)", where, object.type));
        if (!point && object.site)
            throw ModelError(fmt::format("{}: the ARTIFICIAL_CELL {} has no place on a cell; remove cell/section/x",
                                         where, object.type));
        placements[m].push_back({point ? cable.node_at(*object.site) : -1, static_cast<int>(o), nullptr, 0});
    }

    // ---- groups in memb order ----
    std::vector<const Mechanism*> order;
    for (const auto& [m, list] : placements) order.push_back(m);
    std::sort(order.begin(), order.end(), runs_before);
    object_group.assign(model.objects().size(), -1);
    object_instance.assign(model.objects().size(), -1);
    for (const Mechanism* m : order) {
        std::vector<Placement>& list = placements[m];
        if (m->layout().kind == MechanismKind::point_process)
            std::stable_sort(list.begin(), list.end(), [](const Placement& a, const Placement& b) {
                return a.node < b.node || (a.node == b.node && a.object > b.object);  // newest first on a node
            });
        else if (m->layout().kind == MechanismKind::density)
            std::stable_sort(list.begin(), list.end(), [](const Placement& a, const Placement& b) { return a.node < b.node; });

        MechanismGroup& group = groups.emplace_back();
        int32_t group_id = static_cast<int32_t>(groups.size() - 1);
        group.mechanism = m;
        group.storage = std::make_unique<MechanismStorage>(m->layout(), list.size());
        const MechanismLayout& layout = m->layout();
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Placement& p = list[i];
            group.node_index.push_back(p.node < 0 ? 0 : p.node);
            group.objects.push_back(p.object);
            if (p.object >= 0) {
                object_group[static_cast<std::size_t>(p.object)] = group_id;
                object_instance[static_cast<std::size_t>(p.object)] = static_cast<int64_t>(i);
                const PointObject& object = model.objects()[static_cast<std::size_t>(p.object)];
                for (const auto& [name, value] : object.parameters)
                    group.storage->field(user_field(layout, name, "'" + object.name + "'"))[i] = value;
                group.play_times.push_back(&object.play_times);
            } else {
                for (const auto& [name, values] : p.density->parameters) {
                    double value = values.size() == 1 ? values[0] : values[static_cast<std::size_t>(p.segment)];
                    group.storage->field(user_field(layout, name, "parameter of '" + m->name() + "'"))[i] = value;
                }
            }
        }
        std::size_t n = list.size();
        group.flag1_event.assign(n, {});
        group.netcons_in.assign(n, {});
        group.watches.assign(n, {});
    }

    // ---- ions ----
    std::map<std::string, std::map<int32_t, IonStyle>> ion_nodes;  // ion -> node -> style
    for (MechanismGroup& group : groups)
        for (const IonInfo& use : group.layout().ions) {
            if (group.artificial())
                throw ModelError(fmt::format("the ARTIFICIAL_CELL {} uses the ion {}, but artificial cells have no "
                                             "membrane", group.layout().name, use.name));
            for (int32_t node : group.node_index) ion_nodes[use.name][node].add_use(use);
        }
    std::vector<std::string> ion_order;
    for (const auto& [name, nodes] : ion_nodes) ion_order.push_back(name);
    std::sort(ion_order.begin(), ion_order.end(),
              [&](const std::string& a, const std::string& b) { return catalogue.ion(a)->rank < catalogue.ion(b)->rank; });
    for (const std::string& name : ion_order) {
        std::vector<int32_t> nodes;
        std::vector<IonStyle> styles;
        for (auto [node, style] : ion_nodes[name]) {
            style.finish();
            nodes.push_back(node);
            styles.push_back(style);
        }
        ions.emplace_back(*catalogue.ion(name), std::move(nodes), std::move(styles));
    }
    auto species_index = [&](const std::string& name) {
        for (std::size_t k = 0; k < ions.size(); ++k)
            if (ions[k].name() == name) return static_cast<int>(k);
        return -1;
    };
    for (MechanismGroup& group : groups)
        for (const IonInfo& use : group.layout().ions) {
            int k = species_index(use.name);
            group.ion_species.push_back(k);
            std::vector<int32_t> index;
            for (int32_t node : group.node_index) index.push_back(ions[static_cast<std::size_t>(k)].instance_at(node));
            group.ion_index.push_back(std::move(index));
        }

    // Per-section ion values, after insertion (as the case format says).
    for (std::size_t c = 0; c < model.cells().size(); ++c) {
        if (!partition.owns_cell(static_cast<int>(c))) continue;
        const Cell& cell = model.cells()[c];
        for (std::size_t s = 0; s < cell.sections.size(); ++s) {
            const Section& sec = cell.sections[s];
            for (const auto& [ion_name, values] : sec.ions) {
                std::string where = fmt::format("cell '{}', section '{}', ion '{}'", cell.name, sec.name, ion_name);
                int k = species_index(ion_name);
                for (int seg = 0; seg < sec.nseg; ++seg) {
                    int node = cable.segment_node(static_cast<int>(c), static_cast<int>(s), seg);
                    int i = k < 0 ? -1 : ions[static_cast<std::size_t>(k)].instance_at(node);
                    if (i < 0) throw ModelError(where + ": no mechanism of this section uses the ion");
                    IonSpecies& ion = ions[static_cast<std::size_t>(k)];
                    for (const auto& [var, value] : values) {
                        if (var == "e" + ion_name) ion.reversal[static_cast<std::size_t>(i)] = value;
                        else if (var == ion_name + "i") ion.inside[static_cast<std::size_t>(i)] = value;
                        else if (var == ion_name + "o") ion.outside[static_cast<std::size_t>(i)] = value;
                        else
                            throw ModelError(fmt::format("{}: unknown variable '{}' (use e{}, {}i or {}o)", where, var,
                                                         ion_name, ion_name, ion_name));
                    }
                }
            }
        }
    }

    // ---- globals ----
    for (const auto& [owner, values] : model.globals) {
        if (owner.size() > 4 && owner.substr(owner.size() - 4) == "_ion") {
            std::string ion_name = owner.substr(0, owner.size() - 4);
            int k = species_index(ion_name);
            for (const auto& [name, value] : values) {
                if (name != ion_name + "i0" && name != ion_name + "o0")
                    throw ModelError(fmt::format("globals of {}: unknown variable '{}' (use {}i0 or {}o0)", owner, name,
                                                 ion_name, ion_name));
                if (k < 0) continue;  // no mechanism uses the ion: nothing to set
                IonSpecies& ion = ions[static_cast<std::size_t>(k)];
                (name == ion_name + "i0" ? ion.inside0 : ion.outside0) = value;
            }
            continue;
        }
        std::string error;
        const Mechanism* m = catalogue.find(owner, error);
        if (!m) throw ModelError("globals: " + error);
        MechanismGroup* group = nullptr;
        for (MechanismGroup& g : groups)
            if (g.mechanism == m) group = &g;
        for (const auto& [full_name, value] : values) {
            auto [name, element] = split_element(full_name);
            int index = m->layout().global(name, element);
            if (index < 0 || !m->layout().globals[static_cast<std::size_t>(index)].visible)
                throw ModelError(fmt::format("globals: {} has no GLOBAL variable '{}'{}", owner, full_name,
                                             m->layout().field(name, element) >= 0 ? " (it is a RANGE variable)" : ""));
            if (group) group->storage->global(index) = value;
        }
    }

    // ---- FUNCTION_TABLE values ----
    for (const auto& [owner, tables] : model.function_tables) {
        std::string error;
        const Mechanism* m = catalogue.find(owner, error);
        if (!m) throw ModelError("function_tables: " + error);
        for (const auto& entry : tables) {
            const std::string& name = entry.first;
            bool declared = false;
            for (const FunctionTableInfo& f : m->layout().function_tables) declared = declared || f.name == name;
            if (!declared)
                throw ModelError(fmt::format("function_tables: {} has no FUNCTION_TABLE '{}'", owner, name));
        }
    }
    for (MechanismGroup& group : groups) {
        const MechanismLayout& layout = group.layout();
        for (const FunctionTableInfo& f : layout.function_tables) {
            auto owner = model.function_tables.find(layout.name);
            const FunctionTable* table = nullptr;
            if (owner != model.function_tables.end())
                if (auto it = owner->second.find(f.name); it != owner->second.end()) table = &it->second;
            if (!table)
                throw ModelError(fmt::format(
                    "{} declares FUNCTION_TABLE {}, whose values the model does not give; add them under "
                    "function_tables: {{{}: {{{}: {{x: [...], y: [...]}}}}}} (or {{value: c}} for a constant)",
                    layout.name, f.name, layout.name, f.name));
            if (std::string problem = table->problem(f.arity); !problem.empty())
                throw ModelError(fmt::format("function_tables: {} of {}: {}", f.name, layout.name, problem));
            group.function_tables.push_back(table);
        }
    }

    // ---- kernel views ----
    for (std::size_t g = 0; g < groups.size(); ++g) {
        MechanismGroup& group = groups[g];
        cornu_mech_data& data = group.data;
        group.storage->bind(data);
        data.dt = settings.dt;
        data.celsius = settings.celsius;
        data.secondorder = settings.secondorder;
        data.mechanism_id = static_cast<int32_t>(g);
        data.node_index = group.node_index.data();
        data.node_v = v.data();
        data.node_rhs = rhs.data();
        data.node_d = d.data();
        data.node_area = cable.area.data();
        data.node_diam = cable.diam.data();
        for (std::size_t k = 0; k < group.ion_species.size(); ++k) {
            group.ion_views.push_back(ions[static_cast<std::size_t>(group.ion_species[k])].view());
            group.ion_index_pointers.push_back(group.ion_index[k].data());
        }
        data.ions = group.ion_views.data();
        data.ion_index = group.ion_index_pointers.data();
        data.runtime = static_cast<HookTarget*>(this);
        data.contiguous = consecutive(group.node_index) &&
                          std::all_of(group.ion_index.begin(), group.ion_index.end(), consecutive);
    }

    build_network();
    // Every rank knows every NetCon's weight-vector length, so weight files have one shape.
    for (const NetCon& nc : model.netcons()) {
        std::size_t width = std::max<std::size_t>(1, nc.weights.size());
        if (nc.target >= 0) {
            std::string error;
            const Mechanism* m = catalogue.find(model.objects()[static_cast<std::size_t>(nc.target)].type, error);
            if (m) width = std::max(width, static_cast<std::size_t>(std::max(1, m->layout().net_receive_args)));
        }
        netcon_width.push_back(static_cast<int>(width));
    }

    // ---- recorders ----
    if (settings.record_interval > 0) {
        double ratio = settings.record_interval / settings.dt;
        steps_per_sample = static_cast<int>(std::lround(ratio));
        if (steps_per_sample < 1 || std::fabs(ratio - steps_per_sample) > 1e-9 * ratio)
            throw ModelError(fmt::format("record interval {} ms is not a whole multiple of dt = {} ms",
                                         settings.record_interval, settings.dt));
    }
    for (const Trace& trace : model.traces()) {
        std::string where = fmt::format("trace '{}'", trace.column);
        const double* source = nullptr;
        bool local = trace.object ? partition.owns_object(*trace.object) : partition.owns_cell(trace.site->cell);
        if (!local) {
            // Recorded by the rank that owns it.
        } else if (trace.object) {
            int group = object_group[static_cast<std::size_t>(*trace.object)];
            MechanismGroup& g = groups[static_cast<std::size_t>(group)];
            std::string name = trace.element ? fmt::format("{}[{}]", trace.variable, trace.element) : trace.variable;
            source = g.storage->field(user_field(g.layout(), name, where)) +
                     object_instance[static_cast<std::size_t>(*trace.object)];
        } else {
            int node = cable.node_at(*trace.site);
            if (trace.mechanism.empty() && trace.variable == "v") {
                source = &v[static_cast<std::size_t>(node)];
            } else if (trace.mechanism.empty()) {
                for (IonSpecies& ion : ions) {
                    const std::string& n = ion.name();
                    int i = ion.instance_at(node);
                    std::vector<double>* array = trace.variable == "e" + n   ? &ion.reversal
                                                 : trace.variable == n + "i" ? &ion.inside
                                                 : trace.variable == n + "o" ? &ion.outside
                                                 : trace.variable == "i" + n ? &ion.current
                                                                             : nullptr;
                    if (array && i >= 0) source = &(*array)[static_cast<std::size_t>(i)];
                }
                if (!source)
                    throw ModelError(fmt::format("{}: '{}' is not v or an ion variable present at {}", where,
                                                 trace.variable, cable.describe(model.cells(), node)));
            } else {
                for (MechanismGroup& g : groups) {
                    if (g.layout().name != trace.mechanism || g.kind() != MechanismKind::density) continue;
                    auto at = std::find(g.node_index.begin(), g.node_index.end(), node);
                    if (at == g.node_index.end()) break;
                    std::string name = trace.element ? fmt::format("{}[{}]", trace.variable, trace.element) : trace.variable;
                    source = g.storage->field(user_field(g.layout(), name, where)) + (at - g.node_index.begin());
                }
                if (!source)
                    throw ModelError(fmt::format("{}: the density mechanism '{}' is not inserted at {}", where,
                                                 trace.mechanism, cable.describe(model.cells(), node)));
            }
        }
        trace_sources.push_back(source);
        recording.columns.push_back(trace.column);
    }
    recording.values.resize(trace_sources.size());
    for (const SpikeRecorder& recorder : model.spike_recorders()) recording.spikes.push_back({recorder.name, {}});
}

}  // namespace cornu::runtime

// NEURON 8.2's finitialize and fixed step (NEURON_SEMANTICS.md §B, §C), in NEURON's order and
// with NEURON's arithmetic, so that traces agree bit for bit where the kernels do.
#include "engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cornu::runtime {

void Simulation::Engine::set_kernel_time(double time) {
    for (MechanismGroup& g : groups) g.data.t = time;
}

// NEURON's nrn_thread_table_check: each table kernel rebuilds its table if never built or if a
// DEPEND value changed.
void Simulation::Engine::check_tables() {
    for (MechanismGroup& g : groups)
        if (g.kernels().table) g.kernels().table(&g.data);
}

void Simulation::Engine::raise_pending_error() {
    if (pending_error.empty()) return;
    std::string message = std::move(pending_error);
    pending_error.clear();
    throw ModelError(fmt::format("at t = {} ms: {}", t, message));
}

void Simulation::Engine::initialize() {
    t = 0;
    step_count = 0;
    cj = settings.secondorder ? 2.0 / settings.dt : 1.0 / settings.dt;
    set_kernel_time(t);
    check_tables();
    queue.clear();
    std::fill(v.begin(), v.end(), settings.v_init);

    // INITIAL blocks in memb order: ions, then mechanisms (concentration writers first, each
    // followed by the reversal potentials its concentrations imply), artificial cells last.
    for (IonSpecies& ion : ions) ion.initialise(settings.celsius);
    // NEURON's nrn_init forgets each instance's last event time, so events may start again at 0.
    for (MechanismGroup& g : groups)
        if (double* last = g.storage->field(field_event_time)) std::fill(last, last + g.size(), -1e20);
    for (MechanismGroup& g : groups) {
        if (g.artificial() || !g.kernels().init) continue;
        g.kernels().init(&g.data);
        raise_pending_error();
        if (g.layout().writes_concentration)
            for (int k : g.ion_species) ions[static_cast<std::size_t>(k)].wrote_concentrations(settings.celsius);
    }
    for (MechanismGroup& g : groups) {
        if (!g.artificial() || !g.kernels().init) continue;
        g.kernels().init(&g.data);
        raise_pending_error();
    }
    init_events();
    for (GeneratorState& g : generators) g.reset();
    emit_generated_spikes(std::nextafter(0.0, 1.0));  // spikes at time 0
    deliver(t);  // events of time 0, e.g. net_send(0, ...) from INITIAL

    // Currents once, so assigned variables and ion currents are consistent at t = 0; v and the
    // states do not change.
    set_kernel_time(t);
    setup_tree_matrix();
    raise_pending_error();

    recording.time.clear();
    for (auto& column : recording.values) column.clear();
    record_sample();
    initialized = true;
}

void Simulation::Engine::step() {
    if (!initialized) initialize();
    const double dt = settings.dt;
    check_tables();
    set_kernel_time(t);
    emit_generated_spikes(t + dt);
    check_thresholds();
    deliver(t + 0.5 * dt);  // events in (t - dt/2, t + dt/2] act on the state at t

    t += 0.5 * dt;
    set_kernel_time(t);
    setup_tree_matrix();
    raise_pending_error();
    solve_tree();
    if (settings.secondorder == 2)
        for (IonSpecies& ion : ions) ion.second_order_correction(rhs.data());
    // v += dv (2 dv with Crank-Nicolson), noting in the same pass whether any v ran away.
    constexpr double runaway = 1e4;  // mV
    bool bad = false;
    const double factor = settings.secondorder ? 2. : 1.;
    for (std::size_t i = 0; i < v.size(); ++i) {
        v[i] += settings.secondorder ? factor * rhs[i] : rhs[i];
        bad |= !(std::fabs(v[i]) < runaway);  // true for NaN as well
    }
    if (bad) report_bad_voltage(runaway);

    t += 0.5 * dt;
    set_kernel_time(t);
    advance_states();
    ++step_count;
    if (step_count % steps_per_sample == 0) record_sample();
    deliver(t);
}

// NEURON's setup_tree_matrix: currents and conductances of every mechanism into the node
// right-hand sides and diagonals, then capacitance and the axial terms.
void Simulation::Engine::setup_tree_matrix() {
    std::fill(rhs.begin(), rhs.end(), 0.0);
    for (IonSpecies& ion : ions) ion.begin_currents(settings.celsius);
    for (MechanismGroup& g : groups)
        if (g.kernels().current) g.kernels().current(&g.data);

    const std::size_t n = v.size();
    const auto first = static_cast<std::size_t>(cable.root_count);
    const int32_t* parent = cable.parent.data();
    const double* a = cable.a.data();
    const double* b = cable.b.data();
    for (std::size_t i = first; i < n; ++i) {
        auto p = static_cast<std::size_t>(parent[i]);
        double dv = v[p] - v[i];
        rhs[i] -= b[i] * dv;
        rhs[p] += a[i] * dv;
    }

    std::fill(d.begin(), d.end(), 0.0);
    for (MechanismGroup& g : groups)
        if (g.kernels().jacob) g.kernels().jacob(&g.data);
    // Capacitance (capac.cpp: nrn_cap_jacob); cm is 0 at nodes without membrane, adding +0.
    const double cfac = .001 * cj;
    const double* cm = cable.cm.data();
    double* diagonal = d.data();
    for (std::size_t i = 0; i < n; ++i) diagonal[i] += cfac * cm[i];
    // NEURON subtracts every B first and then every A; as a parent's index is below its
    // children's, one ascending pass makes the same additions in the same order.
    for (std::size_t i = first; i < n; ++i) {
        d[i] -= b[i];
        d[static_cast<std::size_t>(parent[i])] -= a[i];
    }
}

// Hines elimination and back-substitution (solve.cpp: triang, bksub); rhs becomes dv.
void Simulation::Engine::solve_tree() {
    const std::size_t n = v.size();
    const auto first = static_cast<std::size_t>(cable.root_count);
    const int32_t* parent = cable.parent.data();
    const double* a = cable.a.data();
    const double* b = cable.b.data();
    for (std::size_t i = n; i-- > first;) {
        auto p = static_cast<std::size_t>(parent[i]);
        double f = a[i] / d[i];
        d[p] -= f * b[i];
        rhs[p] -= f * rhs[i];
    }
    for (std::size_t i = 0; i < first; ++i) rhs[i] /= d[i];
    for (std::size_t i = first; i < n; ++i) {
        rhs[i] -= b[i] * rhs[static_cast<std::size_t>(parent[i])];
        rhs[i] /= d[i];
    }
}

// A NaN or a voltage beyond any physiology means the model or dt is wrong: stop at once and say
// where, instead of filling the results with garbage.
void Simulation::Engine::report_bad_voltage(double runaway) {
    auto bad = [&](std::size_t i) { return !(std::fabs(v[i]) < runaway); };
    // Name a segment (a node with membrane) rather than a section end if one is bad.
    std::size_t at = v.size();
    for (std::size_t i = 0; i < v.size() && at == v.size(); ++i)
        if (bad(i) && cable.has_capacitance[i]) at = i;
    for (std::size_t i = 0; i < v.size() && at == v.size(); ++i)
        if (bad(i)) at = i;
    throw ModelError(fmt::format("at t = {} ms: the membrane potential at {} is {} mV ({}); check the model's "
                                 "parameters and currents, or use a smaller dt",
                                 t, cable.describe(model.cells(), static_cast<int>(at)), v[at],
                                 std::isnan(v[at]) ? "not a number" : "runaway"));
}

void Simulation::Engine::advance_states() {
    for (MechanismGroup& g : groups) {
        if (!g.kernels().state) continue;
        g.kernels().state(&g.data);
        raise_pending_error();
    }
}

void Simulation::Engine::record_sample() {
    if (trace_sources.empty()) return;  // nothing to sample: keep no time column either
    recording.time.push_back(t);
    for (std::size_t k = 0; k < trace_sources.size(); ++k)
        if (trace_sources[k]) recording.values[k].push_back(*trace_sources[k]);
}

}  // namespace cornu::runtime

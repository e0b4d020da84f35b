// The CA3 model's plastic synapse STDPE2 (models/mechanisms/ca3/STDPE2.mod; MODEL.md §5.3, §6.2,
// §6.3) on a one-compartment hh cell: presynaptic spikes from VecStims through NetCons with weight
// vectors [w, A, tpre], postsynaptic spikes made by brief IClamp pulses and detected by the
// synapse's WATCH (v > thresh) at its own v. The final A of each NetCon must be what the rule
// gives for the times the simulation actually produced: a pre event's delivery time
// (t_pre + delay, which NET_RECEIVE also stores in tpre) and the time the WATCH fired (t_n for a
// threshold spike recorded at t_n + 1e-10 on the same site with threshold = thresh).
#include "cornu/runtime/simulation.hpp"

#include "test_config.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace cornu;
using namespace cornu::runtime;

namespace {

MechanismCatalogue& catalogue() {
    static MechanismCatalogue instance = [] {
        CompileOptions o;
        o.exact_math = true;
        return MechanismCatalogue(o);
    }();
    static bool loaded = [] {
        SourceManager sources;
        DiagnosticEngine diags(sources);
        const std::string path = std::string(CORNU_SOURCE_DIR) + "/models/mechanisms/ca3/STDPE2.mod";
        if (!instance.load_file(path, sources, diags)) FAIL(diags.render_to_string());
        return true;
    }();
    (void)loaded;
    return instance;
}

// Synapse parameters: the PYR->PYR class of MODEL.md §6.3 (radiatum kinetics, p = 3e-4,
// thresh = -10), but with ptau = 17 (the MF class) so that the tested |dt| give clearly different
// weight changes, and w small enough that no EPSP makes the cell fire.
struct Synapse {
    double tau1 = 0.5, tau2 = 9.77, e = 0;
    double p = 3e-4, ptau = 17, thresh = -10;
    double wmax = 20 * 2e-4;
};

struct Connection {
    std::vector<double> times;  // VecStim spike times
    double w = 2e-4;
    double delay = 1.0;
    double A0 = 0;
};

// One STDPE2 synapse at soma(0.5); `connections` NetCons (each from its own VecStim) onto it;
// one 0.5 ms, 1 nA IClamp pulse starting at each of `pulses`.
struct Protocol {
    Synapse syn;
    std::vector<Connection> connections;
    std::vector<double> pulses;
    double tstop = 100;
    bool plasticity_on = true;
};

struct Result {
    std::vector<std::vector<double>> weights;  // final weight vector per connection
    std::vector<double> post_times;            // WATCH times t_n (threshold spike - 1e-10)
    std::vector<double> spike_times;           // the threshold spikes themselves
    double tpost = 0;                          // the synapse's tpost at the end
};

Model build(const Protocol& pr, int& synapse, std::vector<int>& netcons) {
    Model m;
    m.settings.record_interval = 0;  // every step, so that the recorded t are the grid times
    Section soma;
    soma.name = "soma";
    soma.length = 20;
    soma.diameter = {20};
    soma.mechanisms.push_back({"hh", {}});
    Cell cell;
    cell.name = "c";
    cell.sections.push_back(soma);
    m.add_cell(cell);
    const Site site{0, 0, 0.5};
    if (!pr.plasticity_on) m.globals["STDPE2"]["on"] = 0;

    PointObject s;
    s.name = "syn";
    s.type = "STDPE2";
    s.site = site;
    s.parameters = {{"tau1", pr.syn.tau1}, {"tau2", pr.syn.tau2}, {"e", pr.syn.e},         {"p", pr.syn.p},
                    {"ptau", pr.syn.ptau}, {"thresh", pr.syn.thresh}, {"wmax", pr.syn.wmax}};
    synapse = m.add_object(s);
    for (std::size_t k = 0; k < pr.pulses.size(); ++k) {
        PointObject stim;
        stim.name = "stim" + std::to_string(k);
        stim.type = "IClamp";
        stim.site = site;
        stim.parameters = {{"del", pr.pulses[k]}, {"dur", 0.5}, {"amp", 1.0}};
        m.add_object(stim);
    }
    netcons.clear();
    for (std::size_t k = 0; k < pr.connections.size(); ++k) {
        const Connection& c = pr.connections[k];
        PointObject vs;
        vs.name = "pre" + std::to_string(k);
        vs.type = "VecStim";
        vs.play_times = c.times;
        int source = m.add_object(vs);
        netcons.push_back(m.add_netcon({ObjectSource{source}, synapse, {c.w, c.A0, 0.0}, c.delay}));
    }
    m.add_spike_recorder({"post", ThresholdSource{site, pr.syn.thresh}});
    m.add_trace({"v", site, std::nullopt, "", "v", 0});
    return m;
}

// The grid time t_n whose threshold spike is t_n + 1e-10.
double watch_time(const std::vector<double>& grid, double spike) {
    for (double t : grid)
        if (t + 1e-10 == spike) return t;
    FAIL("no step time t with t + 1e-10 == spike time " << spike);
    return 0;
}

Result run(const Protocol& pr) {
    int synapse = 0;
    std::vector<int> netcons;
    Model m = build(pr, synapse, netcons);
    Simulation sim(m, catalogue());
    sim.initialize();
    for (int nc : netcons) REQUIRE(sim.weights(nc).size() == 3);
    sim.run_until(pr.tstop);
    Result r;
    for (int nc : netcons) r.weights.push_back(sim.weights(nc));
    r.spike_times = sim.recording().spikes[0].times;
    for (double s : r.spike_times) r.post_times.push_back(watch_time(sim.recording().time, s));
    r.tpost = *sim.object_variable(synapse, "tpost");
    return r;
}

// The rule of MODEL.md §6.2, applied to the given event times (no two events at one time).
struct Event {
    double t;
    int connection;  // -1 for a post event
};

std::vector<double> predict(const Protocol& pr, const std::vector<double>& post_times) {
    std::vector<Event> events;
    for (std::size_t k = 0; k < pr.connections.size(); ++k)
        for (double t : pr.connections[k].times) events.push_back({t + pr.connections[k].delay, int(k)});
    for (double t : post_times) events.push_back({t, -1});
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.t < b.t; });
    for (std::size_t k = 1; k < events.size(); ++k) REQUIRE(events[k].t != events[k - 1].t);

    const Synapse& s = pr.syn;
    std::vector<double> A, tpre(pr.connections.size(), -1e9);
    for (const Connection& c : pr.connections) A.push_back(c.A0);
    double tpost = -1e9;
    auto potentiate = [&](std::size_t j, double difference) {
        A[j] = A[j] + s.p * std::exp(difference / s.ptau);
        if (pr.connections[j].w + A[j] >= s.wmax) A[j] = s.wmax - pr.connections[j].w;
    };
    for (const Event& ev : events) {
        if (!pr.plasticity_on) break;
        if (ev.connection >= 0) {
            std::size_t j = std::size_t(ev.connection);
            tpre[j] = ev.t;
            potentiate(j, tpost - ev.t);
        } else {
            tpost = ev.t;
            for (std::size_t j = 0; j < A.size(); ++j) potentiate(j, tpre[j] - ev.t);
        }
    }
    return A;
}

// A relative tolerance far below any weight change tested (the smallest is p·e^(-40/17) ≈ 3e-5).
bool close(double a, double b) { return std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

TEST_CASE("STDPE2 pair protocols give the potentiation the rule predicts", "[stdp]") {
    // Pre-before-post (sign +1): the pre event arrives at 20 ms and a pulse makes the post spike
    // about |dt| later. Post-before-pre (sign -1): the post spike is at about 20 ms and the pre
    // event arrives |dt| later. The pulse is started 0.6 ms early (the spike's latency).
    const double magnitude = GENERATE(5.0, 10.0, 20.0, 40.0);
    const int sign = GENERATE(1, -1);
    Protocol pr;
    Connection c;
    c.delay = 1.0;
    double t_arrival = sign > 0 ? 20.0 : 20.0 + magnitude;
    c.times = {t_arrival - c.delay};
    pr.connections = {c};
    pr.pulses = {(sign > 0 ? 20.0 + magnitude : 20.0) - 0.6};
    Result r = run(pr);

    REQUIRE(r.post_times.size() == 1);
    const double t_pre = c.times[0] + c.delay;  // the delivery time
    const double t_post = r.post_times[0];
    const double dt = t_post - t_pre;
    // The protocol is the one intended: the post spike within 1 ms of its nominal time.
    REQUIRE(std::fabs(dt - sign * magnitude) < 1.0);
    const double predicted = predict(pr, r.post_times)[0];
    const double simulated = r.weights[0][1];
    INFO("dt = t_post - t_pre = " << dt << " ms; predicted A " << predicted << ", simulated A " << simulated);
    CHECK(r.weights[0][0] == c.w);
    CHECK(r.weights[0][2] == t_pre);  // tpre is the delivery time
    CHECK(r.tpost == t_post);         // tpost is the WATCH time
    CHECK(close(simulated, predicted));
    // The same in closed form: one pairing gives p·exp(-|dt|/ptau).
    CHECK(close(simulated, pr.syn.p * std::exp(-std::fabs(dt) / pr.syn.ptau)));
}

TEST_CASE("STDPE2 caps w + A at wmax", "[stdp]") {
    const int sign = GENERATE(1, -1);
    Protocol pr;
    pr.syn.p = 0.05;  // one pairing would overshoot wmax = 0.004
    Connection c;
    c.times = {sign > 0 ? 19.0 : 29.0};
    pr.connections = {c};
    pr.pulses = {sign > 0 ? 29.4 : 19.4};
    Result r = run(pr);
    REQUIRE(r.post_times.size() == 1);
    const double predicted = predict(pr, r.post_times)[0];
    INFO("predicted A " << predicted << ", simulated A " << r.weights[0][1]);
    CHECK(predicted == pr.syn.wmax - c.w);
    CHECK(r.weights[0][1] == pr.syn.wmax - c.w);
}

TEST_CASE("STDPE2 reaches the bound over repeated pairings", "[stdp]") {
    Protocol pr;
    pr.syn.p = 1.5e-3;  // about 3 pairings reach wmax - w = 0.0038
    Connection c;
    for (int k = 0; k < 6; ++k) {
        c.times.push_back(10.0 + 30 * k);
        pr.pulses.push_back(10.0 + 30 * k + 1.0 + 4.4);  // post ~5 ms after the pre arrival
    }
    pr.connections = {c};
    pr.tstop = 200;
    Result r = run(pr);
    REQUIRE(r.post_times.size() == 6);
    const double predicted = predict(pr, r.post_times)[0];
    INFO("predicted A " << predicted << ", simulated A " << r.weights[0][1]);
    Protocol first = pr;  // the first pairing alone stays below the bound
    first.connections[0].times.resize(1);
    CHECK(predict(first, {r.post_times[0]})[0] < 0.5 * (pr.syn.wmax - c.w));
    CHECK(predicted == pr.syn.wmax - c.w);
    CHECK(close(r.weights[0][1], predicted));
}

TEST_CASE("STDPE2 uses the efficacy w + A from before the event's own update", "[stdp]") {
    // Pre at 11 ms, post at ~16 ms (A becomes A1 > 0), second pre at 31 ms: its conductance
    // increment is (w + A1)·factor, and only then does A grow to A2.
    Protocol pr;
    Connection c;
    c.times = {10.0, 30.0};
    pr.connections = {c};
    pr.pulses = {15.4};
    int synapse = 0;
    std::vector<int> netcons;
    Model m = build(pr, synapse, netcons);
    Simulation sim(m, catalogue());
    sim.initialize();
    const double factor = *sim.object_variable(synapse, "factor");
    const double d2 = std::exp(-m.settings.dt / pr.syn.tau2);  // B's decay over one step
    std::vector<double> jumps;                                 // B increments, in event order
    std::vector<double> A_before;                              // A just before each increment
    while (sim.time() < 50 - m.settings.dt / 2) {
        const double B0 = *sim.object_variable(synapse, "B");
        const double A0 = sim.weights(netcons[0])[1];
        sim.step();
        const double B1 = *sim.object_variable(synapse, "B");
        // An event delivered at the start of the step (it is, here: t_pre + delay is a grid
        // time, within round-off of the half-step boundary) adds x before B decays by d2.
        if (B1 - B0 * d2 > 1e-3 * c.w * factor) {
            jumps.push_back((B1 - B0 * d2) / d2);
            A_before.push_back(A0);
        }
    }
    REQUIRE(sim.recording().spikes[0].times.size() == 1);
    REQUIRE(jumps.size() == 2);
    const double A1 = A_before[1], A2 = sim.weights(netcons[0])[1];
    REQUIRE(A1 > 0);
    REQUIRE(A2 > A1);
    INFO("jumps " << jumps[0] << ", " << jumps[1] << "; w·factor " << c.w * factor << "; A1 " << A1 << ", A2 "
                  << A2);
    CHECK(A_before[0] == 0);
    // The increment of the second event is (w + A1)·factor, against (w + A2)·factor if A were
    // updated first: they differ by (A2 - A1)·factor, ~10% of the increment here.
    CHECK(std::fabs(jumps[1] - (c.w + A1) * factor) <= 1e-9 * jumps[1]);
    CHECK(std::fabs(jumps[0] - c.w * factor) <= 1e-9 * jumps[0]);
    CHECK(std::fabs(jumps[1] - (c.w + A2) * factor) > 0.05 * jumps[1]);
}

TEST_CASE("STDPE2: several NetCons and post spikes, A never decreases", "[stdp]") {
    // Three connections with interleaved pre trains onto one synapse and five post spikes:
    // FOR_NETCONS updates every connection at each post spike, from its own last pre time; the
    // WATCH stays armed after it fires; the cap binds for the third connection.
    Protocol pr;
    pr.syn.p = 5e-5;
    pr.syn.wmax = 2.5e-4;
    Connection a, b, c;
    a.times = {5.0, 33.0, 61.0, 97.0, 140.0};
    a.w = 5e-5;
    b.times = {12.0, 47.5, 78.25, 121.0};
    b.w = 2.5e-5;
    b.delay = 2.5;
    c.times = {8.0, 24.0, 52.0, 70.0, 88.0, 110.0, 131.0};
    c.w = 1.5e-4;  // cap at wmax - w = 1e-4
    c.A0 = 2.5e-5;
    pr.connections = {a, b, c};
    pr.pulses = {17.0, 40.0, 66.0, 101.0, 135.0};
    pr.tstop = 160;

    int synapse = 0;
    std::vector<int> netcons;
    Model m = build(pr, synapse, netcons);
    Simulation sim(m, catalogue());
    sim.initialize();
    std::vector<double> last(3);
    for (int j = 0; j < 3; ++j) last[j] = sim.weights(netcons[j])[1];
    int decreases = 0;
    while (sim.time() < pr.tstop - m.settings.dt / 2) {
        sim.step();
        for (int j = 0; j < 3; ++j) {
            double A = sim.weights(netcons[j])[1];
            if (A < last[j]) ++decreases;
            last[j] = A;
        }
    }
    CHECK(decreases == 0);
    std::vector<double> post;
    for (double s : sim.recording().spikes[0].times) post.push_back(watch_time(sim.recording().time, s));
    REQUIRE(post.size() == 5);  // one spike per pulse, within 1.5 ms of its start
    for (std::size_t k = 0; k < post.size(); ++k) {
        CHECK(post[k] > pr.pulses[k]);
        CHECK(post[k] < pr.pulses[k] + 1.5);
    }
    std::vector<double> predicted = predict(pr, post);
    for (int j = 0; j < 3; ++j) {
        INFO("connection " << j << ": predicted A " << predicted[j] << ", simulated A " << last[j]);
        CHECK(close(last[j], predicted[j]));
        CHECK(last[j] > pr.connections[j].A0);
    }
    CHECK(last[2] == pr.syn.wmax - c.w);
    CHECK(*sim.object_variable(synapse, "tpost") == post.back());

}

TEST_CASE("STDPE2: zero-weight synapses stay at zero, on = 0 freezes A", "[stdp]") {
    SECTION("w = 0 and wmax = 20·w = 0") {
        Protocol pr;
        pr.syn.wmax = 0;
        Connection c;
        c.w = 0;
        c.times = {10.0, 30.0, 50.0};
        pr.connections = {c};
        pr.pulses = {15.0, 25.0, 45.0};
        int synapse = 0;
        std::vector<int> netcons;
        Model m = build(pr, synapse, netcons);
        Simulation sim(m, catalogue());
        sim.initialize();
        double max_g = 0, max_A = 0;
        while (sim.time() < 70 - m.settings.dt / 2) {
            sim.step();
            max_g = std::max(max_g, std::fabs(*sim.object_variable(synapse, "g")));
            max_A = std::max(max_A, std::fabs(sim.weights(netcons[0])[1]));
        }
        CHECK(max_A == 0);
        REQUIRE(sim.recording().spikes[0].times.size() == 3);
        CHECK(sim.weights(netcons[0])[1] == 0);
        CHECK(max_g == 0);
    }
    SECTION("on = 0") {
        Protocol pr;
        pr.plasticity_on = false;
        Connection c;
        c.times = {10.0, 30.0};
        c.A0 = 1e-4;
        pr.connections = {c};
        pr.pulses = {15.0};
        Result r = run(pr);
        REQUIRE(r.post_times.size() == 1);
        CHECK(r.weights[0][1] == 1e-4);
        CHECK(r.weights[0][2] == 31.0);  // tpre is still recorded
        CHECK(r.tpost == -1e9);          // the post branch is skipped as a whole
    }
}

// A second initialize() must accept events from t = 0 again: like NEURON's nrn_init, it resets
// each instance's last event time (_tsav = -1e20).
TEST_CASE("STDPE2: A persists across finitialize, tpre does not", "[stdp]") {
    Protocol pr;
    Connection c;
    c.times = {19.0};
    pr.connections = {c};
    pr.pulses = {29.4};
    pr.tstop = 50;
    int synapse = 0;
    std::vector<int> netcons;
    Model m = build(pr, synapse, netcons);
    Simulation sim(m, catalogue());
    sim.initialize();
    sim.run_until(pr.tstop);
    const double A1 = sim.weights(netcons[0])[1];
    REQUIRE(A1 > 0);
    REQUIRE_NOTHROW(sim.initialize());
    CHECK(sim.weights(netcons[0]) == std::vector<double>{c.w, A1, -1e9});
    CHECK(*sim.object_variable(synapse, "tpost") == -1e9);
    // The same pairing again adds its increment to the persisted A. (Not exactly A1 again: the
    // stronger synapse moves the post spike a little.)
    REQUIRE_NOTHROW(sim.run_until(pr.tstop));
    const std::vector<double> w2 = sim.weights(netcons[0]);
    const double tpost = *sim.object_variable(synapse, "tpost");
    const double increment = pr.syn.p * std::exp((w2[2] - tpost) / pr.syn.ptau);
    INFO("A after the second run: " << w2[1] << ", A1 + predicted increment = " << A1 + increment);
    CHECK(close(w2[1], A1 + increment));
    CHECK(std::fabs(increment - A1) < 0.01 * A1);
}

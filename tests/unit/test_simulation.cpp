// The simulation API: building models, events (WATCH, net_move, FOR_NETCONS, NET_RECEIVE INITIAL),
// recording, and clear errors for models that cannot run.
#include "cornu/runtime/simulation.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace cornu;
using namespace cornu::runtime;

namespace {

MechanismCatalogue& catalogue() {
    static MechanismCatalogue instance = [] {
        CompileOptions o;
        o.exact_math = true;
        return MechanismCatalogue(o);
    }();
    return instance;
}

// Loads a mechanism from text once per test run.
void load(const std::string& name, const std::string& text) {
    std::string error;
    if (catalogue().find(name, error)) return;
    SourceManager sources;
    DiagnosticEngine diags(sources);
    if (!catalogue().load_text(name + ".mod", text, sources, diags)) FAIL(diags.render_to_string());
}

Cell soma_cell(const std::string& name, const std::string& mechanism = "hh") {
    Section soma;
    soma.name = "soma";
    soma.length = 20;
    soma.diameter = {20};
    soma.mechanisms.push_back({mechanism, {}});
    Cell cell;
    cell.name = name;
    cell.sections.push_back(soma);
    return cell;
}

int iclamp(Model& m, const std::string& name, double del, double dur, double amp) {
    PointObject stim;
    stim.name = name;
    stim.type = "IClamp";
    stim.site = Site{0, 0, 0.5};
    stim.parameters = {{"del", del}, {"dur", dur}, {"amp", amp}};
    return m.add_object(stim);
}

std::string build_error(const Model& model) {
    try {
        Simulation sim(model, catalogue());
        sim.initialize();
        sim.run_until(5);
    } catch (const ModelError& e) {
        return e.what();
    }
    return "no error";
}

// Records the time of every WATCH crossing of v > -20 (re-armed after each).
const char* watcher = R"(
NEURON { POINT_PROCESS Watcher RANGE count, last }
ASSIGNED { v (mV) count last }
INITIAL { count = 0 last = -1 net_send(0, 1) }
NET_RECEIVE (w) {
    if (flag == 1) { WATCH (v > -20) 2 }
    if (flag == 2) { count = count + 1 last = t net_send(0, 1) }
}
)";

// An artificial cell that fires at 10 ms unless an input moves its pending event to input + 1 ms.
const char* mover = R"(
NEURON { ARTIFICIAL_CELL Mover }
INITIAL { net_send(10, 1) }
NET_RECEIVE (w) {
    if (flag == 0) { net_move(t + 1) }
    if (flag == 1) { net_event(t) }
}
)";

// Every event adds 1 to the second weight of every NetCon that targets the instance.
const char* counter = R"(
NEURON { POINT_PROCESS Counter }
NET_RECEIVE (w, n) {
    INITIAL { n = 5 }
    FOR_NETCONS (w1, n1) { n1 = n1 + 1 }
}
)";

}  // namespace

TEST_CASE("WATCH fires on the grid at t, one 1e-10 before the threshold spike", "[simulation][events]") {
    load("Watcher", watcher);
    Model m;
    m.add_cell(soma_cell("c"));
    iclamp(m, "stim", 1, 0.5, 0.6);
    PointObject w;
    w.name = "w";
    w.type = "Watcher";
    w.site = Site{0, 0, 0.5};
    int watcher_id = m.add_object(w);
    m.add_spike_recorder({"soma", ThresholdSource{Site{0, 0, 0.5}, -20}});
    Simulation sim(m, catalogue());
    sim.initialize();
    sim.run_until(20);
    const auto& spikes = sim.recording().spikes[0].times;
    REQUIRE(spikes.size() == 1);
    CHECK(*sim.object_variable(watcher_id, "count") == 1);
    CHECK(*sim.object_variable(watcher_id, "last") + 1e-10 == spikes[0]);
}

TEST_CASE("net_move reschedules the pending self-event", "[simulation][events]") {
    load("Mover", mover);
    Model m;
    m.add_cell(soma_cell("c"));
    PointObject a;
    a.name = "mover";
    a.type = "Mover";
    int mover_id = m.add_object(a);
    PointObject vs;
    vs.name = "input";
    vs.type = "VecStim";
    vs.play_times = {3.0};
    int input = m.add_object(vs);
    m.add_netcon({ObjectSource{input}, mover_id, {1.0}, 0.5});
    m.add_spike_recorder({"mover", ObjectSource{mover_id}});
    Simulation sim(m, catalogue());
    sim.initialize();
    sim.run_until(20);
    REQUIRE(sim.recording().spikes[0].times.size() == 1);
    CHECK(sim.recording().spikes[0].times[0] == 3.0 + 0.5 + 1);
}

TEST_CASE("NET_RECEIVE INITIAL and FOR_NETCONS see every NetCon of a target", "[simulation][events]") {
    load("Counter", counter);
    Model m;
    m.add_cell(soma_cell("c"));
    PointObject counter_object;
    counter_object.name = "counter";
    counter_object.type = "Counter";
    counter_object.site = Site{0, 0, 0.5};
    int target = m.add_object(counter_object);
    PointObject vs;
    vs.name = "input";
    vs.type = "VecStim";
    vs.play_times = {1.0, 2.0, 3.0};
    int input = m.add_object(vs);
    int a = m.add_netcon({ObjectSource{input}, target, {0.1, 0.0}, 1.0});
    int b = m.add_netcon({ObjectSource{input}, target, {0.2}, 2.0});
    Simulation sim(m, catalogue());
    sim.initialize();
    CHECK(sim.weights(a) == std::vector<double>{0.1, 5.0});
    sim.run_until(10);
    // Six deliveries (three spikes, two NetCons), each adding 1 to both NetCons' n.
    CHECK(sim.weights(a) == std::vector<double>{0.1, 11.0});
    CHECK(sim.weights(b) == std::vector<double>{0.2, 11.0});
    CHECK(sim.stats().events_delivered >= 6);
}

TEST_CASE("recording samples every interval from t = 0", "[simulation]") {
    Model m;
    m.add_cell(soma_cell("c"));
    m.settings.record_interval = 0.1;
    m.add_trace({"v", Site{0, 0, 0.5}, std::nullopt, "", "v", 0});
    m.add_trace({"m", Site{0, 0, 0.5}, std::nullopt, "hh", "m", 0});
    m.add_trace({"ena", Site{0, 0, 0.5}, std::nullopt, "", "ena", 0});
    Simulation sim(m, catalogue());
    sim.initialize();
    sim.run_until(1);
    const Recording& r = sim.recording();
    REQUIRE(r.time.size() == 11);
    CHECK(r.time[0] == 0);
    CHECK(std::fabs(r.time[10] - 1.0) < 1e-9);
    CHECK(r.values[0][0] == -65);
    CHECK(r.values[2][5] == 50);  // ena is a parameter for hh alone
    CHECK(r.values[1][0] > 0.05);
    CHECK(sim.steps() == 40);
}

// A gate starting at sinf(v0) and relaxing to sinf(v) with time constant tauf(v), both
// FUNCTION_TABLEs.
const char* tabled_gate = R"(
NEURON { SUFFIX tgate RANGE v0 }
PARAMETER { v0 = 0 }
ASSIGNED { v }
STATE { s }
FUNCTION_TABLE sinf(v (mV))
FUNCTION_TABLE tauf(v (mV)) (ms)
INITIAL { s = sinf(v0) }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states { s' = (sinf(v) - s)/tauf(v) }
)";

TEST_CASE("FUNCTION_TABLE values come from the model", "[simulation][function_table]") {
    load("tgate", tabled_gate);
    Model m;
    Cell c = soma_cell("c", "pas");
    c.sections[0].mechanisms.push_back({"tgate", {}});
    m.add_cell(c);
    m.settings.v_init = -70;  // pas's e: v stays at -70
    // sinf(0) = 1; sinf(-70) = 0.3, between 0.2 at -80 and 0.4 at -60; tauf = 2 ms everywhere.
    m.function_tables["tgate"]["sinf"] =
        FunctionTable::sampled({0.2, 0.4, 1.0}, {FunctionTableAxis::explicit_points({-80, -60, 0})});
    m.function_tables["tgate"]["tauf"] = FunctionTable::constant(2);
    m.add_trace({"s", Site{0, 0, 0.5}, std::nullopt, "tgate", "s", 0});
    Simulation sim(m, catalogue());
    sim.initialize();
    sim.run_until(1);
    const std::vector<double>& s = sim.recording().values[0];
    CHECK(s.front() == 1.0);
    // 40 cnexp steps of 0.025 ms: s = 0.3 + 0.7 exp(-1/2), up to rounding.
    CHECK(s.back() == Approx(0.3 + 0.7 * std::exp(-0.5)).epsilon(1e-13));
}

TEST_CASE("models that cannot run are refused with what to do", "[simulation][diagnostics]") {
    SECTION("unknown mechanism") {
        Model m;
        m.add_cell(soma_cell("c", "hhx"));
        CHECK_THAT(build_error(m), Catch::Contains("cell 'c', section 'soma': unknown mechanism 'hhx'"));
    }
    SECTION("unknown parameter") {
        Model m;
        Cell c = soma_cell("c");
        c.sections[0].mechanisms[0].parameters["gnabarr"] = {0.1};
        m.add_cell(c);
        std::string e = build_error(m);
        CHECK_THAT(e, Catch::Contains("hh has no RANGE variable 'gnabarr'"));
        CHECK_THAT(e, Catch::Contains("gnabar"));
    }
    SECTION("a point process inserted as a density mechanism") {
        Model m;
        m.add_cell(soma_cell("c", "IClamp"));
        CHECK_THAT(build_error(m), Catch::Contains("'IClamp' is a POINT_PROCESS, not a density mechanism"));
    }
    SECTION("a NetCon onto a target without NET_RECEIVE") {
        Model m;
        m.add_cell(soma_cell("c"));
        int stim = iclamp(m, "stim", 1, 1, 1);
        m.add_netcon({ThresholdSource{Site{0, 0, 0.5}, 0}, stim, {1}, 1});
        CHECK_THAT(build_error(m), Catch::Contains("'stim' (IClamp) has no NET_RECEIVE block"));
    }
    SECTION("two thresholds for one site") {
        Model m;
        m.add_cell(soma_cell("c"));
        m.add_spike_recorder({"a", ThresholdSource{Site{0, 0, 0.5}, 0}});
        m.add_spike_recorder({"b", ThresholdSource{Site{0, 0, 0.5}, -10}});
        CHECK_THAT(build_error(m), Catch::Contains("a site has one threshold"));
    }
    SECTION("a record interval that is not a multiple of dt") {
        Model m;
        m.add_cell(soma_cell("c"));
        m.settings.record_interval = 0.03;
        CHECK_THAT(build_error(m), Catch::Contains("is not a whole multiple of dt"));
    }
    SECTION("a FUNCTION_TABLE without values") {
        load("tgate", tabled_gate);
        Model m;
        Cell c = soma_cell("c", "pas");
        c.sections[0].mechanisms.push_back({"tgate", {}});
        m.add_cell(c);
        m.function_tables["tgate"]["sinf"] = FunctionTable::constant(1);
        std::string e = build_error(m);
        CHECK_THAT(e, Catch::Contains("tgate declares FUNCTION_TABLE tauf, whose values the model does not give"));
        CHECK_THAT(e, Catch::Contains("function_tables: {tgate: {tauf: {x: [...], y: [...]}}}"));
        m.function_tables["tgate"]["tauf"] = FunctionTable::sampled({1, 2}, {FunctionTableAxis::even(0, 1, 2),
                                                                             FunctionTableAxis::even(0, 1, 1)});
        CHECK_THAT(build_error(m), Catch::Contains("function_tables: tauf of tgate: the table has 2 axes but the "
                                                   "function takes 1 argument"));
        m.function_tables["tgate"]["tauf"] = FunctionTable::constant(1);
        m.function_tables["tgate"]["minf"] = FunctionTable::constant(1);
        CHECK_THAT(build_error(m), Catch::Contains("function_tables: tgate has no FUNCTION_TABLE 'minf'"));
    }
    SECTION("a mistake in the geometry") {
        Model m;
        Cell c = soma_cell("c");
        c.sections[0].nseg = 0;
        CHECK_THROWS_WITH(m.add_cell(c), Catch::Contains("nseg = 0 must be between 1 and 32767"));
    }
}

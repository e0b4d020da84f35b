// The description of a simulation: cells made of cable sections, point processes on them,
// artificial cells, NetCons, what to record and the numerical settings. It is plain data that a
// Simulation is built from (like Arbor's recipe): tests, the case-file reader and the scenario
// interpreter fill it through the methods below, which check what can be checked locally.
//
// Positions and names follow NEURON: `x` is a section's own arc coordinate in [0, 1]; mechanism
// parameters use their unsuffixed NMODL names (`gnabar`, not `gnabar_hh`).
#pragma once

#include "cornu/compiler/function_table.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace cornu::runtime {

// A problem with a model or a run. The message names the object at fault and what to do.
class ModelError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A density mechanism inserted into a section. Each parameter is one value for every segment,
// or nseg values (segments in x order). An array element is named "name[i]".
struct DensityMechanism {
    std::string name;
    std::map<std::string, std::vector<double>> parameters;
};

struct Section {
    std::string name;
    int parent = -1;          // index of an earlier section of the same cell; -1 for a root
    double parent_x = 1.0;    // where on the parent it attaches
    double child_x = 0.0;     // which end of this section attaches (0, or 1 to reverse it)
    double length = 100.0;    // L (um)
    std::vector<double> diameter{500.0};  // diam (um): one value, or one per segment
    int nseg = 1;
    double axial_resistivity = 35.4;      // Ra (ohm cm)
    std::vector<double> capacitance{1.0};  // cm (uF/cm2): one value, or one per segment
    std::vector<DensityMechanism> mechanisms;
    // Per-segment ion values set after insertion, e.g. {"na": {"ena": 50}}.
    std::map<std::string, std::map<std::string, double>> ions;
};

struct Cell {
    std::string name;
    std::vector<Section> sections;
    int section_index(const std::string& section) const;  // -1 if absent
};

// A place on a cell: NEURON's sec(x).
struct Site {
    int cell = 0;
    int section = 0;
    double x = 0.5;
};

// Point processes and artificial cells ("objects") share one numbering.
struct PointObject {
    std::string name;
    std::string type;  // the mechanism (POINT_PROCESS or ARTIFICIAL_CELL)
    std::optional<Site> site;  // point processes only
    std::map<std::string, double> parameters;
    std::vector<double> play_times;  // for mechanisms that read play_time() (VecStim)
};

// A spike source that is neither a cell nor a mechanism: a spike-train player (a list of times)
// or a Poisson process whose rate may change with time (piecewise constant). Each Poisson
// generator draws from its own Random123 stream keyed by (seed, its gid, the purpose), so its
// train does not depend on the number of ranks or on the other generators.
struct PoissonProcess {
    std::vector<double> rate_times{0.0};  // ms: the rate rates[i] holds from rate_times[i] on
    std::vector<double> rates{0.0};       // Hz
    double start = 0;                      // ms: no spikes before
    double stop = 1e300;                   // ms: nor after
    std::uint64_t seed = 0;
};

struct SpikeGenerator {
    std::string name;
    std::vector<double> times;             // a player: spikes at these times (ms, non-decreasing)
    std::optional<PoissonProcess> poisson;  // or a Poisson process
};

// Where spikes come from: an object's net_event, an upward threshold crossing of v at a site,
// or a generator.
struct ObjectSource {
    int object = 0;
};
struct ThresholdSource {
    Site site;
    double threshold = 10.0;
};
struct GeneratorSource {
    int generator = 0;
};
using SpikeSource = std::variant<ObjectSource, ThresholdSource, GeneratorSource>;

struct NetCon {
    SpikeSource source;
    int target = -1;  // an object with a NET_RECEIVE block; -1 for none (a spike detector)
    std::vector<double> weights;
    double delay = 1.0;
    std::string projection = "default";  // a name for reading and writing weights in bulk
};

// A recorded variable: `v` or an ion variable at a site, a mechanism variable at a site, or a
// variable of an object. `element` indexes array variables.
struct Trace {
    std::string column;
    std::optional<Site> site;
    std::optional<int> object;
    std::string mechanism;  // density mechanism at the site; empty for v and ion variables
    std::string variable;
    int element = 0;
};

struct SpikeRecorder {
    std::string name;
    SpikeSource source;
};

// How events of exactly equal time reach one target. NEURON's order is that of its queue
// (insertion order, with its least-item quirk); the canonical order, by (source, NetCon) and then
// self-events in the order they were sent, does not depend on how cells are spread over ranks.
enum class EventOrder { neuron, canonical };

struct Settings {
    double celsius = 6.3;
    double v_init = -65.0;
    double dt = 0.025;
    int secondorder = 0;  // 0: backward Euler; 1, 2: Crank-Nicolson (2 also corrects ion currents)
    double record_interval = 0.0;  // ms, a whole multiple of dt; 0 records every step
    EventOrder event_order = EventOrder::neuron;  // distributed runs need canonical
};

class Model {
public:
    Settings settings;

    // Mechanism GLOBALs, {mechanism: {name: value}}, and ion globals such as {"ca_ion": {"cai0": 1e-4}}.
    std::map<std::string, std::map<std::string, double>> globals;

    // The values of mechanisms' FUNCTION_TABLEs, {mechanism: {function: table}}, as NEURON's
    // table_<function>_<mechanism>(...). Every FUNCTION_TABLE of a mechanism in use needs one.
    std::map<std::string, std::map<std::string, FunctionTable>> function_tables;

    int add_cell(Cell cell);
    int add_object(PointObject object);
    int add_generator(SpikeGenerator generator);
    int add_netcon(NetCon netcon);
    void add_trace(Trace trace);
    void add_spike_recorder(SpikeRecorder recorder);

    const std::vector<Cell>& cells() const { return cells_; }
    const std::vector<PointObject>& objects() const { return objects_; }
    const std::vector<SpikeGenerator>& generators() const { return generators_; }
    const std::vector<NetCon>& netcons() const { return netcons_; }
    const std::vector<Trace>& traces() const { return traces_; }
    const std::vector<SpikeRecorder>& spike_recorders() const { return spike_recorders_; }
    std::vector<NetCon>& netcons() { return netcons_; }

    int cell_index(const std::string& name) const;    // -1 if absent
    int object_index(const std::string& name) const;  // -1 if absent
    int generator_index(const std::string& name) const;  // -1 if absent

private:
    void check_site(const Site& site, const std::string& what) const;
    void check_source(const SpikeSource& source, const std::string& what) const;

    std::vector<Cell> cells_;
    std::vector<PointObject> objects_;
    std::vector<SpikeGenerator> generators_;
    // Names to positions (a model of 10^5 cells must not search them one by one).
    std::unordered_map<std::string, int> cell_names_, object_names_, generator_names_;
    std::vector<NetCon> netcons_;
    std::vector<Trace> traces_;
    std::vector<SpikeRecorder> spike_recorders_;
};

}  // namespace cornu::runtime

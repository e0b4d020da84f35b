#include "cornu/runtime/case_file.hpp"

#include "cornu/runtime/catalogue.hpp"

#include <fmt/format.h>
#include <fmt/printf.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <set>

namespace cornu::runtime {

namespace {

namespace fs = std::filesystem;

// Reads one YAML document of the case format, reporting problems at their line and column.
class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    YAML::Node load() {
        if (!fs::exists(file_)) throw ModelError(fmt::format("{}: error: no such file", file_));
        try {
            return YAML::LoadFile(file_);
        } catch (const YAML::ParserException& e) {
            throw ModelError(fmt::format("{}:{}:{}: error: {} (the file is not valid YAML)", file_, e.mark.line + 1,
                                         e.mark.column + 1, e.msg));
        } catch (const YAML::BadFile&) {
            throw ModelError(fmt::format("{}: error: cannot read the file", file_));
        }
    }

    [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
        YAML::Mark mark = at.Mark();
        if (mark.is_null()) throw ModelError(fmt::format("{}: error: {}", file_, message));
        throw ModelError(fmt::format("{}:{}:{}: error: {}", file_, mark.line + 1, mark.column + 1, message));
    }

    void expect_map(const YAML::Node& node, const std::string& what) const {
        if (!node.IsMap()) fail(node, what + " must be a mapping ({key: value, ...})");
    }
    void expect_list(const YAML::Node& node, const std::string& what) const {
        if (!node.IsSequence()) fail(node, what + " must be a list ([...] or '- ' items)");
    }

    // Unknown keys are errors, so a typo cannot silently change an experiment.
    void allow_keys(const YAML::Node& map, std::initializer_list<const char*> keys, const std::string& what) const {
        expect_map(map, what);
        for (const auto& item : map) {
            std::string key = item.first.as<std::string>();
            bool known = false;
            for (const char* k : keys) known = known || key == k;
            if (!known) {
                std::string list;
                for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
                fail(item.first, fmt::format("unknown key '{}' in {} (known keys: {})", key, what, list));
            }
        }
    }

    const YAML::Node required(const YAML::Node& map, const char* key, const std::string& what) const {
        YAML::Node node = map[key];
        if (!node) fail(map, fmt::format("{} needs '{}'", what, key));
        return node;
    }

    // A number as C's strtod reads it (so that 1e9 is a number to every reader of the file).
    double number(const YAML::Node& node, const std::string& what) const {
        if (!node.IsScalar()) fail(node, what + " must be a number");
        const std::string& text = node.Scalar();
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(value))
            fail(node, fmt::format("{} must be a number, not '{}'", what, text));
        return value;
    }
    double number_or(const YAML::Node& map, const char* key, double fallback, const std::string& what) const {
        YAML::Node node = map[key];
        return node ? number(node, what + " " + key) : fallback;
    }
    int integer(const YAML::Node& node, const std::string& what) const {
        double value = number(node, what);
        if (value != std::floor(value) || std::fabs(value) > 1e9) fail(node, what + " must be a whole number");
        return static_cast<int>(value);
    }
    std::string text(const YAML::Node& node, const std::string& what) const {
        if (!node.IsScalar() || node.Scalar().empty()) fail(node, what + " must be a name");
        return node.Scalar();
    }
    // A number, or a list of numbers.
    std::vector<double> numbers(const YAML::Node& node, const std::string& what) const {
        if (node.IsScalar()) return {number(node, what)};
        expect_list(node, what);
        std::vector<double> values;
        for (const auto& item : node) values.push_back(number(item, what));
        if (values.empty()) fail(node, what + " is an empty list");
        return values;
    }
    double position(const YAML::Node& node, const std::string& what) const {
        double x = number(node, what);
        if (x < 0 || x > 1) fail(node, fmt::format("{} = {} must be in [0, 1]", what, x));
        return x;
    }

    const std::string& file() const { return file_; }

private:
    std::string file_;
};

Section read_section(const Reader& r, const YAML::Node& node, const Cell& cell) {
    r.allow_keys(node, {"name", "parent", "parent_x", "child_x", "L", "diam", "nseg", "Ra", "cm", "mechanisms", "ions"},
                 "a section");
    Section s;
    s.name = r.text(r.required(node, "name", "a section"), "the section name");
    std::string what = fmt::format("section '{}'", s.name);
    if (cell.section_index(s.name) >= 0) r.fail(node["name"], fmt::format("{} is defined twice in cell '{}'", what, cell.name));
    if (YAML::Node parent = node["parent"]) {
        std::string name = r.text(parent, what + " parent");
        s.parent = cell.section_index(name);
        if (s.parent < 0)
            r.fail(parent, fmt::format("{}: the parent '{}' is not an earlier section of cell '{}'", what, name, cell.name));
        s.parent_x = node["parent_x"] ? r.position(node["parent_x"], what + " parent_x") : 1.0;
        if (YAML::Node child_x = node["child_x"]) {
            s.child_x = r.number(child_x, what + " child_x");
            if (s.child_x != 0 && s.child_x != 1) r.fail(child_x, what + " child_x must be 0 or 1");
        }
    } else if (node["parent_x"] || node["child_x"]) {
        r.fail(node, what + " has parent_x/child_x but no parent");
    }
    s.length = r.number(r.required(node, "L", what), what + " L");
    s.nseg = node["nseg"] ? r.integer(node["nseg"], what + " nseg") : 1;
    s.diameter = r.numbers(r.required(node, "diam", what), what + " diam");
    s.axial_resistivity = r.number_or(node, "Ra", 35.4, what);
    if (YAML::Node cm = node["cm"]) s.capacitance = r.numbers(cm, what + " cm");
    if (YAML::Node mechanisms = node["mechanisms"]) {
        r.expect_map(mechanisms, what + " mechanisms");
        for (const auto& item : mechanisms) {
            DensityMechanism m;
            m.name = r.text(item.first, "a mechanism name");
            if (!item.second.IsNull()) {
                r.expect_map(item.second, fmt::format("the parameters of '{}'", m.name));
                for (const auto& p : item.second) {
                    std::string param = r.text(p.first, "a parameter name");
                    auto values = r.numbers(p.second, fmt::format("{} parameter {}", m.name, param));
                    if (values.size() != 1 && values.size() != static_cast<std::size_t>(s.nseg))
                        r.fail(p.second, fmt::format("{} parameter {} has {} values; give one, or one per segment ({})",
                                                     m.name, param, values.size(), s.nseg));
                    m.parameters[param] = values;
                }
            }
            s.mechanisms.push_back(std::move(m));
        }
    }
    if (YAML::Node ions = node["ions"]) {
        r.expect_map(ions, what + " ions");
        for (const auto& item : ions) {
            std::string ion = r.text(item.first, "an ion name");
            if (item.second.IsNull()) continue;
            r.expect_map(item.second, fmt::format("the values of ion '{}'", ion));
            for (const auto& value : item.second)
                s.ions[ion][r.text(value.first, "an ion variable")] = r.number(value.second, "an ion value");
        }
    }
    return s;
}

Cell read_cell(const Reader& r, const YAML::Node& node, const fs::path& base) {
    r.allow_keys(node, {"name", "sections", "template", "description"}, "a cell");
    Cell cell;
    if (YAML::Node name = node["name"]) cell.name = r.text(name, "the cell name");
    if (YAML::Node tmpl = node["template"]) {
        if (node["sections"]) r.fail(node, "a cell has either 'sections' or a 'template', not both");
        fs::path path = base / r.text(tmpl, "the template path");
        try {
            std::string name = cell.name;
            cell = read_cell_template(path.string());
            if (!name.empty()) cell.name = name;
        } catch (const ModelError& e) {
            r.fail(tmpl, fmt::format("in the cell template {}:\n{}", path.string(), e.what()));
        }
    } else {
        YAML::Node sections = r.required(node, "sections", "a cell");
        r.expect_list(sections, "sections");
        for (const auto& s : sections) cell.sections.push_back(read_section(r, s, cell));
        if (cell.sections.empty()) r.fail(sections, "a cell needs at least one section");
    }
    if (cell.name.empty()) r.fail(node, "a cell needs a name");
    return cell;
}

// A site {cell, section, x} by names.
Site read_site(const Reader& r, const YAML::Node& node, const Model& model, const std::string& what) {
    std::string cell_name = r.text(r.required(node, "cell", what), what + " cell");
    int cell = model.cell_index(cell_name);
    if (cell < 0) r.fail(node["cell"], fmt::format("{}: there is no cell '{}'", what, cell_name));
    std::string section_name = r.text(r.required(node, "section", what), what + " section");
    int section = model.cells()[static_cast<std::size_t>(cell)].section_index(section_name);
    if (section < 0)
        r.fail(node["section"], fmt::format("{}: cell '{}' has no section '{}'", what, cell_name, section_name));
    double x = r.position(r.required(node, "x", what), what + " x");
    return {cell, section, x};
}

int read_object(const Reader& r, const YAML::Node& node, const Model& model, const std::string& what) {
    std::string name = r.text(node, what);
    int object = model.object_index(name);
    if (object < 0) r.fail(node, fmt::format("{}: there is no point process or artificial cell '{}'", what, name));
    return object;
}

std::map<std::string, double> read_params(const Reader& r, const YAML::Node& node, const std::string& what) {
    std::map<std::string, double> params;
    if (!node || node.IsNull()) return params;
    r.expect_map(node, what);
    for (const auto& p : node) params[r.text(p.first, "a parameter name")] = r.number(p.second, what);
    return params;
}

void read_objects(const Reader& r, const YAML::Node& root, Model& model) {
    if (YAML::Node list = root["point_processes"]) {
        r.expect_list(list, "point_processes");
        for (const auto& node : list) {
            r.allow_keys(node, {"name", "cell", "section", "x", "type", "params"}, "a point process");
            PointObject object;
            object.name = r.text(r.required(node, "name", "a point process"), "the point process name");
            std::string what = fmt::format("point process '{}'", object.name);
            if (model.object_index(object.name) >= 0) r.fail(node["name"], what + " is defined twice");
            object.type = r.text(r.required(node, "type", what), what + " type");
            object.site = read_site(r, node, model, what);
            object.parameters = read_params(r, node["params"], what + " params");
            model.add_object(std::move(object));
        }
    }
    if (YAML::Node list = root["artificial_cells"]) {
        r.expect_list(list, "artificial_cells");
        for (const auto& node : list) {
            r.allow_keys(node, {"name", "type", "params", "times"}, "an artificial cell");
            PointObject object;
            object.name = r.text(r.required(node, "name", "an artificial cell"), "the artificial cell name");
            std::string what = fmt::format("artificial cell '{}'", object.name);
            if (model.object_index(object.name) >= 0) r.fail(node["name"], what + " is defined twice");
            object.type = r.text(r.required(node, "type", what), what + " type");
            object.parameters = read_params(r, node["params"], what + " params");
            if (YAML::Node times = node["times"]) {
                r.expect_list(times, what + " times");
                for (const auto& item : times) {
                    double time = r.number(item, what + " time");
                    if (time < 0) r.fail(item, what + ": times must be >= 0");
                    if (!object.play_times.empty() && time < object.play_times.back())
                        r.fail(item, what + ": times must not decrease");
                    object.play_times.push_back(time);
                }
            }
            model.add_object(std::move(object));
        }
    }
}

// A source by name: a point process, an artificial cell or a spike generator.
void read_generators(const Reader& r, const YAML::Node& root, Model& model) {
    YAML::Node list = root["generators"];
    if (!list) return;
    r.expect_list(list, "generators");
    for (const auto& node : list) {
        r.allow_keys(node, {"name", "times", "poisson"}, "a spike generator");
        SpikeGenerator g;
        g.name = r.text(r.required(node, "name", "a spike generator"), "the generator name");
        std::string what = fmt::format("generator '{}'", g.name);
        if (YAML::Node times = node["times"]) {
            r.expect_list(times, what + " times");
            for (const auto& t : times) g.times.push_back(r.number(t, what + " time"));
        }
        if (YAML::Node poisson = node["poisson"]) {
            r.allow_keys(poisson, {"rates", "rate_times", "start", "stop", "seed"}, what + " poisson");
            PoissonProcess p;
            p.rates = r.numbers(r.required(poisson, "rates", what + " poisson"), what + " rates");
            p.rate_times = poisson["rate_times"] ? r.numbers(poisson["rate_times"], what + " rate_times")
                                                 : std::vector<double>{0.0};
            p.start = r.number_or(poisson, "start", 0.0, what);
            p.stop = r.number_or(poisson, "stop", 1e300, what);
            if (YAML::Node seed = poisson["seed"]) p.seed = static_cast<std::uint64_t>(r.integer(seed, what + " seed"));
            g.poisson = p;
        }
        try {
            model.add_generator(std::move(g));
        } catch (const ModelError& e) {
            r.fail(node, e.what());
        }
    }
}

SpikeSource read_named_source(const Reader& r, const YAML::Node& node, const Model& model, const std::string& what) {
    std::string name = r.text(node, what);
    if (int g = model.generator_index(name); g >= 0) return GeneratorSource{g};
    if (int o = model.object_index(name); o >= 0) return ObjectSource{o};
    r.fail(node, fmt::format("{}: there is no point process, artificial cell or generator '{}'", what, name));
}

SpikeSource read_source(const Reader& r, const YAML::Node& node, const YAML::Node& threshold, const Model& model,
                        const std::string& what) {
    if (node.IsScalar()) {
        if (threshold) r.fail(threshold, what + ": a threshold applies to a site source, not to an object's events");
        return read_named_source(r, node, model, what + " source");
    }
    r.allow_keys(node, {"cell", "section", "x", "var"}, what + " source");
    if (YAML::Node var = node["var"]; var && r.text(var, "var") != "v")
        r.fail(var, what + ": only v can be a threshold source");
    ThresholdSource source;
    source.site = read_site(r, node, model, what + " source");
    source.threshold = threshold ? r.number(threshold, what + " threshold") : 10.0;
    return source;
}

void read_netcons(const Reader& r, const YAML::Node& root, Model& model) {
    YAML::Node list = root["netcons"];
    if (!list) return;
    r.expect_list(list, "netcons");
    int k = 0;
    for (const auto& node : list) {
        std::string what = fmt::format("netcon {}", k++);
        r.allow_keys(node, {"source", "target", "weight", "delay", "threshold", "projection"}, "a netcon");
        NetCon nc;
        nc.source = read_source(r, r.required(node, "source", what), node["threshold"], model, what);
        if (YAML::Node target = node["target"]; target && !target.IsNull())
            nc.target = read_object(r, target, model, what + " target");
        if (YAML::Node weight = node["weight"]) nc.weights = r.numbers(weight, what + " weight");
        nc.delay = r.number(r.required(node, "delay", what), what + " delay");
        if (YAML::Node projection = node["projection"]) nc.projection = r.text(projection, what + " projection");
        if (nc.delay < 0) r.fail(node["delay"], what + ": the delay must be >= 0");
        try {
            model.add_netcon(std::move(nc));
        } catch (const ModelError& e) {
            r.fail(node, e.what());
        }
    }
}

std::string format_x(double x) { return fmt::sprintf("%g", x); }

void read_record(const Reader& r, const YAML::Node& root, Model& model) {
    YAML::Node record = root["record"];
    if (!record) return;
    r.allow_keys(record, {"interval", "traces", "spikes"}, "record");
    model.settings.record_interval = r.number_or(record, "interval", 0.0, "record");
    if (YAML::Node traces = record["traces"]) {
        r.expect_list(traces, "record traces");
        for (const auto& node : traces) {
            r.allow_keys(node, {"cell", "section", "x", "var", "mechanism", "point_process", "artificial_cell", "name"},
                         "a trace");
            Trace trace;
            trace.variable = r.text(r.required(node, "var", "a trace"), "the trace variable");
            YAML::Node object = node["point_process"] ? node["point_process"] : node["artificial_cell"];
            if (object) {
                trace.object = read_object(r, object, model, "trace");
                trace.column = model.objects()[static_cast<std::size_t>(*trace.object)].name + "." + trace.variable;
            } else {
                trace.site = read_site(r, node, model, "trace");
                if (YAML::Node m = node["mechanism"]) trace.mechanism = r.text(m, "the trace mechanism");
                const Cell& cell = model.cells()[static_cast<std::size_t>(trace.site->cell)];
                trace.column = fmt::format("{}.{}({}).{}{}", cell.name,
                                           cell.sections[static_cast<std::size_t>(trace.site->section)].name,
                                           format_x(trace.site->x), trace.mechanism.empty() ? "" : trace.mechanism + ".",
                                           trace.variable);
            }
            if (YAML::Node name = node["name"]) trace.column = r.text(name, "the trace name");
            try {
                model.add_trace(std::move(trace));
            } catch (const ModelError& e) {
                r.fail(node, e.what());
            }
        }
    }
    if (YAML::Node spikes = record["spikes"]) {
        r.expect_list(spikes, "record spikes");
        for (const auto& node : spikes) {
            r.allow_keys(node, {"name", "source", "cell", "section", "x", "threshold"}, "a spike recorder");
            SpikeRecorder recorder;
            recorder.name = r.text(r.required(node, "name", "a spike recorder"), "the spike recorder name");
            std::string what = fmt::format("spike recorder '{}'", recorder.name);
            if (YAML::Node object = node["source"]) {
                if (node["threshold"]) r.fail(node["threshold"], what + ": an object source has no threshold");
                recorder.source = read_named_source(r, object, model, what + " source");
            } else {
                ThresholdSource site;
                site.site = read_site(r, node, model, what);
                site.threshold = r.number_or(node, "threshold", 10.0, what);
                recorder.source = site;
            }
            model.add_spike_recorder(std::move(recorder));
        }
    }
}

}  // namespace

Cell read_cell_template(const std::string& path) {
    Reader r(path);
    YAML::Node root = r.load();
    r.allow_keys(root, {"name", "description", "sections"}, "a cell template");
    Cell cell;
    if (YAML::Node name = root["name"]) cell.name = r.text(name, "the cell name");
    YAML::Node sections = r.required(root, "sections", "a cell template");
    r.expect_list(sections, "sections");
    for (const auto& s : sections) cell.sections.push_back(read_section(r, s, cell));
    if (cell.sections.empty()) r.fail(sections, "a cell needs at least one section");
    return cell;
}

// One FUNCTION_TABLE's values: {value: c}, a constant; {x: [...], y: [...]}, a function of one
// argument at the points x; or {y: [...], axes: [{from, to, size} or {points: [...]}, ...]}, a
// function of as many arguments as axes, y row-major (the last argument varies fastest).
FunctionTable read_function_table(const Reader& r, const YAML::Node& node, const std::string& what) {
    r.expect_map(node, what);
    r.allow_keys(node, {"value", "x", "y", "axes"}, what);
    if (YAML::Node value = node["value"]) {
        if (node["x"] || node["y"] || node["axes"]) r.fail(node, what + ": give either value, or y with x or axes");
        return FunctionTable::constant(r.number(value, what + " value"));
    }
    YAML::Node y = r.required(node, "y", what);
    std::vector<FunctionTableAxis> axes;
    if (YAML::Node x = node["x"]) {
        if (node["axes"]) r.fail(node, what + ": give either x (one argument) or axes, not both");
        axes.push_back(FunctionTableAxis::explicit_points(r.numbers(x, what + " x")));
    } else {
        YAML::Node list = r.required(node, "axes", what + " (or x)");
        r.expect_list(list, what + " axes");
        for (const auto& axis : list) {
            std::string where = what + " axis";
            r.expect_map(axis, where);
            r.allow_keys(axis, {"from", "to", "size", "points"}, where);
            if (YAML::Node points = axis["points"])
                axes.push_back(FunctionTableAxis::explicit_points(r.numbers(points, where + " points")));
            else
                axes.push_back(FunctionTableAxis::even(r.number(r.required(axis, "from", where), where + " from"),
                                                       r.number(r.required(axis, "to", where), where + " to"),
                                                       r.integer(r.required(axis, "size", where), where + " size")));
        }
    }
    FunctionTable table = FunctionTable::sampled(r.numbers(y, what + " y"), axes);
    if (std::string problem = table.problem(static_cast<int>(axes.size())); !problem.empty())
        r.fail(node, what + ": " + problem);
    return table;
}

CaseFile read_case_file(const std::string& path) {
    Reader r(path);
    YAML::Node root = r.load();
    r.allow_keys(root, {"format", "name", "description", "simulation", "mechanisms", "globals", "function_tables", "cells",
                        "point_processes", "artificial_cells", "generators", "netcons", "record"},
                 "a case file");
    CaseFile c;
    c.path = path;
    if (YAML::Node format = root["format"]; format && r.integer(format, "format") != 1)
        r.fail(format, "this reader understands case format 1 only");
    c.name = r.text(r.required(root, "name", "a case file"), "the case name");
    if (YAML::Node description = root["description"]) c.description = description.as<std::string>("");
    fs::path base = fs::path(path).parent_path();

    YAML::Node sim = r.required(root, "simulation", "a case file");
    r.allow_keys(sim, {"celsius", "v_init", "dt", "tstop", "secondorder"}, "simulation");
    Settings& settings = c.model.settings;
    settings.celsius = r.number_or(sim, "celsius", 6.3, "simulation");
    settings.v_init = r.number_or(sim, "v_init", -65.0, "simulation");
    settings.dt = r.number(r.required(sim, "dt", "simulation"), "simulation dt");
    if (!(settings.dt > 0)) r.fail(sim["dt"], "simulation dt must be positive");
    c.tstop = r.number(r.required(sim, "tstop", "simulation"), "simulation tstop");
    if (YAML::Node so = sim["secondorder"]) {
        settings.secondorder = r.integer(so, "simulation secondorder");
        if (settings.secondorder < 0 || settings.secondorder > 2) r.fail(so, "secondorder must be 0, 1 or 2");
    }

    if (YAML::Node mechanisms = root["mechanisms"]) {
        r.expect_list(mechanisms, "mechanisms");
        for (const auto& m : mechanisms) {
            fs::path file = base / r.text(m, "a mechanism file");
            if (!fs::exists(file)) r.fail(m, fmt::format("the mechanism file {} does not exist", file.string()));
            c.mechanism_files.push_back(file.string());
        }
    }
    if (YAML::Node globals = root["globals"]) {
        r.expect_map(globals, "globals");
        for (const auto& owner : globals) {
            std::string name = r.text(owner.first, "a mechanism name");
            c.model.globals[name] = read_params(r, owner.second, "globals of " + name);
        }
    }
    if (YAML::Node tables = root["function_tables"]) {
        r.expect_map(tables, "function_tables");
        for (const auto& owner : tables) {
            std::string mechanism = r.text(owner.first, "a mechanism name");
            r.expect_map(owner.second, "function_tables of " + mechanism);
            for (const auto& entry : owner.second) {
                std::string name = r.text(entry.first, "a FUNCTION_TABLE name");
                c.model.function_tables[mechanism].emplace(
                    name, read_function_table(r, entry.second, "function table " + name + " of " + mechanism));
            }
        }
    }
    YAML::Node cells = r.required(root, "cells", "a case file");
    r.expect_list(cells, "cells");
    for (const auto& node : cells) {
        Cell cell = read_cell(r, node, base);
        if (c.model.cell_index(cell.name) >= 0) r.fail(node, fmt::format("cell '{}' is defined twice", cell.name));
        try {
            c.model.add_cell(std::move(cell));
        } catch (const ModelError& e) {
            r.fail(node, e.what());
        }
    }
    read_objects(r, root, c.model);
    read_generators(r, root, c.model);
    read_netcons(r, root, c.model);
    read_record(r, root, c.model);
    return c;
}

void load_case_mechanisms(const CaseFile& case_file, MechanismCatalogue& catalogue) {
    for (const std::string& file : case_file.mechanism_files) {
        SourceManager sources;
        DiagnosticEngine diags(sources);
        if (!catalogue.load_file(file, sources, diags))
            throw ModelError(fmt::format("{}: error: the mechanism file {} could not be loaded:\n{}", case_file.path,
                                         file, diags.render_to_string()));
    }
}

void write_traces_csv(std::ostream& out, const Recording& recording) {
    out << "t";
    for (const std::string& column : recording.columns) out << ',' << column;
    out << '\n';
    for (std::size_t row = 0; row < recording.time.size(); ++row) {
        out << fmt::sprintf("%.17g", recording.time[row]);
        for (const auto& column : recording.values) out << ',' << fmt::sprintf("%.17g", column[row]);
        out << '\n';
    }
}

void write_spikes_csv(std::ostream& out, const Recording& recording) {
    out << "name,time\n";
    for (const SpikeTrain& train : recording.spikes)
        for (double time : train.times) out << train.name << ',' << fmt::sprintf("%.17g", time) << '\n';
}

}  // namespace cornu::runtime

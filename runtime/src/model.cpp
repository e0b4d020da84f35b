#include "cornu/runtime/model.hpp"

#include <fmt/format.h>

#include <cmath>

namespace cornu::runtime {

namespace {

void check_section(const Cell& cell, std::size_t index) {
    const Section& s = cell.sections[index];
    std::string where = fmt::format("cell '{}', section '{}'", cell.name, s.name);
    auto fail = [&](const std::string& what) { throw ModelError(where + ": " + what); };
    if (s.name.empty()) fail("a section needs a name");
    for (std::size_t k = 0; k < index; ++k)
        if (cell.sections[k].name == s.name) fail("the name is used twice in this cell; give each section its own");
    if (s.parent >= static_cast<int>(index)) fail("the parent must be an earlier section of the cell");
    if (!(s.parent_x >= 0 && s.parent_x <= 1)) fail(fmt::format("parent_x = {} is outside [0, 1]", s.parent_x));
    if (s.child_x != 0 && s.child_x != 1) fail(fmt::format("child_x = {} must be 0 or 1", s.child_x));
    if (!(s.length > 0) || !std::isfinite(s.length)) fail(fmt::format("L = {} must be a positive length (um)", s.length));
    if (s.nseg < 1 || s.nseg > 32767) fail(fmt::format("nseg = {} must be between 1 and 32767", s.nseg));
    if (!(s.axial_resistivity > 0)) fail(fmt::format("Ra = {} must be positive (ohm cm)", s.axial_resistivity));
    auto per_segment = [&](const std::vector<double>& values, const char* name, bool positive) {
        if (values.size() != 1 && values.size() != static_cast<std::size_t>(s.nseg))
            fail(fmt::format("{} has {} values; give one, or one per segment ({})", name, values.size(), s.nseg));
        for (double v : values)
            if (!std::isfinite(v) || (positive && !(v > 0)) || v < 0)
                fail(fmt::format("{} = {} must be {}", name, v, positive ? "positive" : "non-negative"));
    };
    per_segment(s.diameter, "diam", true);
    per_segment(s.capacitance, "cm", false);
    for (const DensityMechanism& m : s.mechanisms)
        for (const auto& [name, values] : m.parameters)
            if (values.size() != 1 && values.size() != static_cast<std::size_t>(s.nseg))
                fail(fmt::format("parameter '{}' of '{}' has {} values; give one, or one per segment ({})", name,
                                 m.name, values.size(), s.nseg));
}

}  // namespace

int Cell::section_index(const std::string& section) const {
    for (std::size_t k = 0; k < sections.size(); ++k)
        if (sections[k].name == section) return static_cast<int>(k);
    return -1;
}

int Model::add_cell(Cell cell) {
    if (cell.name.empty()) throw ModelError("a cell needs a name");
    if (cell_index(cell.name) >= 0) throw ModelError(fmt::format("cell '{}' is defined twice", cell.name));
    if (cell.sections.empty()) throw ModelError(fmt::format("cell '{}' has no sections", cell.name));
    for (std::size_t k = 0; k < cell.sections.size(); ++k) check_section(cell, k);
    cell_names_.emplace(cell.name, static_cast<int>(cells_.size()));
    cells_.push_back(std::move(cell));
    return static_cast<int>(cells_.size() - 1);
}

int Model::add_object(PointObject object) {
    if (object.name.empty()) throw ModelError("a point process or artificial cell needs a name");
    if (object_index(object.name) >= 0 || generator_index(object.name) >= 0)
        throw ModelError(fmt::format("'{}' is defined twice", object.name));
    if (object.site) check_site(*object.site, "'" + object.name + "'");
    object_names_.emplace(object.name, static_cast<int>(objects_.size()));
    objects_.push_back(std::move(object));
    return static_cast<int>(objects_.size() - 1);
}

int Model::add_generator(SpikeGenerator generator) {
    std::string what = "spike generator '" + generator.name + "'";
    if (generator.name.empty()) throw ModelError("a spike generator needs a name");
    if (generator_index(generator.name) >= 0 || object_index(generator.name) >= 0)
        throw ModelError(fmt::format("'{}' is defined twice", generator.name));
    for (std::size_t k = 0; k < generator.times.size(); ++k)
        if (!(generator.times[k] >= 0) || (k > 0 && generator.times[k] < generator.times[k - 1]))
            throw ModelError(what + ": spike times must be >= 0 and must not decrease");
    if (const auto& p = generator.poisson) {
        if (!generator.times.empty()) throw ModelError(what + ": give either times or a Poisson process, not both");
        if (p->rates.empty() || p->rates.size() != p->rate_times.size())
            throw ModelError(what + ": give one rate (Hz) per rate time (ms)");
        for (std::size_t k = 0; k < p->rates.size(); ++k) {
            if (!(p->rates[k] >= 0) || !std::isfinite(p->rates[k]))
                throw ModelError(fmt::format("{}: rate {} Hz must be >= 0", what, p->rates[k]));
            if (k > 0 && !(p->rate_times[k] > p->rate_times[k - 1]))
                throw ModelError(what + ": rate times must increase");
        }
    }
    generator_names_.emplace(generator.name, static_cast<int>(generators_.size()));
    generators_.push_back(std::move(generator));
    return static_cast<int>(generators_.size() - 1);
}

int Model::add_netcon(NetCon netcon) {
    std::string what = fmt::format("NetCon {}", netcons_.size());
    check_source(netcon.source, what);
    if (netcon.target >= static_cast<int>(objects_.size()) || netcon.target < -1)
        throw ModelError(what + ": its target does not exist");
    if (!(netcon.delay >= 0) || !std::isfinite(netcon.delay))
        throw ModelError(fmt::format("{}: delay = {} must be a non-negative time (ms)", what, netcon.delay));
    netcons_.push_back(std::move(netcon));
    return static_cast<int>(netcons_.size() - 1);
}

void Model::add_trace(Trace trace) {
    if (trace.site) check_site(*trace.site, "trace '" + trace.column + "'");
    if (trace.object && (*trace.object < 0 || *trace.object >= static_cast<int>(objects_.size())))
        throw ModelError("trace '" + trace.column + "': no such object");
    if (trace.site.has_value() == trace.object.has_value())
        throw ModelError("trace '" + trace.column + "': give either a site or an object");
    traces_.push_back(std::move(trace));
}

void Model::add_spike_recorder(SpikeRecorder recorder) {
    check_source(recorder.source, "spike recorder '" + recorder.name + "'");
    spike_recorders_.push_back(std::move(recorder));
}

int Model::cell_index(const std::string& name) const {
    for (std::size_t k = 0; k < cells_.size(); ++k)
        if (cells_[k].name == name) return static_cast<int>(k);
    return -1;
}

int Model::generator_index(const std::string& name) const {
    auto it = generator_names_.find(name);
    return it == generator_names_.end() ? -1 : it->second;
}

int Model::object_index(const std::string& name) const {
    for (std::size_t k = 0; k < objects_.size(); ++k)
        if (objects_[k].name == name) return static_cast<int>(k);
    return -1;
}

void Model::check_site(const Site& site, const std::string& what) const {
    if (site.cell < 0 || site.cell >= static_cast<int>(cells_.size())) throw ModelError(what + ": no such cell");
    const Cell& cell = cells_[static_cast<std::size_t>(site.cell)];
    if (site.section < 0 || site.section >= static_cast<int>(cell.sections.size()))
        throw ModelError(what + ": no such section in cell '" + cell.name + "'");
    if (!(site.x >= 0 && site.x <= 1)) throw ModelError(fmt::format("{}: x = {} is outside [0, 1]", what, site.x));
}

void Model::check_source(const SpikeSource& source, const std::string& what) const {
    if (const auto* object = std::get_if<ObjectSource>(&source)) {
        if (object->object < 0 || object->object >= static_cast<int>(objects_.size()))
            throw ModelError(what + ": its source does not exist");
    } else if (const auto* generator = std::get_if<GeneratorSource>(&source)) {
        if (generator->generator < 0 || generator->generator >= static_cast<int>(generators_.size()))
            throw ModelError(what + ": its source does not exist");
    } else {
        check_site(std::get<ThresholdSource>(source).site, what);
    }
}

}  // namespace cornu::runtime

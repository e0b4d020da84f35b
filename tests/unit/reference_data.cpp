#include "reference_data.hpp"

#include "cornu/runtime/case_file.hpp"
#include "test_config.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cornu::test {

const std::vector<double>& Table::column(const std::string& name) const {
    for (std::size_t k = 0; k < columns.size(); ++k)
        if (columns[k] == name) return values[k];
    throw std::runtime_error("no column " + name);
}

namespace {
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string item; std::getline(in, item, ',');) out.push_back(item);
    return out;
}
}  // namespace

Table read_csv_table(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    Table table;
    std::string line;
    std::getline(in, line);
    table.columns = split(line);
    table.values.resize(table.columns.size());
    while (std::getline(in, line)) {
        auto cells = split(line);
        if (cells.size() != table.columns.size()) throw std::runtime_error("ragged row in " + path);
        for (std::size_t k = 0; k < cells.size(); ++k) table.values[k].push_back(std::strtod(cells[k].c_str(), nullptr));
    }
    return table;
}

std::map<std::string, std::vector<double>> read_spikes(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::map<std::string, std::vector<double>> spikes;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        auto cells = split(line);
        spikes[cells.at(0)].push_back(std::strtod(cells.at(1).c_str(), nullptr));
    }
    return spikes;
}

std::string reference_case_path(const std::string& name) {
    return std::string(CORNU_SOURCE_DIR) + "/tests/reference/cases/" + name + ".yaml";
}

std::string reference_data_dir(const std::string& name) {
    return std::string(CORNU_SOURCE_DIR) + "/tests/reference/data/" + name;
}

runtime::Recording run_reference_case(const std::string& name, const CompileOptions& options, double dt_override,
                                      double record_interval_override) {
    runtime::CaseFile c = runtime::read_case_file(reference_case_path(name));
    if (dt_override > 0) c.model.settings.dt = dt_override;
    if (record_interval_override >= 0) c.model.settings.record_interval = record_interval_override;
    runtime::MechanismCatalogue catalogue(options);
    runtime::load_case_mechanisms(c, catalogue);
    runtime::Simulation sim(c.model, catalogue);
    sim.initialize();
    sim.run_until(c.tstop);
    return sim.recording();
}

std::vector<ColumnDifference> compare_traces(const runtime::Recording& cornu, const Table& neuron) {
    std::vector<ColumnDifference> out;
    auto compare = [&](const std::string& name, const std::vector<double>& ours) {
        const std::vector<double>& theirs = neuron.column(name);
        ColumnDifference d;
        d.column = name;
        d.samples = std::min(ours.size(), theirs.size());
        for (std::size_t i = 0; i < d.samples; ++i) {
            double diff = std::fabs(ours[i] - theirs[i]);
            if (ours[i] == theirs[i]) ++d.equal;
            else if (!(diff <= d.max_abs)) d.max_abs = std::isnan(diff) ? INFINITY : diff;
        }
        if (ours.size() != theirs.size()) d.max_abs = INFINITY;
        out.push_back(d);
    };
    compare("t", cornu.time);
    for (std::size_t k = 0; k < cornu.columns.size(); ++k) compare(cornu.columns[k], cornu.values[k]);
    return out;
}

}  // namespace cornu::test

// NEURON's results for the reference cases (tests/reference/data) and the means to run the same
// cases in cornu and compare: per-column maximum differences and spike-time differences.
#pragma once

#include "cornu/compiler/compiler.hpp"
#include "cornu/runtime/simulation.hpp"

#include <map>
#include <string>
#include <vector>

namespace cornu::test {

struct Table {
    std::vector<std::string> columns;         // including "t"
    std::vector<std::vector<double>> values;  // [column][row]
    const std::vector<double>& column(const std::string& name) const;
};

// Reads a CSV file of numbers with a header line (traces.csv, analytic.csv).
Table read_csv_table(const std::string& path);
// spikes.csv: name -> times.
std::map<std::string, std::vector<double>> read_spikes(const std::string& path);

std::string reference_case_path(const std::string& name);  // tests/reference/cases/<name>.yaml
std::string reference_data_dir(const std::string& name);   // tests/reference/data/<name>

// Runs a reference case in cornu (loading its mechanism files) and returns what it recorded.
runtime::Recording run_reference_case(const std::string& name, const CompileOptions& options,
                                      double dt_override = 0, double record_interval_override = -1);

struct ColumnDifference {
    std::string column;
    double max_abs = 0;      // largest |cornu - NEURON|
    std::size_t equal = 0;   // samples that are the same double
    std::size_t samples = 0;
};

// Compares every traced column of `cornu` with NEURON's traces.csv (same rows expected).
std::vector<ColumnDifference> compare_traces(const runtime::Recording& cornu, const Table& neuron);

}  // namespace cornu::test

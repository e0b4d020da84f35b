// Experiments described in YAML "case" files (format 1, tests/reference/README.md): cells and
// their sections (inline or from a cell template file in models/cells/), point processes,
// artificial cells, NetCons, recording and the numerical settings. The same files drive
// NEURON's reference runs, so a case is the unit of comparison with NEURON.
//
// Errors are ModelErrors whose message starts with "file:line:col: error:" and says what to do.
#pragma once

#include "cornu/runtime/model.hpp"
#include "cornu/runtime/simulation.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace cornu::runtime {

struct CaseFile {
    std::string path;
    std::string name;
    std::string description;
    Model model;
    double tstop = 0;
    std::vector<std::string> mechanism_files;  // to load before building, in this order
};

CaseFile read_case_file(const std::string& path);

// Reads a cell template: a YAML file with `sections:` in the case format (and optionally
// `name:` and `description:`).
Cell read_cell_template(const std::string& path);

// Loads the case's mechanism files into the catalogue; throws ModelError with the compiler's
// diagnostics if one does not compile.
void load_case_mechanisms(const CaseFile& case_file, MechanismCatalogue& catalogue);

// The reference data formats: traces.csv (t and one column per trace) and spikes.csv
// (name,time), every number printed with %.17g so that it reads back exactly.
void write_traces_csv(std::ostream& out, const Recording& recording);
void write_spikes_csv(std::ostream& out, const Recording& recording);

}  // namespace cornu::runtime

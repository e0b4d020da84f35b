// The mechanisms a simulation can use: cornu's own versions of NEURON's standard mechanisms
// (models/mechanisms, compiled on first use) and the .mod files a model loads. Every mechanism
// gets a registration rank that reproduces NEURON's type numbers: the built-ins keep NEURON's
// numbers, loaded files follow in load order, and an ion is registered just before the first
// mechanism that uses it. The rank decides the order mechanisms run in within a step (NEURON's
// "memb order"), which decides how currents of one ion add up to the last bit.
#pragma once

#include "cornu/compiler/compiler.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cornu::runtime {

struct Mechanism {
    CompiledMechanism compiled;
    std::string file;
    double rank = 0;

    const MechanismLayout& layout() const { return compiled.layout; }
    const std::string& name() const { return compiled.layout.name; }
};

struct IonSpeciesInfo {
    std::string name;
    double valence = 1;
    double rank = 0;
    double inside = 1, outside = 1, reversal = 0;  // NEURON's defaults (membdef.h)
};

class MechanismCatalogue {
public:
    // `builtin_dirs`: where the standard mechanisms live; empty means $CORNU_MECHANISM_PATH
    // (colon-separated), else the source tree's models/mechanisms.
    explicit MechanismCatalogue(CompileOptions options = {}, std::vector<std::string> builtin_dirs = {});
    ~MechanismCatalogue();
    MechanismCatalogue(const MechanismCatalogue&) = delete;
    MechanismCatalogue& operator=(const MechanismCatalogue&) = delete;

    // Compiles and registers a .mod file. On failure the problems are in `diags` and the result
    // is null. A second load of the same mechanism name is an error.
    const Mechanism* load_file(const std::string& path, SourceManager& sources, DiagnosticEngine& diags);
    // The same for NMODL text (`name` is used in messages), e.g. a mechanism written by a program.
    const Mechanism* load_text(const std::string& name, const std::string& text, SourceManager& sources,
                               DiagnosticEngine& diags);

    // A registered mechanism, or a built-in compiled now; null (with `error` set) if unknown.
    const Mechanism* find(const std::string& name, std::string& error);

    // An ion used by some registered mechanism; null if none uses it.
    const IonSpeciesInfo* ion(const std::string& name) const;

    const CompileOptions& options() const { return options_; }
    const std::vector<std::string>& builtin_dirs() const { return builtin_dirs_; }

private:
    const Mechanism* add(CompiledMechanism compiled, const std::string& file, double rank, std::string& error);
    const Mechanism* register_loaded(std::optional<CompiledMechanism> compiled, const std::string& file,
                                     DiagnosticEngine& diags);

    CompileOptions options_;
    std::vector<std::string> builtin_dirs_;
    std::unique_ptr<MechanismCompiler> compiler_;
    std::map<std::string, std::unique_ptr<Mechanism>> mechanisms_;
    std::map<std::string, IonSpeciesInfo> ions_;
    int loaded_files_ = 0;
};

// NEURON's defaults for an ion species (na, k, ca; 1 mM, 1 mM, 0 mV for any other).
IonSpeciesInfo default_ion(const std::string& name);

}  // namespace cornu::runtime

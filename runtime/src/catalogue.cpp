#include "cornu/runtime/catalogue.hpp"

#include "runtime_hooks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace cornu::runtime {

namespace {

// NEURON 8.2.2's type numbers of the built-ins cornu provides (tests/reference/README.md).
// VecStim is not built into NEURON; the reference runner loads it after every other file.
const std::map<std::string, double>& builtin_ranks() {
    static const std::map<std::string, double> ranks{
        {"pas", 4},     {"IClamp", 7}, {"ExpSyn", 9},   {"Exp2Syn", 10},
        {"SEClamp", 11}, {"hh", 17},   {"NetStim", 18}, {"VecStim", 1e9},
    };
    return ranks;
}

constexpr double first_loaded_rank = 1000;  // loaded files come after every built-in
constexpr double loaded_rank_step = 10;     // room for the ions a file registers before itself

std::vector<std::string> default_builtin_dirs() {
    std::vector<std::string> dirs;
    if (const char* path = std::getenv("CORNU_MECHANISM_PATH"); path && *path) {
        std::stringstream in(path);
        for (std::string dir; std::getline(in, dir, ':');)
            if (!dir.empty()) dirs.push_back(dir);
        return dirs;
    }
    dirs.push_back(CORNU_BUILTIN_MECHANISM_DIR);
    return dirs;
}

}  // namespace

IonSpeciesInfo default_ion(const std::string& name) {
    IonSpeciesInfo ion;
    ion.name = name;
    if (name == "na") ion = {name, 1, 15, 10, 140, 50};
    else if (name == "k") ion = {name, 1, 16, 54.4, 2.5, -77};
    // eca = 12.5 ln(2/5e-5) as NEURON registers it (it is not the Nernst value at 6.3 degC).
    else if (name == "ca") ion = {name, 2, 0, 5e-5, 2, 132.45793416370091};
    return ion;
}

MechanismCatalogue::MechanismCatalogue(CompileOptions options, std::vector<std::string> builtin_dirs)
    : options_(std::move(options)),
      builtin_dirs_(builtin_dirs.empty() ? default_builtin_dirs() : std::move(builtin_dirs)),
      compiler_(std::make_unique<MechanismCompiler>(options_, runtime_host_symbols())) {}

MechanismCatalogue::~MechanismCatalogue() = default;

const Mechanism* MechanismCatalogue::load_file(const std::string& path, SourceManager& sources,
                                               DiagnosticEngine& diags) {
    if (!compiler_->ok()) {
        diags.error({}, "cannot compile mechanisms on this machine: " + compiler_->error());
        return nullptr;
    }
    return register_loaded(compiler_->compile_file(path, sources, diags), path, diags);
}

const Mechanism* MechanismCatalogue::load_text(const std::string& name, const std::string& text,
                                               SourceManager& sources, DiagnosticEngine& diags) {
    if (!compiler_->ok()) {
        diags.error({}, "cannot compile mechanisms on this machine: " + compiler_->error());
        return nullptr;
    }
    return register_loaded(compiler_->compile_text(name, text, sources, diags), name, diags);
}

const Mechanism* MechanismCatalogue::register_loaded(std::optional<CompiledMechanism> compiled,
                                                     const std::string& file, DiagnosticEngine& diags) {
    if (!compiled) return nullptr;
    double rank = first_loaded_rank + loaded_rank_step * loaded_files_++;
    std::string error;
    const Mechanism* m = add(std::move(*compiled), file, rank, error);
    if (!m) diags.error({}, error, "each mechanism name may be defined once; rename the SUFFIX or POINT_PROCESS");
    return m;
}

const Mechanism* MechanismCatalogue::find(const std::string& name, std::string& error) {
    if (auto it = mechanisms_.find(name); it != mechanisms_.end()) return it->second.get();
    for (const std::string& dir : builtin_dirs_) {
        std::filesystem::path file = std::filesystem::path(dir) / (name + ".mod");
        if (!std::filesystem::exists(file)) continue;
        SourceManager sources;
        DiagnosticEngine diags(sources);
        auto compiled = compiler_->ok() ? compiler_->compile_file(file.string(), sources, diags) : std::nullopt;
        if (!compiled) {
            error = fmt::format("the built-in mechanism '{}' ({}) did not compile:\n{}{}", name, file.string(),
                                diags.render_to_string(), compiler_->ok() ? "" : compiler_->error());
            return nullptr;
        }
        if (compiled->layout.name != name) {
            error = fmt::format("{} defines '{}', not '{}'", file.string(), compiled->layout.name, name);
            return nullptr;
        }
        auto known = builtin_ranks().find(name);
        double rank = known != builtin_ranks().end() ? known->second
                                                     : first_loaded_rank + loaded_rank_step * loaded_files_++;
        return add(std::move(*compiled), file.string(), rank, error);
    }
    error = fmt::format("unknown mechanism '{}': it is not one of cornu's built-ins (in {}) and no loaded .mod "
                        "file defines it; load its .mod file or check the spelling",
                        name, fmt::join(builtin_dirs_, ", "));
    return nullptr;
}

const IonSpeciesInfo* MechanismCatalogue::ion(const std::string& name) const {
    auto it = ions_.find(name);
    return it == ions_.end() ? nullptr : &it->second;
}

const Mechanism* MechanismCatalogue::add(CompiledMechanism compiled, const std::string& file, double rank,
                                         std::string& error) {
    const std::string name = compiled.layout.name;
    if (auto it = mechanisms_.find(name); it != mechanisms_.end()) {
        error = fmt::format("mechanism '{}' of {} is already defined by {}", name, file, it->second->file);
        return nullptr;
    }
    // Register the ions this mechanism brings, just before it (as NEURON's ion_reg does).
    int new_ions = 0;
    for (const IonInfo& use : compiled.layout.ions) {
        auto it = ions_.find(use.name);
        if (it == ions_.end()) {
            IonSpeciesInfo ion = default_ion(use.name);
            if (use.name != "na" && use.name != "k") ion.rank = rank - 1 + 0.01 * new_ions++;
            if (use.valence) ion.valence = *use.valence;
            else if (use.name != "na" && use.name != "k" && use.name != "ca") {
                error = fmt::format("{}: the ion '{}' needs a VALENCE (USEION {} ... VALENCE z)", file, use.name,
                                    use.name);
                return nullptr;
            }
            ions_.emplace(use.name, ion);
        } else if (use.valence && *use.valence != it->second.valence) {
            error = fmt::format("{}: ion '{}' has VALENCE {} here but {} in an earlier mechanism", file, use.name,
                                *use.valence, it->second.valence);
            return nullptr;
        }
    }
    auto mechanism = std::make_unique<Mechanism>();
    mechanism->compiled = std::move(compiled);
    mechanism->file = file;
    mechanism->rank = rank;
    const Mechanism* result = mechanism.get();
    mechanisms_.emplace(name, std::move(mechanism));
    return result;
}

}  // namespace cornu::runtime

#include "cornu/compiler/analysis.hpp"

#include "passes.hpp"

#include <algorithm>

namespace cornu::nmodl {

MechanismInfo analyse(const Module& module, DiagnosticEngine& diags) {
    MechanismInfo info;
    collect_declarations(module, info, diags);
    check_code(module, info, diags);
    localise_written_globals(module, info);
    find_unsupported(module, info);
    return info;
}

std::string ion_variable_name(const std::string& ion, IonVariableKind kind) {
    switch (kind) {
        case IonVariableKind::reversal: return "e" + ion;
        case IonVariableKind::conc_inside: return ion + "i";
        case IonVariableKind::conc_outside: return ion + "o";
        case IonVariableKind::current: return "i" + ion;
    }
    return ion;
}

bool IonUse::reads(IonVariableKind k) const {
    return std::find(read.begin(), read.end(), ion_variable_name(name, k)) != read.end();
}

bool IonUse::writes(IonVariableKind k) const {
    return std::find(write.begin(), write.end(), ion_variable_name(name, k)) != write.end();
}

const Variable* MechanismInfo::find(const std::string& n) const {
    auto it = variable_index.find(n);
    return it == variable_index.end() ? nullptr : &variables[it->second];
}

Variable* MechanismInfo::find(const std::string& n) {
    auto it = variable_index.find(n);
    return it == variable_index.end() ? nullptr : &variables[it->second];
}

const Callable* MechanismInfo::find_callable(const std::string& n) const {
    auto it = callable_index.find(n);
    return it == callable_index.end() ? nullptr : &callables[it->second];
}

// The first DERIVATIVE, KINETIC, LINEAR, NONLINEAR or DISCRETE block named n.
const ProcItem* MechanismInfo::find_block(const std::string& n) const {
    auto it = named_block_index.find(n);
    return it == named_block_index.end() ? nullptr : it->second;
}

bool MechanismInfo::has_currents() const {
    return std::any_of(variables.begin(), variables.end(), [](const Variable& v) { return v.is_current(); });
}

std::vector<const Variable*> MechanismInfo::states() const {
    std::vector<const Variable*> out;
    for (const Variable& v : variables)
        if (v.origin == VariableOrigin::state) out.push_back(&v);
    return out;
}

const char* to_string(Storage s) {
    switch (s) {
        case Storage::range: return "range";
        case Storage::global: return "global";
        case Storage::constant: return "constant";
        case Storage::builtin: return "builtin";
        case Storage::pointer: return "pointer";
    }
    return "?";
}

const char* to_string(VariableOrigin o) {
    switch (o) {
        case VariableOrigin::parameter: return "PARAMETER";
        case VariableOrigin::assigned: return "ASSIGNED";
        case VariableOrigin::state: return "STATE";
        case VariableOrigin::constant: return "CONSTANT";
        case VariableOrigin::unit_factor: return "UNITS";
        case VariableOrigin::define: return "DEFINE";
        case VariableOrigin::top_local: return "LOCAL";
        case VariableOrigin::builtin: return "builtin";
        case VariableOrigin::pointer: return "POINTER";
        case VariableOrigin::independent: return "INDEPENDENT";
        case VariableOrigin::undeclared: return "EXTERNAL";
    }
    return "?";
}

}  // namespace cornu::nmodl

// The passes of semantic analysis, in the order analyse() runs them.
#pragma once

#include "cornu/compiler/analysis.hpp"

namespace cornu::nmodl {

// 1. Declarations: NEURON block, UNITS, PARAMETER, ASSIGNED, STATE, CONSTANT, DEFINE, LOCAL,
//    blocks and callables; ion rules; where each variable is stored.
void collect_declarations(const Module& module, MechanismInfo& info, DiagnosticEngine& diags);

// 2. Code: name resolution, calls and their arity, statements in the blocks that allow them,
//    derivatives of STATEs, SOLVE targets and methods, TABLEs.
void check_code(const Module& module, MechanismInfo& info, DiagnosticEngine& diags);

// 2b. GLOBAL ASSIGNED variables and file-scope LOCALs the code writes become per instance.
void localise_written_globals(const Module& module, MechanismInfo& info);

// 3. What later stages do not support (reported by `cornu check`, not errors).
void find_unsupported(const Module& module, MechanismInfo& info);

// nocmodl gives every STATE x a global x0, the value x starts from before INITIAL runs (0 unless
// set). Returns `name` if it is such an x0, declaring it on first use; nullptr otherwise.
Variable* state_start_value(MechanismInfo& info, const std::string& name);

// Edit distance, for "did you mean" hints.
std::size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace cornu::nmodl

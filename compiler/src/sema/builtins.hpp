// Names NMODL code can use without declaring them: NEURON's simulator variables and the
// functions nocmodl knows (its extdef tables), plus the names that cannot be declared.
#pragma once

#include <string_view>

namespace cornu::nmodl {

enum class BuiltinSupport {
    supported,     // cornu compiles it
    ignored,       // accepted and has no effect in cornu (printf, ...)
    unsupported    // accepted by NEURON; cornu's later stages reject it
};

struct BuiltinFunction {
    std::string_view name;
    int min_args;
    int max_args;  // -1: any number
    BuiltinSupport support;
    std::string_view context;  // "" anywhere; otherwise where NEURON allows the call
};

// nullptr if `name` is not a built-in function.
const BuiltinFunction* find_builtin_function(std::string_view name);

// True for the built-in functions whose names nocmodl refuses for variables and functions of a
// mechanism ("exp is a RESERVED WORD"): all but a few it does not know itself.
bool is_reserved_function_name(std::string_view name);

// An integration method of nocmodl's methods table and the blocks it can solve. nocmodl lexes
// these names as keywords, so they cannot name variables either.
struct IntegrationMethod {
    std::string_view name;
    bool derivative;  // solves DERIVATIVE blocks
    bool kinetic;     // solves KINETIC blocks
    bool linear;      // solves LINEAR blocks
    bool nonlinear;   // solves NONLINEAR blocks
    bool any_block;   // after_cvode, cvode_t: nocmodl drops the method and solves any block
};

// nullptr if `name` is not an integration method.
const IntegrationMethod* find_integration_method(std::string_view name);

// v, t, dt, celsius, area, diam: provided by the simulator, declared or not.
bool is_simulator_variable(std::string_view name);

// C and C++ keywords: NEURON translates to C, so such a name breaks its build.
bool is_c_keyword(std::string_view name);

}  // namespace cornu::nmodl

#include "builtins.hpp"

#include <algorithm>
#include <array>

namespace cornu::nmodl {

namespace {

using S = BuiltinSupport;

// The functions nocmodl 8.2 recognises (src/nmodl/extdef.h and friends), with their arity.
constexpr std::array builtin_functions{
    BuiltinFunction{"exp", 1, 1, S::supported, ""},
    BuiltinFunction{"log", 1, 1, S::supported, ""},
    BuiltinFunction{"log10", 1, 1, S::supported, ""},
    BuiltinFunction{"sqrt", 1, 1, S::supported, ""},
    BuiltinFunction{"fabs", 1, 1, S::supported, ""},
    BuiltinFunction{"pow", 2, 2, S::supported, ""},
    BuiltinFunction{"sin", 1, 1, S::supported, ""},
    BuiltinFunction{"cos", 1, 1, S::supported, ""},
    BuiltinFunction{"tan", 1, 1, S::supported, ""},
    BuiltinFunction{"asin", 1, 1, S::supported, ""},
    BuiltinFunction{"acos", 1, 1, S::supported, ""},
    BuiltinFunction{"atan", 1, 1, S::supported, ""},
    BuiltinFunction{"atan2", 2, 2, S::supported, ""},
    BuiltinFunction{"sinh", 1, 1, S::supported, ""},
    BuiltinFunction{"cosh", 1, 1, S::supported, ""},
    BuiltinFunction{"tanh", 1, 1, S::supported, ""},
    BuiltinFunction{"floor", 1, 1, S::supported, ""},
    BuiltinFunction{"ceil", 1, 1, S::supported, ""},
    BuiltinFunction{"fmod", 2, 2, S::supported, ""},
    BuiltinFunction{"erf", 1, 1, S::supported, ""},
    BuiltinFunction{"erfc", 1, 1, S::supported, ""},
    BuiltinFunction{"normrand", 2, 2, S::supported, ""},
    BuiltinFunction{"exprand", 1, 1, S::supported, ""},
    BuiltinFunction{"unirand", 0, 0, S::supported, ""},
    BuiltinFunction{"scop_random", 0, 0, S::supported, ""},
    BuiltinFunction{"set_seed", 1, 1, S::supported, ""},
    BuiltinFunction{"net_send", 2, 2, S::supported, "INITIAL and NET_RECEIVE blocks"},
    BuiltinFunction{"net_event", 1, 1, S::supported, "NET_RECEIVE blocks"},
    BuiltinFunction{"net_move", 1, 1, S::supported, "NET_RECEIVE blocks"},
    BuiltinFunction{"state_discontinuity", 2, 2, S::supported, ""},
    BuiltinFunction{"printf", 1, -1, S::ignored, ""},
    // cornu extension: the i-th entry (from 0) of the instance's list of event times, or -1 past
    // its end. It lets a spike-time player (VecStim) be written in NMODL without VERBATIM.
    BuiltinFunction{"play_time", 1, 1, S::supported, ""},
    BuiltinFunction{"at_time", 1, 1, S::supported, ""},
    BuiltinFunction{"nrn_pointing", 1, 1, S::unsupported, ""},
    BuiltinFunction{"first_time", 1, 1, S::unsupported, ""},
    BuiltinFunction{"error", 0, -1, S::unsupported, ""},
    BuiltinFunction{"prterr", 0, -1, S::unsupported, ""},
    BuiltinFunction{"threshold", 0, -1, S::unsupported, ""},
    BuiltinFunction{"force", 0, -1, S::unsupported, ""},
    BuiltinFunction{"deflate", 0, -1, S::unsupported, ""},
    BuiltinFunction{"expfit", 0, -1, S::unsupported, ""},
    BuiltinFunction{"derivs", 0, -1, S::unsupported, ""},
    BuiltinFunction{"spline", 0, -1, S::unsupported, ""},
    BuiltinFunction{"hyperbol", 0, -1, S::unsupported, ""},
    BuiltinFunction{"revhyperbol", 0, -1, S::unsupported, ""},
    BuiltinFunction{"sigmoid", 0, -1, S::unsupported, ""},
    BuiltinFunction{"revsigmoid", 0, -1, S::unsupported, ""},
    BuiltinFunction{"harmonic", 0, -1, S::unsupported, ""},
    BuiltinFunction{"squarewave", 0, -1, S::unsupported, ""},
    BuiltinFunction{"sawtooth", 0, -1, S::unsupported, ""},
    BuiltinFunction{"revsawtooth", 0, -1, S::unsupported, ""},
    BuiltinFunction{"ramp", 0, -1, S::unsupported, ""},
    BuiltinFunction{"pulse", 0, -1, S::unsupported, ""},
    BuiltinFunction{"perpulse", 0, -1, S::unsupported, ""},
    BuiltinFunction{"step", 0, -1, S::unsupported, ""},
    BuiltinFunction{"perstep", 0, -1, S::unsupported, ""},
    BuiltinFunction{"factorial", 1, 1, S::unsupported, ""},
    BuiltinFunction{"gauss", 0, -1, S::unsupported, ""},
    BuiltinFunction{"poisrand", 1, 1, S::unsupported, ""},
    BuiltinFunction{"poisson", 0, -1, S::unsupported, ""},
    BuiltinFunction{"setseed", 1, 1, S::unsupported, ""},
    BuiltinFunction{"boundary", 0, -1, S::unsupported, ""},
    BuiltinFunction{"romberg", 0, -1, S::unsupported, ""},
    BuiltinFunction{"legendre", 0, -1, S::unsupported, ""},
    BuiltinFunction{"invert", 0, -1, S::unsupported, ""},
    BuiltinFunction{"stepforce", 0, -1, S::unsupported, ""},
    BuiltinFunction{"schedule", 0, -1, S::unsupported, ""},
    BuiltinFunction{"nrn_random_play", 0, -1, S::unsupported, ""},
    BuiltinFunction{"nrn_ghk", 0, -1, S::unsupported, ""},
};

// nocmodl 8.2's methods table (src/nmodl/init.c). cvode_t_v is listed but solves nothing.
// _advance is accepted for KINETIC by the translator but its C does not compile, so it is left out.
constexpr std::array integration_methods{
    //                 name             DERIV  KINETIC LINEAR NONLIN any
    IntegrationMethod{"adams",          true,  true,  false, false, false},
    IntegrationMethod{"runge",          true,  true,  false, false, false},
    IntegrationMethod{"euler",          true,  true,  false, false, false},
    IntegrationMethod{"adeuler",        true,  true,  false, false, false},
    IntegrationMethod{"heun",           true,  true,  false, false, false},
    IntegrationMethod{"adrunge",        true,  true,  false, false, false},
    IntegrationMethod{"gear",           true,  true,  false, false, false},
    IntegrationMethod{"clsoda",         true,  true,  false, false, false},
    IntegrationMethod{"derivimplicit",  true,  false, false, false, false},
    IntegrationMethod{"cnexp",          true,  false, false, false, false},
    IntegrationMethod{"sparse",         false, true,  false, false, false},
    IntegrationMethod{"_advance",       false, false, false, false, false},
    IntegrationMethod{"simeq",          false, false, true,  false, false},
    IntegrationMethod{"seidel",         false, false, true,  false, false},
    IntegrationMethod{"newton",         false, false, false, true,  false},
    IntegrationMethod{"simplex",        false, false, false, true,  false},
    IntegrationMethod{"after_cvode",    false, false, false, false, true},
    IntegrationMethod{"cvode_t",        false, false, false, false, true},
    IntegrationMethod{"cvode_t_v",      false, false, false, false, false},
};

constexpr std::array simulator_variables{
    std::string_view("v"), std::string_view("t"), std::string_view("dt"),
    std::string_view("celsius"), std::string_view("area"), std::string_view("diam"),
};

constexpr std::array c_keywords{
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "int", "long", "register", "return",
    "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned",
    "void", "volatile", "while", "inline", "restrict", "bool", "class", "delete", "new",
    "namespace", "private", "protected", "public", "template", "this", "throw", "try",
    "catch", "typename", "virtual", "operator", "friend", "using", "explicit", "mutable",
    "true", "false", "nullptr", "and", "or", "not", "xor", "asm"};

}  // namespace

const BuiltinFunction* find_builtin_function(std::string_view name) {
    auto it = std::find_if(builtin_functions.begin(), builtin_functions.end(),
                           [&](const BuiltinFunction& f) { return f.name == name; });
    return it == builtin_functions.end() ? nullptr : &*it;
}

bool is_reserved_function_name(std::string_view name) {
    // erfc and unirand come from C's and cornu's libraries; play_time is cornu's own.
    static constexpr std::array unreserved{std::string_view("erfc"), std::string_view("unirand"),
                                           std::string_view("play_time")};
    return find_builtin_function(name) &&
           std::find(unreserved.begin(), unreserved.end(), name) == unreserved.end();
}

const IntegrationMethod* find_integration_method(std::string_view name) {
    auto it = std::find_if(integration_methods.begin(), integration_methods.end(),
                           [&](const IntegrationMethod& m) { return m.name == name; });
    return it == integration_methods.end() ? nullptr : &*it;
}

bool is_simulator_variable(std::string_view name) {
    return std::find(simulator_variables.begin(), simulator_variables.end(), name) != simulator_variables.end();
}

bool is_c_keyword(std::string_view name) {
    return std::find(c_keywords.begin(), c_keywords.end(), name) != c_keywords.end();
}

}  // namespace cornu::nmodl

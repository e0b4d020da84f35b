// nocmodl's treatment of one ODE `y' = f` for the cnexp method, reproduced exactly.
//
// nocmodl (NEURON 8.2, src/nmodl/diffeq.ypp) does not simplify f symbolically: it re-reads f's
// tokens and builds four C strings per sub-expression — the text, its derivative with respect to
// y, the coefficient of y, and the y-free part — by pasting strings with fixed templates. The
// update it emits is then compiled by the C compiler, whose reading of the pasted text fixes the
// order of every floating-point operation. To give bit-identical results, cornu builds the same
// strings from the same tokens and parses them back with C's precedence (c_expression.hpp).
#pragma once

#include "cornu/compiler/ast.hpp"

#include <optional>
#include <string>

namespace cornu::nmodl {

struct CnexpUpdate {
    std::string text;  // the C text of the update, e.g. "m + (1. - exp(dt*(...)))*(... - m)"
    ExprPtr value;     // the same, parsed
};

// The cnexp update of `state` for `state' = rhs`, or nullopt when nocmodl could not translate
// it (the state inside a function argument or a denominator: nocmodl then solves the whole block
// with derivimplicit). `rhs` may use any expression; comparisons and logical operators are not
// handled by nocmodl either and give nullopt.
std::optional<CnexpUpdate> cnexp_update(const NameExpr& derivative, const Expr& rhs);

// The C token text nocmodl uses for an expression (numbers as C doubles, `^` as pow); empty if
// the expression has operators nocmodl's pasting does not handle (comparisons, logic).
std::string c_text(const Expr& e);

}  // namespace cornu::nmodl

// Parses C expression text (as nocmodl pastes it) into the NMODL AST: numbers, names, array
// elements, calls, parentheses, unary minus and + - * / with C's precedence and associativity.
#pragma once

#include "cornu/compiler/ast.hpp"

#include <string>

namespace cornu::nmodl {

// Returns nullptr if the text is not such an expression.
ExprPtr parse_c_expression(const std::string& text, SourceLocation loc = {});

}  // namespace cornu::nmodl

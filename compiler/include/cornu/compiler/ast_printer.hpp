// Printing the AST: a tree dump for `cornu check --dump-ast`, and NMODL text for expressions and
// statements (used in diagnostics and in the kernel listings of `cornu compile --emit=kernels`).
#pragma once

#include "cornu/compiler/ast.hpp"

#include <iosfwd>
#include <string>

namespace cornu::nmodl {

// One node per line, indented by depth, with line:col; expressions as S-expressions.
void dump_ast(std::ostream& out, const Module& module);

// An expression as NMODL source, with the parentheses its tree structure needs.
std::string to_nmodl(const Expr& expr);

// A statement (and anything nested in it) as NMODL source, indented by `indent` spaces.
void print_nmodl(std::ostream& out, const Stmt& stmt, int indent = 0);

// An expression as an S-expression: (+ a (* b c)).
std::string to_sexpr(const Expr& expr);

}  // namespace cornu::nmodl

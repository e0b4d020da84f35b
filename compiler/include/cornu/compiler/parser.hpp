// Parsing NMODL source into the AST.
//
// parse_file reads a .mod file (and the files it INCLUDEs), reports syntax problems to the
// DiagnosticEngine and returns the module. When there are syntax errors the returned module is
// empty: the AST is only built from a file that parsed cleanly, so that later stages never see a
// half-recovered tree.
#pragma once

#include "cornu/compiler/ast.hpp"
#include "cornu/compiler/diagnostics.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace cornu::nmodl {

struct ParseOptions {
    // Searched for INCLUDE files after the including file's own folder.
    std::vector<std::string> include_dirs;
    // Bounds that keep hostile input from exhausting the stack or memory.
    std::size_t max_file_bytes = 2u << 20;   // 2 MiB; real .mod files are a few kB
    std::size_t max_nesting = 256;           // brackets, braces and right-nested operators
    std::size_t max_operators_per_expression = 2000;
    // Depth of the syntax tree (else-if chains counted as nested): the AST builder and every
    // pass over the AST recurse once per level. Bounds what the two limits above cannot see.
    std::size_t max_tree_depth = 3000;
    std::size_t max_include_depth = 16;
};

// Reads and parses `path`. On failure (missing file, syntax errors) the result has no items and
// the reasons are in `diags`.
Module parse_file(const std::string& path, SourceManager& sources, DiagnosticEngine& diags,
                  const ParseOptions& options = {});

// Parses text held in memory; `name` is used in diagnostics and to resolve INCLUDEs.
Module parse_text(const std::string& name, std::string text, SourceManager& sources,
                  DiagnosticEngine& diags, const ParseOptions& options = {});

}  // namespace cornu::nmodl

// Small helpers shared by the front-end unit tests.
#pragma once

#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/ast_printer.hpp"
#include "cornu/compiler/parser.hpp"

#include <memory>
#include <string>

namespace cornu::test {

// Parses (and optionally analyses) text, keeping everything alive for inspection.
struct Parsed {
    std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
    std::unique_ptr<DiagnosticEngine> diags = std::make_unique<DiagnosticEngine>(*sources);
    nmodl::Module module;
    nmodl::MechanismInfo info;

    bool ok() const { return !diags->has_errors(); }
    std::string messages() const { return diags->render_to_string(); }

    // The first top-level item of type T.
    template <class T>
    const T* item() const {
        for (const auto& i : module.items)
            if (auto* t = nmodl::dyn<T>(i.get())) return t;
        return nullptr;
    }

    // The first block of the given kind.
    const nmodl::ProcItem* proc(nmodl::ProcKind kind) const {
        for (const auto& i : module.items)
            if (auto* p = nmodl::dyn<nmodl::ProcItem>(i.get()); p && p->proc == kind) return p;
        return nullptr;
    }

    // True if some diagnostic's message contains `fragment`.
    bool said(const std::string& fragment) const {
        for (const auto& d : diags->diagnostics())
            if (d.message.find(fragment) != std::string::npos) return true;
        return false;
    }
};

inline Parsed parse(const std::string& text, bool analyse = true) {
    Parsed p;
    p.module = nmodl::parse_text("test.mod", text, *p.sources, *p.diags);
    if (analyse && p.ok()) p.info = nmodl::analyse(p.module, *p.diags);
    return p;
}

// The S-expression of the right-hand side of the first assignment in INITIAL.
inline std::string initial_rhs(const std::string& expression) {
    Parsed p = parse("NEURON { SUFFIX t }\nASSIGNED { x a b c d }\nINITIAL { x = " + expression + " }\n", false);
    if (!p.ok()) return "error: " + p.messages();
    auto* init = p.proc(nmodl::ProcKind::initial);
    auto& assign = nmodl::as<nmodl::AssignStmt>(*init->body->statements.at(0));
    return nmodl::to_sexpr(*assign.value);
}

}  // namespace cornu::test

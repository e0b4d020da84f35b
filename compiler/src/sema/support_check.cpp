// Pass 3 of semantic analysis: constructs NEURON accepts but cornu's code generator or runtime
// do not support. They are listed by `cornu check` and refused, with their line, by `cornu compile`.
#include "builtins.hpp"
#include "passes.hpp"

#include <regex>

namespace cornu::nmodl {

namespace {

// VERBATIM blocks that only say what the translator does anyway (`return 0;` in a SOLVEd
// PROCEDURE, `#include <math.h>`) carry no behaviour and are accepted.
bool trivial_verbatim(const std::string& text) {
    static const std::regex comments(R"(/\*[\s\S]*?\*/|//[^\n]*)");
    static const std::regex harmless(R"(^\s*(return\s*(0|0\.0)?\s*;|#\s*include\s*[<"][^>"]*[>"])\s*$)");
    std::string stripped = std::regex_replace(text, comments, " ");
    std::size_t begin = 0;
    while (begin <= stripped.size()) {
        std::size_t end = stripped.find('\n', begin);
        if (end == std::string::npos) end = stripped.size();
        std::string line = stripped.substr(begin, end - begin);
        if (line.find_first_not_of(" \t\r") != std::string::npos && !std::regex_match(line, harmless))
            return false;
        begin = end + 1;
    }
    return true;
}

std::string first_line(const std::string& text) {
    std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return {};
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.size() > 60) line = line.substr(0, 57) + "...";
    return line;
}

class SupportFinder {
public:
    explicit SupportFinder(MechanismInfo& info) : info_(info) {}

    void run(const Module& module) {
        for (const ItemPtr& item : module.items) top(*item);
        for (const Variable& v : info_.variables) {
            if (v.storage == Storage::pointer)
                add(v.loc, "POINTER", "'" + v.name + "' points at another object's variable; cornu has no pointers");
            if (v.origin == VariableOrigin::undeclared && v.storage == Storage::global)
                add(v.loc, "EXTERNAL", "'" + v.name + "' refers to a variable of another mechanism");
        }
        for (const SolveInfo& s : info_.solves) solve(s);
    }

private:
    void add(SourceLocation loc, std::string construct, std::string detail) {
        info_.unsupported.push_back({loc, std::move(construct), std::move(detail)});
    }

    void top(const Item& item) {
        switch (item.kind) {
            case ItemKind::verbatim: verbatim(as<VerbatimItem>(item).text, item.loc); return;
            case ItemKind::var_block:
                if (as<VarBlockItem>(item).block == VarBlockKind::dependent)
                    add(item.loc, "DEPENDENT", "a SCoP block; declare the variables in ASSIGNED or STATE");
                return;
            case ItemKind::independent:
                for (const auto& d : as<IndependentItem>(item).decls)
                    if (d.ident.name != "t" || d.sweep)
                        add(d.ident.loc, "INDEPENDENT", "only time 't' can be the independent variable");
                return;
            case ItemKind::proc: proc(as<ProcItem>(item)); return;
            default: return;
        }
    }

    void proc(const ProcItem& p) {
        block_kind_ = p.proc;
        switch (p.proc) {
            case ProcKind::linear: add(p.loc, "LINEAR", "linear algebraic systems are not compiled yet"); break;
            case ProcKind::nonlinear: add(p.loc, "NONLINEAR", "nonlinear algebraic systems are not compiled yet"); break;
            case ProcKind::discrete: add(p.loc, "DISCRETE", "a SCoP block without a NEURON meaning"); break;
            case ProcKind::constructor:
            case ProcKind::destructor:
                if (!only_trivial_verbatim(*p.body))
                    add(p.loc, to_string(p.proc), "runs code when an object is created or destroyed");
                return;
            case ProcKind::before_breakpoint: case ProcKind::before_solve: case ProcKind::before_initial:
            case ProcKind::before_step: case ProcKind::after_breakpoint: case ProcKind::after_solve:
            case ProcKind::after_initial: case ProcKind::after_step:
                add(p.loc, to_string(p.proc), "BEFORE/AFTER blocks are not run by cornu yet");
                break;
            default: break;
        }
        if (p.body) block(*p.body);
    }

    bool only_trivial_verbatim(const Block& b) {
        for (const StmtPtr& s : b.statements) {
            auto* v = dyn<VerbatimStmt>(s.get());
            if (!v || !trivial_verbatim(v->text)) return false;
        }
        return true;
    }

    void verbatim(const std::string& text, SourceLocation loc) {
        if (!trivial_verbatim(text))
            add(loc, "VERBATIM", "C code (\"" + first_line(text) + "\"); cornu never runs C from a .mod file");
    }

    void block(const Block& b) {
        for (const StmtPtr& s : b.statements) stmt(*s);
    }

    void stmt(const Stmt& s) {
        switch (s.kind) {
            case StmtKind::block: block(as<Block>(s)); return;
            case StmtKind::verbatim: verbatim(as<VerbatimStmt>(s).text, s.loc); return;
            case StmtKind::assign:
                expr(*as<AssignStmt>(s).target);
                expr(*as<AssignStmt>(s).value);
                return;
            case StmtKind::call: expr(*as<CallStmt>(s).call); return;
            case StmtKind::if_: {
                auto& i = as<IfStmt>(s);
                expr(*i.condition);
                block(*i.then_block);
                if (i.else_branch) stmt(*i.else_branch);
                return;
            }
            case StmtKind::while_: block(*as<WhileStmt>(s).body); return;
            case StmtKind::from: block(*as<FromStmt>(s).body); return;
            case StmtKind::for_netcons: block(*as<ForNetconsStmt>(s).body); return;
            case StmtKind::net_initial: block(*as<NetInitialStmt>(s).body); return;
            case StmtKind::lag: add(s.loc, "LAG", "delayed variables are not supported"); return;
            case StmtKind::compartment:
                if (as<CompartmentStmt>(s).longitudinal)
                    add(s.loc, "LONGITUDINAL_DIFFUSION", "diffusion along the cable is not supported");
                return;
            case StmtKind::equation: add(s.loc, "equation '~ a = b'", "only LINEAR/NONLINEAR blocks use equations"); return;
            default: return;
        }
    }

    void expr(const Expr& e) {
        switch (e.kind) {
            case ExprKind::call: {
                auto& c = as<CallExpr>(e);
                const BuiltinFunction* b = find_builtin_function(c.callee);
                if (b && b->support == BuiltinSupport::unsupported)
                    add(c.loc, c.callee + "()", "a SCoP/NEURON library function cornu does not provide");
                else if (!b && !info_.find_callable(c.callee))
                    add(c.loc, c.callee + "()", "not defined in NMODL (C code in VERBATIM?)");
                for (const ExprPtr& a : c.args) expr(*a);
                return;
            }
            case ExprKind::name:
                if (as<NameExpr>(e).primes > 0 && block_kind_ != ProcKind::derivative)
                    add(e.loc, "derivative outside DERIVATIVE",
                        "NEURON's Dx variables (x' outside a DERIVATIVE block) are not supported");
                if (as<NameExpr>(e).history)
                    add(e.loc, "DISCRETE history", "values of earlier DISCRETE steps (a@1) are not supported");
                return;
            case ExprKind::unary: expr(*as<UnaryExpr>(e).operand); return;
            case ExprKind::binary:
                expr(*as<BinaryExpr>(e).lhs);
                expr(*as<BinaryExpr>(e).rhs);
                return;
            default: return;
        }
    }

    void solve(const SolveInfo& s) {
        if (!s.target) return;
        const std::string& m = s.method;
        SourceLocation loc = s.stmt->loc;
        if (s.target->proc == ProcKind::derivative) {
            if (s.steadystate) add(loc, "STEADYSTATE derivimplicit", "broken in NEURON 8.2 itself; use a KINETIC block with STEADYSTATE sparse");
            else if (m.empty()) add(loc, "SOLVE without METHOD", "NEURON then uses the runge method; write METHOD cnexp, derivimplicit or euler");
            else if (m != "cnexp" && m != "derivimplicit" && m != "euler")
                add(loc, "METHOD " + m, "cornu solves DERIVATIVE blocks with cnexp, derivimplicit or euler");
        } else if (s.target->proc == ProcKind::kinetic) {
            if (m != "sparse")
                add(loc, m.empty() ? "KINETIC without METHOD" : (s.steadystate ? "STEADYSTATE " : "METHOD ") + m,
                    "cornu solves KINETIC blocks with METHOD sparse (STEADYSTATE sparse in INITIAL)");
        } else if (s.target->proc == ProcKind::procedure) {
            if (!m.empty() && m != "after_cvode")
                add(loc, "METHOD " + m, "a SOLVEd PROCEDURE is called once per step; CVODE variants are not supported");
        }
        if (s.stmt->if_error) add(loc, "IFERROR", "solver errors always stop the simulation");
    }

    MechanismInfo& info_;
    ProcKind block_kind_ = ProcKind::initial;  // the block being walked
};

}  // namespace

void find_unsupported(const Module& module, MechanismInfo& info) { SupportFinder(info).run(module); }

}  // namespace cornu::nmodl

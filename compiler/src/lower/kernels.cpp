// Rearranges a mechanism's blocks into kernels and lowers SOLVE statements (NEURON 8.2's
// generated nrn_init, nrn_cur, nrn_state and net_receive are the reference).
#include "cornu/compiler/kernels.hpp"

#include "../solve/diffeq.hpp"
#include "cornu/compiler/ast_printer.hpp"

#include <ostream>
#include <set>

namespace cornu {

using namespace nmodl;

const ImplicitSystem* KernelCode::system(const std::string& block_name) const {
    for (const ImplicitSystem& s : systems)
        if (s.block && s.block->name.name == block_name) return &s;
    return nullptr;
}

namespace {

// The states whose derivatives a block assigns, in the order of the equations.
void derivative_states(const Block& b, const MechanismInfo& info, std::vector<StateRef>& out) {
    for (const StmtPtr& s : b.statements) {
        if (auto* a = dyn<AssignStmt>(s.get()); a && a->target->primes > 0) {
            const Variable* v = info.find(a->target->name);
            int element = 0;
            if (a->target->index)
                if (auto* n = dyn<NumberExpr>(a->target->index.get())) element = static_cast<int>(n->value);
            bool seen = false;
            for (const StateRef& r : out) seen = seen || (r.name == a->target->name && r.element == element);
            if (!seen) out.push_back({a->target->name, element, v ? v->array_size : 0});
        } else if (auto* block = dyn<Block>(s.get())) {
            derivative_states(*block, info, out);
        } else if (auto* i = dyn<IfStmt>(s.get())) {
            derivative_states(*i->then_block, info, out);
            if (auto* eb = dyn<Block>(i->else_branch.get())) derivative_states(*eb, info, out);
        }
    }
}

// The states a KINETIC block solves for: the STATEs appearing in its reactions and CONSERVEs,
// in order of first appearance. An array state enters with all its elements, contiguously, so
// that a computed index (ca[i] in a FROM loop) addresses them by offset.
void kinetic_states(const Block& b, const MechanismInfo& info, std::vector<StateRef>& out) {
    auto add = [&](const NameExpr& n) {
        const Variable* v = info.find(n.name);
        if (!v || v->origin != VariableOrigin::state) return;
        for (const StateRef& r : out)
            if (r.name == n.name) return;
        int count = v->array_size ? v->array_size : 1;
        for (int e = 0; e < count; ++e) out.push_back({n.name, e, v->array_size});
    };
    for (const StmtPtr& s : b.statements) {
        if (auto* r = dyn<ReactionStmt>(s.get())) {
            for (const auto& t : r->reactants) add(*t.species);
            for (const auto& t : r->products) add(*t.species);
        } else if (auto* c = dyn<ConserveStmt>(s.get())) {
            for (const auto& t : c->terms) add(*t.species);
        } else if (auto* f = dyn<FromStmt>(s.get())) {
            kinetic_states(*f->body, info, out);
        } else if (auto* block = dyn<Block>(s.get())) {
            kinetic_states(*block, info, out);
        }
    }
}

// nocmodl calls a scheme linear unless a reaction has a product of states or a coefficient > 1.
// nocmodl's rule (kinetic.cpp, genmatterms): a scheme is nonlinear as soon as the derivative of
// a flux with respect to a state still contains a species, i.e. when a side that holds a state
// holds more than one species in all (counting stoichiometry, states or not: `B + cao` too).
bool kinetic_is_linear(const Block& b, const MechanismInfo& info) {
    auto linear_side = [&](const std::vector<ReactionTerm>& side) {
        int species = 0;
        bool has_state = false;
        for (const auto& t : side) {
            const Variable* v = info.find(t.species->name);
            has_state = has_state || (v && v->origin == VariableOrigin::state);
            species += t.coefficient;
        }
        return !has_state || species <= 1;
    };
    for (const StmtPtr& s : b.statements) {
        if (auto* r = dyn<ReactionStmt>(s.get())) {
            if (!linear_side(r->reactants) || !linear_side(r->products)) return false;
        } else if (auto* f = dyn<FromStmt>(s.get())) {
            if (!kinetic_is_linear(*f->body, info)) return false;
        } else if (auto* block = dyn<Block>(s.get())) {
            if (!kinetic_is_linear(*block, info)) return false;
        }
    }
    return true;
}

class Lowering {
public:
    Lowering(const MechanismInfo& info, DiagnosticEngine& diags) : info_(info), diags_(diags) {}

    KernelCode run() {
        code_.init = init();
        code_.current = std::make_unique<Block>();
        code_.state = std::make_unique<Block>();
        std::vector<StmtPtr> breakpoint_rest;
        for (const ProcItem* bp : info_.breakpoint_blocks) {
            for (const StmtPtr& s : bp->body->statements) {
                if (auto* solve = dyn<SolveStmt>(s.get())) lower_solve(*solve, *code_.state, true);
                else breakpoint_rest.push_back(s->clone());
            }
        }
        // NEURON runs the non-SOLVE part of BREAKPOINT in nrn_cur when the mechanism has currents,
        // and in nrn_state after the SOLVEs when it has none (e.g. `g = O` of a kinetic scheme).
        Block& target = info_.has_currents() ? *code_.current : *code_.state;
        for (StmtPtr& s : breakpoint_rest) target.statements.push_back(std::move(s));
        if (info_.net_receive) net_receive();
        return std::move(code_);
    }

private:
    BlockPtr init() {
        auto block = std::make_unique<Block>();
        // States start at <state>0, except concentrations taken from the ion (§C1.6). nocmodl
        // makes <state>0 a hidden static equal to 0 unless the file declares a variable of that
        // name (cabpump.mod's PARAMETER pump0), which is then used.
        for (const Variable& v : info_.variables) {
            if (v.origin != VariableOrigin::state || v.ion) continue;
            const Variable* start = info_.find(v.name + "0");
            bool declared_start = start && start->array_size == 0;
            int count = v.array_size ? v.array_size : 1;
            for (int e = 0; e < count; ++e) {
                auto assign = std::make_unique<AssignStmt>(v.loc);
                assign->target = std::make_unique<NameExpr>(v.name, v.loc);
                if (v.array_size) assign->target->index = std::make_unique<NumberExpr>(e, std::to_string(e), v.loc);
                if (declared_start) assign->value = std::make_unique<NameExpr>(start->name, v.loc);
                else assign->value = std::make_unique<NumberExpr>(0.0, "0", v.loc);
                block->statements.push_back(std::move(assign));
            }
        }
        for (const ProcItem* p : info_.initial_blocks)
            for (const StmtPtr& s : p->body->statements) block->statements.push_back(init_statement(*s));
        return block;
    }

    // SOLVEs in INITIAL (STEADYSTATE) are kept for the code generator; cnexp/euler SOLVEs there
    // are lowered like in BREAKPOINT.
    StmtPtr init_statement(const Stmt& s) {
        auto* solve = dyn<SolveStmt>(&s);
        if (!solve || solve->steadystate) {
            if (solve) register_system(*solve);
            return s.clone();
        }
        auto block = std::make_unique<Block>(s.loc);
        lower_solve(*solve, *block);
        return block;
    }

    void lower_solve(const SolveStmt& solve, Block& out, bool in_state = false) {
        const SolveInfo* info = nullptr;
        for (const SolveInfo& si : info_.solves)
            if (si.stmt == &solve) info = &si;
        if (!info || !info->target) return;
        const ProcItem& target = *info->target;
        switch (target.proc) {
            case ProcKind::procedure: {
                auto call = std::make_unique<CallStmt>(solve.loc);
                call->call = std::make_unique<CallExpr>(target.name.name, solve.loc);
                out.statements.push_back(std::move(call));
                return;
            }
            case ProcKind::derivative:
                if (info->method == "cnexp" && lower_cnexp(target, out)) return;
                if (info->method == "euler") {
                    lower_euler(target, out, in_state);
                    return;
                }
                break;
            default: break;
        }
        if (in_state) code_.state_halves_dt = true;
        register_system(solve);
        out.statements.push_back(solve.clone());
    }

    void register_system(const SolveStmt& solve) {
        const ProcItem* block = info_.find_block(solve.block.name);
        if (!block || code_.system(block->name.name)) return;
        ImplicitSystem system;
        system.block = block;
        if (block->proc == ProcKind::kinetic) {
            system.method = ImplicitSystem::Method::sparse;
            kinetic_states(*block->body, info_, system.states);
            system.linear = kinetic_is_linear(*block->body, info_);
        } else {
            system.method = ImplicitSystem::Method::derivimplicit;
            derivative_states(*block->body, info_, system.states);
        }
        code_.systems.push_back(std::move(system));
    }

    // cnexp: each `x' = f` becomes nocmodl's exact-exponential update, in place and in order.
    bool lower_cnexp(const ProcItem& derivative, Block& out) {
        bool ok = true;
        BlockPtr body = cnexp_block(*derivative.body, ok);
        if (!ok) {
            std::string note = "DERIVATIVE " + derivative.name.name +
                               " is not linear in its states as cnexp needs; it is solved with derivimplicit, as NEURON does";
            diags_.warning(derivative.loc, note, "write the equations as x' = (xinf - x)/tau, or use METHOD derivimplicit");
            code_.notes.push_back(note);
            return false;
        }
        out.statements.push_back(std::move(body));
        return true;
    }

    BlockPtr cnexp_block(const Block& in, bool& ok) {
        auto out = std::make_unique<Block>(in.loc);
        for (const StmtPtr& s : in.statements) {
            if (auto* a = dyn<AssignStmt>(s.get()); a && a->target->primes > 0) {
                std::optional<CnexpUpdate> update = cnexp_update(*a->target, *a->value);
                if (!update) {
                    ok = false;
                    return out;
                }
                auto assign = std::make_unique<AssignStmt>(a->loc);
                assign->target = a->target->clone_name();
                assign->target->primes = 0;
                assign->value = std::move(update->value);
                out->statements.push_back(std::move(assign));
            } else if (auto* b = dyn<Block>(s.get())) {
                out->statements.push_back(cnexp_block(*b, ok));
            } else if (auto* i = dyn<IfStmt>(s.get())) {
                auto copy = std::make_unique<IfStmt>(i->loc);
                copy->condition = i->condition->clone();
                copy->then_block = cnexp_block(*i->then_block, ok);
                if (auto* eb = dyn<Block>(i->else_branch.get())) copy->else_branch = cnexp_block(*eb, ok);
                else if (i->else_branch) copy->else_branch = i->else_branch->clone();
                out->statements.push_back(std::move(copy));
            } else {
                out->statements.push_back(s->clone());
            }
        }
        return out;
    }

    // euler: every derivative is evaluated first, then every state steps by dt*derivative; in
    // the state kernel with secondorder > 0 (dt halved), a second dt*derivative follows.
    void lower_euler(const ProcItem& derivative, Block& out, bool in_state) {
        std::vector<StateRef> states;
        derivative_states(*derivative.body, info_, states);
        auto block = std::make_unique<Block>(derivative.loc);
        auto locals = std::make_unique<LocalStmt>(derivative.loc);
        for (const StateRef& s : states) locals->vars.push_back({{derivative_local(s), derivative.loc}, {}});
        block->statements.push_back(std::move(locals));
        BlockPtr body = euler_body(*derivative.body);
        block->statements.push_back(std::move(body));
        for (const StateRef& s : states) {
            auto step = std::make_unique<AssignStmt>(derivative.loc);
            step->target = state_ref(s, derivative.loc);
            ExprPtr increment = std::make_unique<BinaryExpr>(
                BinaryOp::mul, std::make_unique<NameExpr>("dt", derivative.loc),
                std::make_unique<NameExpr>(derivative_local(s), derivative.loc), derivative.loc);
            step->value = std::make_unique<BinaryExpr>(BinaryOp::add, state_ref(s, derivative.loc), std::move(increment),
                                                       derivative.loc);
            block->statements.push_back(std::move(step));
        }
        if (in_state) {
            code_.state_halves_dt = true;
            auto again = std::make_unique<IfStmt>(derivative.loc);
            again->condition = std::make_unique<NameExpr>(secondorder_name, derivative.loc);
            again->then_block = std::make_unique<Block>(derivative.loc);
            for (const StateRef& s : states) {
                auto step = std::make_unique<AssignStmt>(derivative.loc);
                step->target = state_ref(s, derivative.loc);
                step->value = std::make_unique<BinaryExpr>(
                    BinaryOp::add, state_ref(s, derivative.loc),
                    std::make_unique<BinaryExpr>(BinaryOp::mul, std::make_unique<NameExpr>("dt", derivative.loc),
                                                 std::make_unique<NameExpr>(derivative_local(s), derivative.loc),
                                                 derivative.loc),
                    derivative.loc);
                again->then_block->statements.push_back(std::move(step));
            }
            block->statements.push_back(std::move(again));
        }
        out.statements.push_back(std::move(block));
    }

    static std::string derivative_local(const StateRef& s) {
        std::string name = "D";
        name += s.name;
        if (s.array_size) {
            name += '_';
            name += std::to_string(s.element);
        }
        name += '_';
        return name;
    }

    static std::unique_ptr<NameExpr> state_ref(const StateRef& s, SourceLocation loc) {
        auto n = std::make_unique<NameExpr>(s.name, loc);
        if (s.array_size) n->index = std::make_unique<NumberExpr>(s.element, std::to_string(s.element), loc);
        return n;
    }

    BlockPtr euler_body(const Block& in) {
        auto out = std::make_unique<Block>(in.loc);
        for (const StmtPtr& s : in.statements) {
            auto* a = dyn<AssignStmt>(s.get());
            if (!a || a->target->primes == 0) {
                out->statements.push_back(s->clone());
                continue;
            }
            int element = 0;
            if (a->target->index)
                if (auto* n = dyn<NumberExpr>(a->target->index.get())) element = static_cast<int>(n->value);
            const Variable* v = info_.find(a->target->name);
            StateRef ref{a->target->name, element, v ? v->array_size : 0};
            auto assign = std::make_unique<AssignStmt>(a->loc);
            assign->target = std::make_unique<NameExpr>(derivative_local(ref), a->loc);
            assign->value = a->value->clone();
            out->statements.push_back(std::move(assign));
        }
        return out;
    }

    void net_receive() {
        code_.net_receive = std::make_unique<Block>(info_.net_receive->loc);
        for (const StmtPtr& s : info_.net_receive->body->statements) {
            if (auto* init = dyn<NetInitialStmt>(s.get())) code_.net_initial = init->body->clone_block();
            else code_.net_receive->statements.push_back(s->clone());
        }
    }

    const MechanismInfo& info_;
    DiagnosticEngine& diags_;
    KernelCode code_;
};

void print_block(std::ostream& out, const char* title, const Block* block) {
    if (!block) return;
    out << title << " ";
    print_nmodl(out, *block, 0);
}

}  // namespace

KernelCode lower_kernels(const MechanismInfo& info, DiagnosticEngine& diags) {
    return Lowering(info, diags).run();
}

void print_kernels(std::ostream& out, const KernelCode& code) {
    print_block(out, "KERNEL init", code.init.get());
    print_block(out, "KERNEL current", code.current.get());
    print_block(out, "KERNEL state", code.state.get());
    print_block(out, "KERNEL net_receive", code.net_receive.get());
    print_block(out, "KERNEL net_initial", code.net_initial.get());
    for (const ImplicitSystem& s : code.systems) {
        out << "SYSTEM " << s.block->name.name << " ("
            << (s.method == ImplicitSystem::Method::sparse ? "sparse" : "derivimplicit") << ")";
        if (s.method == ImplicitSystem::Method::sparse) out << (s.linear ? " linear" : " nonlinear");
        out << " states:";
        for (const StateRef& r : s.states) {
            out << ' ' << r.name;
            if (r.array_size) out << '[' << r.element << ']';
        }
        out << '\n';
    }
    for (const std::string& n : code.notes) out << "NOTE " << n << '\n';
}

}  // namespace cornu

// Pass 2 of semantic analysis: the code in every block.
#include "builtins.hpp"
#include "cornu/compiler/ast_printer.hpp"
#include "passes.hpp"

#include <algorithm>
#include <map>

namespace cornu::nmodl {

namespace {

struct LocalName {
    int array_size = 0;
    SourceLocation loc;
};

bool is_kinetic_like(ProcKind k) { return k == ProcKind::kinetic; }
bool is_equation_block(ProcKind k) { return k == ProcKind::linear || k == ProcKind::nonlinear; }

class CodeChecker {
public:
    CodeChecker(const Module& module, MechanismInfo& info, DiagnosticEngine& diags)
        : module_(module), info_(info), diags_(diags) {}

    void run() {
        for (const ProcItem* p : info_.blocks) proc(*p);
        unit_factors_assigned();
    }

private:
    // ---- blocks and scopes ----

    void proc(const ProcItem& p) {
        proc_ = &p;
        scopes_.clear();
        scopes_.emplace_back();
        table_ = nullptr;
        net_initial_seen_ = false;
        derivatives_ = reactions_ = equations_ = 0;
        state_array_warned_ = false;
        for (const Arg& a : p.args) declare_local(a.ident, 0, "argument");
        if (p.proc == ProcKind::function) scopes_.back()[p.name.name] = LocalName{0, p.name.loc};
        if (p.proc == ProcKind::net_receive) {
            if (p.args.empty())
                diags_.error(p.loc, "NET_RECEIVE needs at least one argument (the connection weight)",
                             "write NET_RECEIVE(weight) { ... }");
            if (info_.kind == MechanismKind::density)
                diags_.error(p.loc, "NET_RECEIVE is only allowed in a POINT_PROCESS or ARTIFICIAL_CELL",
                             "declare the mechanism with POINT_PROCESS name in the NEURON block");
            scopes_.back()["flag"] = LocalName{};
        }
        for (const Ident& s : p.solve_for) {
            const Variable* v = info_.find(s.name);
            if (!v || v->origin != VariableOrigin::state)
                diags_.error(s.loc, "SOLVEFOR names '" + s.name + "', which is not a STATE", "list only STATE names");
        }
        if (p.body) block(*p.body, /*new_scope=*/false);
        required_content(p);
        proc_ = nullptr;
    }

    // nocmodl refuses these blocks when they contain nothing to solve, SOLVEd or not.
    void required_content(const ProcItem& p) {
        const std::string name = "'" + p.name.name + "'";
        switch (p.proc) {
            case ProcKind::derivative:
                if (derivatives_ == 0)
                    diags_.error(p.name.loc, "DERIVATIVE block " + name + " has no derivative equations",
                                 "give the derivative of each STATE it integrates, e.g. m' = (minf - m)/mtau");
                return;
            case ProcKind::kinetic:
                if (reactions_ == 0)
                    diags_.error(p.name.loc, "KINETIC block " + name + " has no reactions",
                                 "write the scheme's reactions, e.g. ~ C <-> O (kf, kb), or ~ ca << (flux)");
                return;
            case ProcKind::linear:
            case ProcKind::nonlinear:
                if (equations_ == 0)
                    diags_.error(p.name.loc, std::string(to_string(p.proc)) + " block " + name + " has no equations",
                                 "write its equations as ~ lhs = rhs, one per STATE it solves for");
                return;
            default: return;
        }
    }

    void block(const Block& b, bool new_scope = true) {
        if (new_scope) scopes_.emplace_back();
        bool seen_statement = false, seen_local = false;
        for (const StmtPtr& s : b.statements) {
            if (auto* local = dyn<LocalStmt>(s.get())) {
                // nocmodl takes one LOCAL statement, first in its block; cornu accepts any.
                if (seen_statement)
                    diags_.warning(local->loc, "LOCAL after other statements",
                                   "NEURON only accepts LOCAL at the start of a block; move it up");
                else if (seen_local)
                    diags_.warning(local->loc, "second LOCAL statement in this block",
                                   "NEURON accepts one LOCAL statement per block; list all names in it: LOCAL a, b");
                seen_local = true;
            } else if (!is<UnitsToggleStmt>(*s) && !is<VerbatimStmt>(*s)) {
                seen_statement = true;
            }
            stmt(*s);
        }
        if (new_scope) scopes_.pop_back();
    }

    void declare_local(const Ident& ident, int size, const char* what) {
        auto& scope = scopes_.back();
        if (scope.count(ident.name)) {
            diags_.error(ident.loc, std::string(what) + " '" + ident.name + "' is declared twice in the same block",
                         "rename one of them");
            return;
        }
        if (!ident.name.empty() && ident.name[0] == '_')
            diags_.error(ident.loc, "name '" + ident.name + "' begins with '_'",
                         "names beginning with '_' are reserved for the translator; rename it");
        else if (find_integration_method(ident.name))
            diags_.error(ident.loc, "'" + ident.name + "' is the name of an integration method",
                         "NMODL reserves the METHOD names; rename it");
        scope[ident.name] = LocalName{size, ident.loc};
    }

    const LocalName* find_local(const std::string& name) const {
        for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
            auto found = it->find(name);
            if (found != it->end()) return &found->second;
        }
        return nullptr;
    }

    ProcKind kind() const { return proc_ ? proc_->proc : ProcKind::initial; }

    // ---- statements ----

    void stmt(const Stmt& s) {
        switch (s.kind) {
            case StmtKind::block: block(as<Block>(s)); return;
            case StmtKind::local:
                for (const LocalVar& v : as<LocalStmt>(s).vars) {
                    int size = 0;
                    if (v.size.is_array()) {
                        size = static_cast<int>(v.size.value);
                        if (!v.size.define_name.empty()) {
                            const Variable* d = info_.find(v.size.define_name);
                            if (!d || d->origin != VariableOrigin::define || !d->value)
                                diags_.error(v.size.loc, "array size '" + v.size.define_name + "' is not a DEFINEd name",
                                             "write the size as an integer, or DEFINE " + v.size.define_name +
                                             " <integer> before this line");
                            else
                                size = static_cast<int>(*d->value);
                        }
                    }
                    declare_local(v.ident, size, "LOCAL");
                }
                return;
            case StmtKind::assign: assign(as<AssignStmt>(s)); return;
            case StmtKind::call: call(*as<CallStmt>(s).call); return;
            case StmtKind::if_: {
                auto& i = as<IfStmt>(s);
                expr(*i.condition);
                block(*i.then_block);
                if (i.else_branch) stmt(*i.else_branch);
                return;
            }
            case StmtKind::while_: {
                auto& w = as<WhileStmt>(s);
                expr(*w.condition);
                block(*w.body);
                return;
            }
            case StmtKind::from: {
                auto& f = as<FromStmt>(s);
                for (const Expr* bound : {f.from.get(), f.to.get(), f.by.get()}) {
                    if (!bound) continue;
                    integer_expr(*bound, "a FROM loop bound");
                    expr(*bound);
                }
                scopes_.emplace_back();
                scopes_.back()[f.var.name] = LocalName{0, f.var.loc};
                block(*f.body);
                scopes_.pop_back();
                return;
            }
            case StmtKind::solve: solve(as<SolveStmt>(s)); return;
            case StmtKind::table: table(as<TableStmt>(s)); return;
            case StmtKind::reaction: reaction(as<ReactionStmt>(s)); return;
            case StmtKind::equation: {
                auto& e = as<EquationStmt>(s);
                if (!is_equation_block(kind()) && kind() != ProcKind::derivative)
                    diags_.error(s.loc, "an equation '~ a = b' is only allowed in LINEAR and NONLINEAR blocks",
                                 "use an assignment 'a = b' here");
                ++equations_;
                expr(*e.lhs);
                expr(*e.rhs);
                return;
            }
            case StmtKind::conserve: {
                auto& c = as<ConserveStmt>(s);
                require_kinetic(s, "CONSERVE");
                for (const ReactionTerm& t : c.terms) species(*t.species, "CONSERVE");
                expr(*c.total);
                return;
            }
            case StmtKind::compartment: compartment(as<CompartmentStmt>(s)); return;
            case StmtKind::watch: watch(as<WatchStmt>(s)); return;
            case StmtKind::for_netcons: for_netcons(as<ForNetconsStmt>(s)); return;
            case StmtKind::net_initial: net_initial(as<NetInitialStmt>(s)); return;
            case StmtKind::lag: lag(as<LagStmt>(s)); return;
            case StmtKind::conductance: {
                auto& c = as<ConductanceStmt>(s);
                if (kind() != ProcKind::breakpoint)
                    diags_.error(s.loc, "CONDUCTANCE is only allowed in the BREAKPOINT block",
                                 "move the hint into BREAKPOINT, next to the current it describes");
                if (!info_.find(c.name.name)) undefined_name(c.name.name, c.name.loc);
                return;
            }
            case StmtKind::verbatim:
                info_.has_verbatim = true;
                return;
            case StmtKind::mutex:
            case StmtKind::units_toggle: return;
        }
    }

    void assign(const AssignStmt& a) {
        const NameExpr& target = *a.target;
        if (target.index) expr(*target.index);
        if (target.primes > 0) {
            ++derivatives_;
            derivative(target, /*write=*/true);
        } else {
            resolve(target, /*write=*/true);
        }
        expr(*a.value);
    }

    void derivative(const NameExpr& n, bool write) {
        Variable* v = info_.find(n.name);
        if (!v || v->origin != VariableOrigin::state) {
            diags_.error(n.loc, "'" + n.name + "' must be declared as a STATE to have a derivative " + n.name + "'",
                         "add " + n.name + " to the STATE block");
            return;
        }
        if (kind() != ProcKind::derivative) {
            // nocmodl gives each STATE x a variable Dx that any block may use; only a DERIVATIVE
            // block makes it the rate of x.
            diags_.warning(n.loc, "derivative " + n.name + "' outside a DERIVATIVE block is only a variable",
                           "it does not integrate " + n.name + "; assign derivatives in a DERIVATIVE block "
                           "that BREAKPOINT SOLVEs");
            check_index(n, v->array_size);
            return;
        }
        if (n.primes > 1)
            diags_.error(n.loc, "higher derivatives (" + n.name + std::string(n.primes, '\'') +
                         ") are not supported", "write the system as first-order equations");
        check_index(n, v->array_size);
        if (v->array_size > 0 && !state_array_warned_) {
            state_array_warned_ = true;
            diags_.warning(n.loc, "NEURON cannot translate derivatives of STATE arrays such as " + n.name + "'[i]",
                           "cornu accepts it; for NEURON, write these equations as a KINETIC scheme");
        }
        if (write) v->assigned_in_code = true;
    }

    void solve(const SolveStmt& s) {
        ProcKind where = kind();
        if (where != ProcKind::breakpoint && where != ProcKind::initial && where != ProcKind::function &&
            where != ProcKind::procedure) {
            diags_.error(s.loc, std::string("SOLVE is not allowed in a ") + to_string(where) + " block",
                         "SOLVE belongs in BREAKPOINT (or INITIAL for STEADYSTATE)");
            return;
        }
        SolveInfo info;
        info.stmt = &s;
        info.method = s.method.name;
        info.steadystate = s.steadystate;
        info.in_block = where;
        const ProcItem* target = info_.find_block(s.block.name);
        if (!target) {
            if (const Callable* c = info_.find_callable(s.block.name); c && c->kind == CallableKind::procedure)
                target = c->item;
        }
        if (!target) {
            std::string hint = "SOLVE names a DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block";
            if (auto suggestion = closest_block(s.block.name)) hint = "did you mean '" + *suggestion + "'?";
            diags_.error(s.block.loc, "SOLVE names '" + s.block.name + "', which is not a block of this file", hint);
            return;
        }
        info.target = target;
        check_method(s, *target);
        if (s.if_error) block(*s.if_error);
        info_.solves.push_back(info);
    }

    // Which method solves which kind of block follows nocmodl's methods table (builtins.cpp).
    void check_method(const SolveStmt& s, const ProcItem& target) {
        if (target.proc == ProcKind::procedure && !target.args.empty())
            diags_.error(s.block.loc, "SOLVE of PROCEDURE " + target.name.name + " which takes arguments",
                         "a SOLVEd procedure takes no arguments");
        const std::string& m = s.method.name;
        if (m.empty()) return;  // nocmodl picks the block's default method
        const IntegrationMethod* method = find_integration_method(m);
        if (!method) {
            unknown_method(s);
            return;
        }
        bool fits = method->any_block;
        switch (target.proc) {
            case ProcKind::derivative: fits = fits || method->derivative; break;
            case ProcKind::kinetic: fits = fits || method->kinetic; break;
            case ProcKind::linear: fits = fits || method->linear; break;
            case ProcKind::nonlinear: fits = fits || method->nonlinear; break;
            default: break;
        }
        if (s.steadystate && m == "cnexp") fits = false;  // cnexp has no steady-state form
        if (fits) return;
        diags_.error(s.method.loc, std::string(s.steadystate ? "STEADYSTATE " : "METHOD ") + m +
                     " cannot solve a " + to_string(target.proc) + " block",
                     method_hint(target.proc, s.steadystate));
    }

    static std::string method_hint(ProcKind block, bool steadystate) {
        switch (block) {
            case ProcKind::derivative:
                return steadystate ? "use STEADYSTATE derivimplicit (or make the block KINETIC)"
                                   : "use METHOD cnexp, derivimplicit or euler; sparse solves KINETIC blocks";
            case ProcKind::kinetic:
                return steadystate ? "use STEADYSTATE sparse" : "a KINETIC block is solved with METHOD sparse";
            case ProcKind::procedure:
                return "SOLVE a PROCEDURE without METHOD (it is then called once per time step)";
            default:
                return std::string("SOLVE a ") + to_string(block) + " block without METHOD";
        }
    }

    void unknown_method(const SolveStmt& s) {
        diags_.error(s.method.loc, "unknown METHOD '" + s.method.name + "'",
                     "NEURON's methods are cnexp, derivimplicit and euler (DERIVATIVE) and sparse (KINETIC)");
    }

    void table(const TableStmt& t) {
        if (kind() != ProcKind::function && kind() != ProcKind::procedure) {
            diags_.error(t.loc, "TABLE is only allowed in a FUNCTION or PROCEDURE",
                         "move it to the start of the FUNCTION or PROCEDURE whose results it tables");
            return;
        }
        if (table_) {
            diags_.error(t.loc, "only one TABLE per FUNCTION or PROCEDURE", "merge the two TABLE statements");
            return;
        }
        table_ = &t;
        if (proc_->args.size() != 1)
            diags_.error(t.loc, "a FUNCTION or PROCEDURE with a TABLE must have exactly one argument",
                         "the table is indexed by that argument; " + proc_->name.name + " has " +
                         std::to_string(proc_->args.size()));
        for (auto& c : info_.callables)
            if (c.item == proc_) c.table = &t;
        if (kind() == ProcKind::procedure && t.tabled.empty())
            diags_.error(t.loc, "a TABLE in a PROCEDURE must list the variables it tables",
                         "write TABLE name1, name2 ... FROM lo TO hi WITH n");
        for (const Ident& n : t.tabled) {
            const Variable* v = info_.find(n.name);
            if (!v) undefined_name(n.name, n.loc);
            else if (v->storage == Storage::constant)
                diags_.error(n.loc, "TABLE lists '" + n.name + "', which is a constant", "table assigned variables");
        }
        for (const Ident& n : t.depends)
            if (!info_.find(n.name) && !is_simulator_variable(n.name)) undefined_name(n.name, n.loc);
        if (t.with < 1 || t.with > 100000000)
            diags_.error(t.with_loc, "TABLE ... WITH " + std::to_string(t.with) + " is out of range",
                         "use between 1 and 100000000 intervals");
        expr(*t.from);
        expr(*t.to);
    }

    void require_kinetic(const Stmt& s, const char* what) {
        if (!is_kinetic_like(kind()))
            diags_.error(s.loc, std::string(what) + " is only allowed in a KINETIC block",
                         "put the scheme in a KINETIC block and SOLVE it with METHOD sparse");
    }

    void species(const NameExpr& n, const char* what) {
        if (n.primes > 0) {
            diags_.error(n.loc, std::string(what) + " takes state names, not derivatives",
                         "write the name without the prime: " + n.name);
            return;
        }
        resolve(n, /*write=*/false);
        if (n.index) expr(*n.index);
    }

    void reaction(const ReactionStmt& r) {
        require_kinetic(r, "a reaction '~'");
        ++reactions_;
        for (const ReactionTerm& t : r.reactants) species(*t.species, "a reaction");
        for (const ReactionTerm& t : r.products) species(*t.species, "a reaction");
        if (r.forward) expr(*r.forward);
        if (r.backward) expr(*r.backward);
    }

    void compartment(const CompartmentStmt& c) {
        require_kinetic(c, c.longitudinal ? "LONGITUDINAL_DIFFUSION" : "COMPARTMENT");
        scopes_.emplace_back();
        if (!c.index.name.empty()) scopes_.back()[c.index.name] = LocalName{0, c.index.loc};
        expr(*c.volume);
        scopes_.pop_back();
        for (const Ident& sp : c.species)
            if (!info_.find(sp.name)) undefined_name(sp.name, sp.loc);
    }

    // `LAG x BY d` declares lag_x_d, x as it was d ago: a file-level variable, as nocmodl makes it.
    void lag(const LagStmt& l) {
        const Variable* x = info_.find(l.var.name);
        const Variable* d = info_.find(l.by.name);
        if (!x) undefined_name(l.var.name, l.var.loc);
        else if (x->origin != VariableOrigin::state && x->origin != VariableOrigin::assigned)
            diags_.error(l.var.loc, "LAG needs a STATE or ASSIGNED variable, not '" + l.var.name + "'",
                         "LAG x BY d delays a STATE or ASSIGNED x by the PARAMETER or CONSTANT d");
        if (!d) undefined_name(l.by.name, l.by.loc);
        else if (d->origin != VariableOrigin::parameter && d->origin != VariableOrigin::constant)
            diags_.error(l.by.loc, "LAG ... BY needs a PARAMETER or CONSTANT, not '" + l.by.name + "'",
                         "declare the delay " + l.by.name + " in PARAMETER");
        if (!x || !d) return;
        Variable lagged;
        lagged.name = "lag_" + l.var.name + "_" + l.by.name;
        lagged.loc = l.loc;
        lagged.origin = VariableOrigin::top_local;
        lagged.storage = Storage::global;
        lagged.array_size = x->array_size;
        if (info_.find(lagged.name)) {
            diags_.error(l.loc, "'" + lagged.name + "', the variable this LAG makes, is already declared",
                         "rename the other " + lagged.name);
            return;
        }
        info_.variable_index[lagged.name] = info_.variables.size();
        info_.variables.push_back(std::move(lagged));
    }

    bool in_net_receive() const { return kind() == ProcKind::net_receive; }

    void watch(const WatchStmt& w) {
        info_.has_watch = true;
        if (!in_net_receive())
            diags_.error(w.loc, "WATCH is only allowed in a NET_RECEIVE block",
                         "arm watches from NET_RECEIVE, e.g. after net_send(0, 1) from INITIAL");
        for (const WatchClause& c : w.clauses) {
            expr(*c.lhs);
            expr(*c.rhs);
            if (c.flag < 0)
                diags_.error(c.loc, "WATCH flag " + c.flag_text + " is negative",
                             "NEURON's WATCH takes a flag >= 0, passed to NET_RECEIVE as 'flag'");
        }
    }

    void for_netcons(const ForNetconsStmt& f) {
        info_.has_for_netcons = true;
        if (!in_net_receive()) {
            diags_.error(f.loc, "FOR_NETCONS is only allowed in a NET_RECEIVE block",
                         "it loops over the NetCons that target this instance; move it into NET_RECEIVE");
        } else if (f.args.size() != proc_->args.size()) {
            diags_.error(f.loc, "FOR_NETCONS has " + count(f.args.size(), "argument") + " but NET_RECEIVE has " +
                         std::to_string(proc_->args.size()),
                         "FOR_NETCONS takes the same arguments as NET_RECEIVE (the connection's weight vector)");
        }
        scopes_.emplace_back();
        for (const Arg& a : f.args) declare_local(a.ident, 0, "argument");
        block(*f.body);
        scopes_.pop_back();
    }

    void net_initial(const NetInitialStmt& n) {
        if (!in_net_receive()) {
            diags_.error(n.loc, "INITIAL inside a block is only allowed in NET_RECEIVE",
                         "move it to the file level, or into NET_RECEIVE to initialise per connection");
        } else if (net_initial_seen_) {
            diags_.error(n.loc, "NET_RECEIVE has two INITIAL blocks", "merge them");
        }
        net_initial_seen_ = true;
        info_.has_net_initial = true;
        block(*n.body);
    }

    // ---- expressions ----

    void expr(const Expr& e) {
        switch (e.kind) {
            case ExprKind::number:
            case ExprKind::string: return;
            case ExprKind::name: {
                auto& n = as<NameExpr>(e);
                if (n.index) expr(*n.index);
                if (n.primes > 0) derivative(n, /*write=*/false);
                else resolve(n, /*write=*/false);
                return;
            }
            case ExprKind::unary: expr(*as<UnaryExpr>(e).operand); return;
            case ExprKind::binary:
                expr(*as<BinaryExpr>(e).lhs);
                expr(*as<BinaryExpr>(e).rhs);
                return;
            case ExprKind::call: call(as<CallExpr>(e)); return;
        }
    }

    void check_index(const NameExpr& n, int array_size) {
        if (array_size > 0 && !n.index)
            diags_.error(n.loc, "'" + n.name + "' is an array and needs an index", "write " + n.name + "[i]");
        else if (array_size == 0 && n.index)
            diags_.error(n.loc, "'" + n.name + "' is not an array", "remove the [index]");
        else if (n.index)
            integer_expr(*n.index, "an array index");
    }

    // nocmodl parses array indices and FROM bounds as integer expressions: names, integers, and
    // + - * / with parentheses. Anything else (a real, a call, unary minus, ^) is its syntax error.
    void integer_expr(const Expr& e, const char* what) {
        if (const Expr* bad = non_integer_part(e))
            diags_.error(bad->loc, std::string(what) + " must be an integer expression",
                         "use names, integers, + - * / and parentheses; compute anything else in a LOCAL first");
    }

    static const Expr* non_integer_part(const Expr& e) {
        switch (e.kind) {
            case ExprKind::number: {
                auto& n = as<NumberExpr>(e);
                bool integer = n.unit.empty() && n.text.find_first_not_of("0123456789") == std::string::npos;
                return integer ? nullptr : &e;
            }
            case ExprKind::name: {
                auto& n = as<NameExpr>(e);
                return n.index || n.primes > 0 ? &e : nullptr;
            }
            case ExprKind::binary: {
                auto& b = as<BinaryExpr>(e);
                if (b.op != BinaryOp::add && b.op != BinaryOp::sub && b.op != BinaryOp::mul && b.op != BinaryOp::div)
                    return &e;
                if (const Expr* bad = non_integer_part(*b.lhs)) return bad;
                return non_integer_part(*b.rhs);
            }
            default: return &e;
        }
    }

    static std::string count(std::size_t n, const std::string& noun) {
        return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
    }

    void resolve(const NameExpr& n, bool write) {
        if (n.history) history(n);
        if (const LocalName* local = find_local(n.name)) {
            check_index(n, local->array_size);
            return;
        }
        if (Variable* v = info_.find(n.name) ? info_.find(n.name) : state_start_value(info_, n.name)) {
            check_index(n, v->array_size);
            if (write) written(n, *v);
            else v->read_in_code = true;
            return;
        }
        if (is_simulator_variable(n.name)) {
            if (n.index) diags_.error(n.loc, "'" + n.name + "' is not an array", "remove the [index]");
            if (write) simulator_variable_written(n);
            return;
        }
        if ((n.name == "f_flux" || n.name == "b_flux") && kind() == ProcKind::kinetic && !write) return;
        if (info_.find_callable(n.name) || find_builtin_function(n.name)) {
            diags_.error(n.loc, "'" + n.name + "' is a function; call it with arguments: " + n.name + "(...)",
                         "a function's name is a variable only inside its own FUNCTION, where it holds the result");
            return;
        }
        undefined_name(n.name, n.loc);
    }

    // `a@1`, a DISCRETE block's look back: nocmodl keeps a history only for STATEs.
    void history(const NameExpr& n) {
        if (find_local(n.name) || !info_.find(n.name) || info_.find(n.name)->origin != VariableOrigin::state)
            diags_.error(n.loc, "'" + n.name + "' must be a STATE to be used as " + n.name + "@" +
                         std::to_string(*n.history), "only STATEs keep the values of earlier DISCRETE steps");
    }

    void written(const NameExpr& n, Variable& v) {
        switch (v.origin) {
            case VariableOrigin::define:
                diags_.error(n.loc, "cannot assign to '" + v.name + "', which is DEFINEd as " + v.value_text,
                             "a DEFINE is replaced by its integer everywhere; assign to a PARAMETER or ASSIGNED variable");
                return;
            case VariableOrigin::constant:
                // nocmodl makes a CONSTANT a C static, so NEURON accepts the assignment.
                diags_.warning(n.loc, "assigning to CONSTANT '" + v.name + "' changes it for all instances",
                               "declare it in PARAMETER or ASSIGNED instead");
                break;
            case VariableOrigin::unit_factor:
                diags_.warning(n.loc, "assigning to the UNITS constant '" + v.name + "' changes it for all instances",
                               "use a PARAMETER or ASSIGNED variable instead");
                break;
            default: break;
        }
        if (v.storage == Storage::builtin) {
            simulator_variable_written(n);
            return;
        }
        v.assigned_in_code = true;
    }

    void simulator_variable_written(const NameExpr& n) {
        if (n.name == "t" || n.name == "dt" || n.name == "celsius")
            diags_.warning(n.loc, "assigning to '" + n.name + "' changes the simulation's " + n.name,
                           "use a LOCAL variable instead");
        else if (n.name == "area" || n.name == "diam")
            diags_.warning(n.loc, "assigning to '" + n.name + "' changes the segment's " + n.name);
    }

    void call(const CallExpr& c) {
        for (const ExprPtr& a : c.args) expr(*a);
        if (const Callable* callee = info_.find_callable(c.callee)) {
            strings_only_for_printf(c);
            if (c.args.size() != callee->arity)
                diags_.error(c.loc, "'" + c.callee + "' takes " + std::to_string(callee->arity) + " argument" +
                             (callee->arity == 1 ? "" : "s") + ", not " + std::to_string(c.args.size()),
                             "it is defined at line " + std::to_string(callee->item->loc.line) + " as " +
                             signature(*callee->item));
            return;
        }
        if (const BuiltinFunction* b = find_builtin_function(c.callee)) {
            int n = static_cast<int>(c.args.size());
            if (n < b->min_args || (b->max_args >= 0 && n > b->max_args)) {
                std::string expected = b->min_args == b->max_args ? std::to_string(b->min_args)
                                       : b->max_args < 0 ? "at least " + std::to_string(b->min_args)
                                                         : std::to_string(b->min_args) + " to " + std::to_string(b->max_args);
                diags_.error(c.loc, "'" + c.callee + "' takes " + expected + " argument" +
                             (b->max_args == 1 && b->min_args == 1 ? "" : "s") + ", not " + std::to_string(n),
                             "write " + usage(*b));
            }
            strings_only_for_printf(c);
            event_call_context(c);
            return;
        }
        if (info_.has_verbatim) {
            diags_.warning(c.loc, "'" + c.callee + "' is not defined in NMODL (perhaps in VERBATIM C code)",
                           "cornu does not run C code from VERBATIM blocks");
            return;
        }
        std::string hint = "define it with FUNCTION " + c.callee + "(...) or PROCEDURE " + c.callee + "(...)";
        if (auto suggestion = closest_function(c.callee)) hint = "did you mean '" + *suggestion + "'?";
        diags_.error(c.loc, "unknown function '" + c.callee + "'", hint);
    }

    // A FUNCTION's or PROCEDURE's name and arguments as written: boltz(v, vh, k).
    static std::string signature(const ProcItem& p) {
        std::string out = p.name.name + "(";
        for (std::size_t i = 0; i < p.args.size(); ++i) out += (i ? ", " : "") + p.args[i].ident.name;
        return out + ")";
    }

    // How a built-in is called, for hints: pow(x1, x2), printf("format", ...).
    static std::string usage(const BuiltinFunction& b) {
        if (b.name == "printf") return "printf(\"format\", values...)";
        std::string out = std::string(b.name) + "(";
        int shown = b.max_args < 0 ? b.min_args : b.max_args;
        for (int i = 0; i < shown; ++i) out += (i ? ", x" : "x") + std::to_string(i + 1);
        return out + (b.max_args < 0 ? (shown ? ", ...)" : "...)") : ")");
    }

    void strings_only_for_printf(const CallExpr& c) {
        if (c.callee == "printf") return;
        for (const ExprPtr& a : c.args)
            if (is<StringExpr>(*a))
                diags_.error(a->loc, "a string is only allowed as an argument of printf",
                             "'" + c.callee + "' takes numbers; strings can only be printed");
    }

    void event_call_context(const CallExpr& c) {
        ProcKind k = kind();
        if (c.callee == "net_send" && k != ProcKind::initial && k != ProcKind::net_receive)
            diags_.error(c.loc, "net_send is only allowed in INITIAL and NET_RECEIVE blocks",
                         "send self-events from INITIAL or NET_RECEIVE; to react to a voltage, "
                         "arm a WATCH in NET_RECEIVE");
        if ((c.callee == "net_event" || c.callee == "net_move") && k != ProcKind::net_receive)
            diags_.error(c.loc, c.callee + " is only allowed in a NET_RECEIVE block",
                         "call it from NET_RECEIVE, where the event being handled is known");
        if (c.callee == "net_event" && info_.kind == MechanismKind::density)
            diags_.error(c.loc, "net_event needs a POINT_PROCESS or ARTIFICIAL_CELL",
                         "declare the mechanism with POINT_PROCESS or ARTIFICIAL_CELL in the NEURON block");
    }

    // ---- undefined names and suggestions ----

    void undefined_name(const std::string& name, SourceLocation loc) {
        if (info_.has_verbatim) {
            diags_.warning(loc, "'" + name + "' is not declared (perhaps in VERBATIM C code)",
                           "declare it in PARAMETER, ASSIGNED, STATE or as a LOCAL");
            return;
        }
        std::string hint = "declare it in PARAMETER, ASSIGNED, STATE or as a LOCAL";
        if (auto suggestion = closest_variable(name)) hint = "did you mean '" + *suggestion + "'?";
        diags_.error(loc, "'" + name + "' is not declared", hint);
    }

    template <class Names>
    std::optional<std::string> closest(const std::string& name, const Names& names) {
        std::optional<std::string> best;
        // Long names are not typos of each other, and comparing them costs length squared.
        if (name.size() > 64) return best;
        std::size_t best_distance = std::max<std::size_t>(1, name.size() / 3) + 1;
        for (const std::string& candidate : names) {
            std::size_t length_gap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                                    : name.size() - candidate.size();
            if (length_gap >= best_distance) continue;  // the distance is at least the gap
            std::size_t d = edit_distance(name, candidate);
            if (d < best_distance) {
                best_distance = d;
                best = candidate;
            }
        }
        return best;
    }

    std::optional<std::string> closest_variable(const std::string& name) {
        // Past the error limit the diagnostic is dropped: do not search for a suggestion, which
        // costs a pass over every name (thousands of undeclared names made this quadratic).
        if (diags_.too_many_errors()) return std::nullopt;
        std::vector<std::string> names;
        for (const auto& v : info_.variables) names.push_back(v.name);
        for (const auto& scope : scopes_)
            for (const auto& [n, _] : scope) names.push_back(n);
        for (const char* s : {"v", "t", "dt", "celsius", "area", "diam"}) names.push_back(s);
        return closest(name, names);
    }

    std::optional<std::string> closest_function(const std::string& name) {
        if (diags_.too_many_errors()) return std::nullopt;  // see closest_variable
        std::vector<std::string> names;
        for (const auto& c : info_.callables) names.push_back(c.name);
        for (const char* s : {"exp", "log", "log10", "sqrt", "fabs", "pow", "sin", "cos", "tanh", "net_send",
                              "net_event", "net_move", "normrand", "exprand", "floor", "ceil"})
            names.push_back(s);
        return closest(name, names);
    }

    std::optional<std::string> closest_block(const std::string& name) {
        if (diags_.too_many_errors()) return std::nullopt;  // see closest_variable
        std::vector<std::string> names;
        for (const ProcItem* p : info_.blocks)
            if (!p->name.name.empty()) names.push_back(p->name.name);
        return closest(name, names);
    }

    // A UNITS or CONSTANT constant assigned in code must be a mutable global, not a folded constant.
    void unit_factors_assigned() {
        for (Variable& v : info_.variables)
            if ((v.origin == VariableOrigin::unit_factor || v.origin == VariableOrigin::constant) &&
                v.assigned_in_code)
                v.storage = Storage::global;
    }

    const Module& module_;
    MechanismInfo& info_;
    DiagnosticEngine& diags_;
    const ProcItem* proc_ = nullptr;
    const TableStmt* table_ = nullptr;
    bool net_initial_seen_ = false;
    int derivatives_ = 0, reactions_ = 0, equations_ = 0;  // in the current block, for required_content
    bool state_array_warned_ = false;
    std::vector<std::map<std::string, LocalName>> scopes_;
};

}  // namespace

void check_code(const Module& module, MechanismInfo& info, DiagnosticEngine& diags) {
    CodeChecker(module, info, diags).run();
}

// Insertions, deletions, substitutions and transpositions of neighbours each count 1 (optimal
// string alignment): swapped letters, `epx` for `exp`, are the commonest typo.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace cornu::nmodl

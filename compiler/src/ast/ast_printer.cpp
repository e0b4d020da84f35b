#include "cornu/compiler/ast_printer.hpp"

#include <ostream>
#include <sstream>

namespace cornu::nmodl {

namespace {

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

int precedence(const Expr& e) {
    if (auto* b = dyn<BinaryExpr>(&e)) {
        switch (b->op) {
            case BinaryOp::logical_or: return 1;
            case BinaryOp::logical_and: return 2;
            case BinaryOp::less: case BinaryOp::greater: case BinaryOp::less_equal:
            case BinaryOp::greater_equal: case BinaryOp::equal: case BinaryOp::not_equal: return 3;
            case BinaryOp::add: case BinaryOp::sub: return 4;
            case BinaryOp::mul: case BinaryOp::div: return 5;
            case BinaryOp::pow: return 7;
        }
    }
    if (is<UnaryExpr>(e)) return 6;
    return 8;
}

void write_nmodl(std::ostream& out, const Expr& e);

// Adds the parentheses precedence needs, unless the source already had some around `e`.
void write_operand(std::ostream& out, const Expr& e, bool parenthesise) {
    parenthesise = parenthesise && e.parens == 0;
    if (parenthesise) out << '(';
    write_nmodl(out, e);
    if (parenthesise) out << ')';
}

void write_core(std::ostream& out, const Expr& e) {
    switch (e.kind) {
        case ExprKind::number: {
            auto& n = as<NumberExpr>(e);
            out << n.text;
            if (!n.unit.empty()) out << '(' << n.unit << ')';
            return;
        }
        case ExprKind::name: {
            auto& n = as<NameExpr>(e);
            out << n.name << std::string(static_cast<std::size_t>(n.primes), '\'');
            if (n.history) out << '@' << *n.history;
            if (n.index) {
                out << '[';
                write_nmodl(out, *n.index);
                out << ']';
            }
            return;
        }
        case ExprKind::string: out << '"' << as<StringExpr>(e).value << '"'; return;
        case ExprKind::unary: {
            auto& u = as<UnaryExpr>(e);
            out << to_string(u.op);
            write_operand(out, *u.operand, precedence(*u.operand) < 6 ||
                                               (u.op == UnaryOp::negate && is<UnaryExpr>(*u.operand)));
            return;
        }
        case ExprKind::binary: {
            auto& b = as<BinaryExpr>(e);
            int p = precedence(e);
            bool right_assoc = b.op == BinaryOp::pow;
            // Left-associative: the right operand needs parentheses at equal precedence.
            write_operand(out, *b.lhs, precedence(*b.lhs) < p || (right_assoc && precedence(*b.lhs) == p));
            out << ' ' << to_string(b.op) << ' ';
            write_operand(out, *b.rhs, precedence(*b.rhs) < p || (!right_assoc && precedence(*b.rhs) == p));
            return;
        }
        case ExprKind::call: {
            auto& c = as<CallExpr>(e);
            out << c.callee << '(';
            for (std::size_t i = 0; i < c.args.size(); ++i) {
                if (i) out << ", ";
                write_nmodl(out, *c.args[i]);
            }
            out << ')';
            return;
        }
    }
}

// An expression with the parentheses it was written with.
void write_nmodl(std::ostream& out, const Expr& e) {
    for (int i = 0; i < e.parens; ++i) out << '(';
    write_core(out, e);
    for (int i = 0; i < e.parens; ++i) out << ')';
}

void write_sexpr(std::ostream& out, const Expr& e) {
    switch (e.kind) {
        case ExprKind::number:
        case ExprKind::name:
        case ExprKind::string: write_core(out, e); return;
        case ExprKind::unary: {
            auto& u = as<UnaryExpr>(e);
            out << '(' << to_string(u.op) << ' ';
            write_sexpr(out, *u.operand);
            out << ')';
            return;
        }
        case ExprKind::binary: {
            auto& b = as<BinaryExpr>(e);
            out << '(' << to_string(b.op) << ' ';
            write_sexpr(out, *b.lhs);
            out << ' ';
            write_sexpr(out, *b.rhs);
            out << ')';
            return;
        }
        case ExprKind::call: {
            auto& c = as<CallExpr>(e);
            out << "(call " << c.callee;
            for (const auto& a : c.args) {
                out << ' ';
                write_sexpr(out, *a);
            }
            out << ')';
            return;
        }
    }
}

std::string names(const std::vector<Ident>& list) {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + list[i].name;
    return out;
}

std::string arg_list(const std::vector<Arg>& args) {
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        out += (i ? ", " : "") + args[i].ident.name;
        if (!args[i].unit.empty()) out += " (" + args[i].unit + ")";
    }
    return out;
}

std::string terms(const std::vector<ReactionTerm>& list) {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) out += " + ";
        if (list[i].coefficient != 1) out += std::to_string(list[i].coefficient);
        out += to_nmodl(*list[i].species);
    }
    return out;
}

std::string size_text(const ArraySize& s) {
    if (!s.is_array()) return {};
    return "[" + (s.define_name.empty() ? std::to_string(s.value) : s.define_name) + "]";
}

// ---------------------------------------------------------------------------------------------
// Statements as NMODL
// ---------------------------------------------------------------------------------------------

void write_block(std::ostream& out, const Block& b, int indent);

void write_stmt(std::ostream& out, const Stmt& s, int indent) {
    std::string pad(static_cast<std::size_t>(indent), ' ');
    switch (s.kind) {
        case StmtKind::block:
            out << pad;
            write_block(out, as<Block>(s), indent);
            out << '\n';
            return;
        case StmtKind::local: {
            out << pad << "LOCAL ";
            auto& l = as<LocalStmt>(s);
            for (std::size_t i = 0; i < l.vars.size(); ++i)
                out << (i ? ", " : "") << l.vars[i].ident.name << size_text(l.vars[i].size);
            out << '\n';
            return;
        }
        case StmtKind::assign: {
            auto& a = as<AssignStmt>(s);
            out << pad << (a.protect ? "PROTECT " : "") << to_nmodl(*a.target) << " = "
                << to_nmodl(*a.value) << '\n';
            return;
        }
        case StmtKind::call: out << pad << to_nmodl(*as<CallStmt>(s).call) << '\n'; return;
        case StmtKind::if_: {
            const IfStmt* i = &as<IfStmt>(s);
            out << pad << "if (" << to_nmodl(*i->condition) << ") ";
            while (true) {
                write_block(out, *i->then_block, indent);
                if (!i->else_branch) break;
                if (auto* next = dyn<IfStmt>(i->else_branch.get())) {
                    out << " else if (" << to_nmodl(*next->condition) << ") ";
                    i = next;
                    continue;
                }
                out << " else ";
                write_block(out, as<Block>(*i->else_branch), indent);
                break;
            }
            out << '\n';
            return;
        }
        case StmtKind::while_: {
            auto& w = as<WhileStmt>(s);
            out << pad << "while (" << to_nmodl(*w.condition) << ") ";
            write_block(out, *w.body, indent);
            out << '\n';
            return;
        }
        case StmtKind::from: {
            auto& f = as<FromStmt>(s);
            out << pad << "FROM " << f.var.name << " = " << to_nmodl(*f.from) << " TO " << to_nmodl(*f.to);
            if (f.by) out << " BY " << to_nmodl(*f.by);
            out << ' ';
            write_block(out, *f.body, indent);
            out << '\n';
            return;
        }
        case StmtKind::solve: {
            auto& v = as<SolveStmt>(s);
            out << pad << "SOLVE " << v.block.name;
            if (!v.method.name.empty()) out << (v.steadystate ? " STEADYSTATE " : " METHOD ") << v.method.name;
            if (v.if_error) {
                out << " IFERROR ";
                write_block(out, *v.if_error, indent);
            }
            out << '\n';
            return;
        }
        case StmtKind::table: {
            auto& t = as<TableStmt>(s);
            out << pad << "TABLE " << names(t.tabled);
            if (!t.depends.empty()) out << " DEPEND " << names(t.depends);
            out << " FROM " << to_nmodl(*t.from) << " TO " << to_nmodl(*t.to) << " WITH " << t.with << '\n';
            return;
        }
        case StmtKind::reaction: {
            auto& r = as<ReactionStmt>(s);
            out << pad << "~ " << terms(r.reactants);
            if (r.reaction == ReactionKind::reversible)
                out << " <-> " << terms(r.products) << " (" << to_nmodl(*r.forward) << ", "
                    << to_nmodl(*r.backward) << ")\n";
            else
                out << (r.reaction == ReactionKind::flux_in ? " << (" : " -> (") << to_nmodl(*r.forward) << ")\n";
            return;
        }
        case StmtKind::equation: {
            auto& e = as<EquationStmt>(s);
            out << pad << "~ " << to_nmodl(*e.lhs) << " = " << to_nmodl(*e.rhs) << '\n';
            return;
        }
        case StmtKind::conserve: {
            auto& c = as<ConserveStmt>(s);
            out << pad << "CONSERVE " << terms(c.terms) << " = " << to_nmodl(*c.total) << '\n';
            return;
        }
        case StmtKind::compartment: {
            auto& c = as<CompartmentStmt>(s);
            out << pad << (c.longitudinal ? "LONGITUDINAL_DIFFUSION " : "COMPARTMENT ");
            if (!c.index.name.empty()) out << c.index.name << ", ";
            out << to_nmodl(*c.volume) << " {";
            for (const auto& sp : c.species) out << ' ' << sp.name;
            out << " }\n";
            return;
        }
        case StmtKind::watch: {
            auto& w = as<WatchStmt>(s);
            out << pad << "WATCH ";
            for (std::size_t i = 0; i < w.clauses.size(); ++i) {
                const auto& c = w.clauses[i];
                out << (i ? ", " : "") << '(' << to_nmodl(*c.lhs) << (c.greater ? " > " : " < ")
                    << to_nmodl(*c.rhs) << ") " << c.flag_text;
            }
            out << '\n';
            return;
        }
        case StmtKind::for_netcons: {
            auto& f = as<ForNetconsStmt>(s);
            out << pad << "FOR_NETCONS(" << arg_list(f.args) << ") ";
            write_block(out, *f.body, indent);
            out << '\n';
            return;
        }
        case StmtKind::net_initial:
            out << pad << "INITIAL ";
            write_block(out, *as<NetInitialStmt>(s).body, indent);
            out << '\n';
            return;
        case StmtKind::lag: {
            auto& l = as<LagStmt>(s);
            out << pad << "LAG " << l.var.name << " BY " << l.by.name << '\n';
            return;
        }
        case StmtKind::conductance: {
            auto& c = as<ConductanceStmt>(s);
            out << pad << "CONDUCTANCE " << c.name.name;
            if (!c.ion.name.empty()) out << " USEION " << c.ion.name;
            out << '\n';
            return;
        }
        case StmtKind::mutex: out << pad << (as<MutexStmt>(s).lock ? "MUTEXLOCK" : "MUTEXUNLOCK") << '\n'; return;
        case StmtKind::units_toggle: out << pad << (as<UnitsToggleStmt>(s).on ? "UNITSON" : "UNITSOFF") << '\n'; return;
        case StmtKind::verbatim: out << pad << "VERBATIM" << as<VerbatimStmt>(s).text << "ENDVERBATIM\n"; return;
    }
}

void write_block(std::ostream& out, const Block& b, int indent) {
    out << "{\n";
    for (const auto& s : b.statements) write_stmt(out, *s, indent + 4);
    out << std::string(static_cast<std::size_t>(indent), ' ') << '}';
}

// ---------------------------------------------------------------------------------------------
// The tree dump
// ---------------------------------------------------------------------------------------------

class Dumper {
public:
    explicit Dumper(std::ostream& out) : out_(out) {}

    void module(const Module& m) {
        out_ << "Module " << m.path << '\n';
        for (const auto& item : m.items) this->item(*item, 1);
    }

private:
    std::ostream& line(int depth, SourceLocation loc) {
        out_ << std::string(static_cast<std::size_t>(depth) * 2, ' ');
        if (loc.line) out_ << '@' << loc.line << ':' << loc.column << ' ';
        return out_;
    }

    void item(const Item& i, int d) {
        switch (i.kind) {
            case ItemKind::title: line(d, i.loc) << "Title \"" << as<TitleItem>(i).text << "\"\n"; return;
            case ItemKind::define: {
                auto& def = as<DefineItem>(i);
                line(d, i.loc) << "Define " << def.name.name << " = " << def.value << '\n';
                return;
            }
            case ItemKind::include: {
                auto& inc = as<IncludeItem>(i);
                line(d, i.loc) << "Include \"" << inc.path << "\" -> " << inc.resolved_path << '\n';
                return;
            }
            case ItemKind::neuron: neuron(as<NeuronItem>(i), d); return;
            case ItemKind::units: {
                auto& u = as<UnitsItem>(i);
                line(d, i.loc) << "Units\n";
                for (const auto& a : u.aliases) line(d + 1, a.loc) << "(" << a.from << ") = (" << a.to << ")\n";
                for (const auto& f : u.factors) {
                    line(d + 1, f.loc) << f.name.name << " = ";
                    if (f.value) out_ << f.value_text << " (" << f.to << ")\n";
                    else out_ << "(" << f.from << ") (" << f.to << ")\n";
                }
                return;
            }
            case ItemKind::parameter: {
                line(d, i.loc) << "Parameter\n";
                for (const auto& p : as<ParameterItem>(i).decls) {
                    line(d + 1, p.ident.loc) << p.ident.name << size_text(p.size);
                    if (p.value) out_ << " = " << p.value->text;
                    if (!p.unit.empty()) out_ << " (" << p.unit << ')';
                    if (p.low) out_ << " <" << p.low->text << ", " << p.high->text << '>';
                    out_ << '\n';
                }
                return;
            }
            case ItemKind::constant: {
                line(d, i.loc) << "Constant\n";
                for (const auto& c : as<ConstantItem>(i).decls) {
                    line(d + 1, c.ident.loc) << c.ident.name << " = " << c.value.text;
                    if (!c.unit.empty()) out_ << " (" << c.unit << ')';
                    out_ << '\n';
                }
                return;
            }
            case ItemKind::var_block: {
                auto& v = as<VarBlockItem>(i);
                line(d, i.loc) << (v.block == VarBlockKind::state ? "State"
                                   : v.block == VarBlockKind::assigned ? "Assigned" : "Dependent") << '\n';
                for (const auto& decl : v.decls) {
                    line(d + 1, decl.ident.loc) << decl.ident.name << std::string(static_cast<std::size_t>(decl.primes), '\'')
                                                << size_text(decl.size);
                    if (decl.from) out_ << " FROM " << decl.from->text << " TO " << decl.to->text;
                    if (decl.start) out_ << " START " << decl.start->text;
                    if (!decl.unit.empty()) out_ << " (" << decl.unit << ')';
                    if (decl.tolerance) out_ << " <" << decl.tolerance->text << '>';
                    out_ << '\n';
                }
                return;
            }
            case ItemKind::independent: {
                line(d, i.loc) << "Independent\n";
                for (const auto& decl : as<IndependentItem>(i).decls)
                    line(d + 1, decl.ident.loc) << decl.ident.name << " FROM " << decl.from.text << " TO "
                                                << decl.to.text << " WITH " << decl.with << '\n';
                return;
            }
            case ItemKind::top_local: {
                line(d, i.loc) << "Local";
                for (const auto& v : as<TopLocalItem>(i).vars) out_ << ' ' << v.ident.name << size_text(v.size);
                out_ << '\n';
                return;
            }
            case ItemKind::proc: {
                auto& p = as<ProcItem>(i);
                line(d, i.loc) << "Block " << to_string(p.proc);
                if (!p.name.name.empty()) out_ << ' ' << p.name.name;
                if (p.proc == ProcKind::procedure || p.proc == ProcKind::function ||
                    p.proc == ProcKind::function_table || p.proc == ProcKind::net_receive)
                    out_ << '(' << arg_list(p.args) << ')';
                if (!p.unit.empty()) out_ << " (" << p.unit << ')';
                if (!p.solve_for.empty()) out_ << " SOLVEFOR " << names(p.solve_for);
                out_ << '\n';
                if (p.body) block(*p.body, d + 1);
                return;
            }
            case ItemKind::verbatim:
                line(d, i.loc) << "Verbatim (" << as<VerbatimItem>(i).text.size() << " bytes)\n";
                return;
            case ItemKind::units_toggle:
                line(d, i.loc) << (as<UnitsToggleItem>(i).on ? "UnitsOn" : "UnitsOff") << '\n';
                return;
        }
    }

    void neuron(const NeuronItem& n, int d) {
        line(d, n.loc) << "Neuron\n";
        for (const auto& s : n.suffixes) line(d + 1, s.loc) << "Suffix " << to_string(s.kind) << ' ' << s.name.name << '\n';
        for (const auto& ion : n.ions) {
            line(d + 1, ion.loc) << "UseIon " << ion.ion.name << " read [" << names(ion.read) << "] write ["
                                 << names(ion.write) << ']';
            if (ion.valence) out_ << " valence " << *ion.valence;
            out_ << '\n';
        }
        for (const auto& l : n.lists) line(d + 1, l.loc) << to_string(l.kind) << " [" << names(l.names) << "]\n";
        if (!n.threadsafe.empty()) line(d + 1, n.threadsafe.front()) << "Threadsafe\n";
    }

    void block(const Block& b, int d) {
        for (const auto& s : b.statements) stmt(*s, d);
    }

    void stmt(const Stmt& s, int d) {
        switch (s.kind) {
            case StmtKind::block: line(d, s.loc) << "Block\n"; block(as<Block>(s), d + 1); return;
            case StmtKind::assign: {
                auto& a = as<AssignStmt>(s);
                line(d, s.loc) << (a.protect ? "ProtectedAssign " : "Assign ") << to_nmodl(*a.target) << ' '
                               << to_sexpr(*a.value) << '\n';
                return;
            }
            case StmtKind::call: line(d, s.loc) << "Call " << to_sexpr(*as<CallStmt>(s).call) << '\n'; return;
            case StmtKind::if_: {
                auto& i = as<IfStmt>(s);
                line(d, s.loc) << "If " << to_sexpr(*i.condition) << '\n';
                block(*i.then_block, d + 1);
                if (i.else_branch) {
                    line(d, {}) << "Else\n";
                    if (auto* b = dyn<Block>(i.else_branch.get())) block(*b, d + 1);
                    else stmt(*i.else_branch, d + 1);
                }
                return;
            }
            case StmtKind::while_: {
                auto& w = as<WhileStmt>(s);
                line(d, s.loc) << "While " << to_sexpr(*w.condition) << '\n';
                block(*w.body, d + 1);
                return;
            }
            case StmtKind::from: {
                auto& f = as<FromStmt>(s);
                line(d, s.loc) << "From " << f.var.name << ' ' << to_sexpr(*f.from) << ' ' << to_sexpr(*f.to);
                if (f.by) out_ << " by " << to_sexpr(*f.by);
                out_ << '\n';
                block(*f.body, d + 1);
                return;
            }
            case StmtKind::for_netcons: {
                auto& f = as<ForNetconsStmt>(s);
                line(d, s.loc) << "ForNetcons(" << arg_list(f.args) << ")\n";
                block(*f.body, d + 1);
                return;
            }
            case StmtKind::net_initial:
                line(d, s.loc) << "NetInitial\n";
                block(*as<NetInitialStmt>(s).body, d + 1);
                return;
            case StmtKind::solve: {
                auto& v = as<SolveStmt>(s);
                line(d, s.loc) << "Solve " << v.block.name;
                if (!v.method.name.empty()) out_ << (v.steadystate ? " STEADYSTATE " : " METHOD ") << v.method.name;
                out_ << '\n';
                if (v.if_error) block(*v.if_error, d + 1);
                return;
            }
            case StmtKind::verbatim:
                line(d, s.loc) << "Verbatim (" << as<VerbatimStmt>(s).text.size() << " bytes)\n";
                return;
            default: {
                std::ostringstream text;
                write_stmt(text, s, 0);
                std::string t = text.str();
                if (!t.empty() && t.back() == '\n') t.pop_back();
                line(d, s.loc) << t << '\n';
                return;
            }
        }
    }

    std::ostream& out_;
};

}  // namespace

std::string to_nmodl(const Expr& expr) {
    std::ostringstream out;
    write_nmodl(out, expr);
    return out.str();
}

std::string to_sexpr(const Expr& expr) {
    std::ostringstream out;
    write_sexpr(out, expr);
    return out.str();
}

void print_nmodl(std::ostream& out, const Stmt& stmt, int indent) { write_stmt(out, stmt, indent); }

void dump_ast(std::ostream& out, const Module& module) { Dumper(out).module(module); }

}  // namespace cornu::nmodl

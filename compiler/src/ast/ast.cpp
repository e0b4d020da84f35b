#include "cornu/compiler/ast.hpp"

namespace cornu::nmodl {

namespace {

ExprPtr clone_or_null(const ExprPtr& e) { return e ? e->clone() : nullptr; }

template <class T>
std::unique_ptr<T> with_parens(std::unique_ptr<T> copy, const Expr& original) {
    copy->parens = original.parens;
    return copy;
}
BlockPtr clone_or_null(const BlockPtr& b) { return b ? b->clone_block() : nullptr; }
StmtPtr clone_or_null(const StmtPtr& s) { return s ? s->clone() : nullptr; }

std::vector<ReactionTerm> clone_terms(const std::vector<ReactionTerm>& terms) {
    std::vector<ReactionTerm> out;
    out.reserve(terms.size());
    for (const auto& t : terms) out.push_back(t.clone());
    return out;
}

}  // namespace

// ---- expressions ----

ExprPtr NumberExpr::clone() const {
    auto e = std::make_unique<NumberExpr>(value, text, loc);
    e->unit = unit;
    return with_parens(std::move(e), *this);
}

std::unique_ptr<NameExpr> NameExpr::clone_name() const {
    auto e = std::make_unique<NameExpr>(name, loc);
    e->primes = primes;
    e->index = clone_or_null(index);
    e->history = history;
    return with_parens(std::move(e), *this);
}

ExprPtr NameExpr::clone() const { return clone_name(); }

ExprPtr StringExpr::clone() const { return with_parens(std::make_unique<StringExpr>(value, loc), *this); }

ExprPtr UnaryExpr::clone() const {
    return with_parens(std::make_unique<UnaryExpr>(op, operand->clone(), loc), *this);
}

ExprPtr BinaryExpr::clone() const {
    return with_parens(std::make_unique<BinaryExpr>(op, lhs->clone(), rhs->clone(), loc), *this);
}

std::unique_ptr<CallExpr> CallExpr::clone_call() const {
    auto e = std::make_unique<CallExpr>(callee, loc);
    for (const auto& a : args) e->args.push_back(a->clone());
    return with_parens(std::move(e), *this);
}

ExprPtr CallExpr::clone() const { return clone_call(); }

// ---- statements ----

std::unique_ptr<Block> Block::clone_block() const {
    auto b = std::make_unique<Block>(loc);
    b->end_loc = end_loc;
    for (const auto& s : statements) b->statements.push_back(s->clone());
    return b;
}

StmtPtr Block::clone() const { return clone_block(); }

StmtPtr LocalStmt::clone() const {
    auto s = std::make_unique<LocalStmt>(loc);
    s->vars = vars;
    return s;
}

StmtPtr AssignStmt::clone() const {
    auto s = std::make_unique<AssignStmt>(loc);
    s->target = target->clone_name();
    s->value = value->clone();
    s->protect = protect;
    return s;
}

StmtPtr CallStmt::clone() const {
    auto s = std::make_unique<CallStmt>(loc);
    s->call = call->clone_call();
    return s;
}

StmtPtr IfStmt::clone() const {
    auto s = std::make_unique<IfStmt>(loc);
    s->condition = condition->clone();
    s->then_block = then_block->clone_block();
    s->else_branch = clone_or_null(else_branch);
    return s;
}

StmtPtr WhileStmt::clone() const {
    auto s = std::make_unique<WhileStmt>(loc);
    s->condition = condition->clone();
    s->body = body->clone_block();
    return s;
}

StmtPtr FromStmt::clone() const {
    auto s = std::make_unique<FromStmt>(loc);
    s->var = var;
    s->from = from->clone();
    s->to = to->clone();
    s->by = clone_or_null(by);
    s->body = body->clone_block();
    return s;
}

StmtPtr SolveStmt::clone() const {
    auto s = std::make_unique<SolveStmt>(loc);
    s->block = block;
    s->method = method;
    s->steadystate = steadystate;
    s->if_error = clone_or_null(if_error);
    return s;
}

StmtPtr TableStmt::clone() const {
    auto s = std::make_unique<TableStmt>(loc);
    s->tabled = tabled;
    s->depends = depends;
    s->from = from->clone();
    s->to = to->clone();
    s->with = with;
    s->with_loc = with_loc;
    return s;
}

ReactionTerm ReactionTerm::clone() const { return {coefficient, species->clone_name()}; }

StmtPtr ReactionStmt::clone() const {
    auto s = std::make_unique<ReactionStmt>(loc);
    s->reaction = reaction;
    s->reactants = clone_terms(reactants);
    s->products = clone_terms(products);
    s->forward = clone_or_null(forward);
    s->backward = clone_or_null(backward);
    return s;
}

StmtPtr EquationStmt::clone() const {
    auto s = std::make_unique<EquationStmt>(loc);
    s->lhs = lhs->clone();
    s->rhs = rhs->clone();
    return s;
}

StmtPtr ConserveStmt::clone() const {
    auto s = std::make_unique<ConserveStmt>(loc);
    s->terms = clone_terms(terms);
    s->total = total->clone();
    return s;
}

StmtPtr CompartmentStmt::clone() const {
    auto s = std::make_unique<CompartmentStmt>(loc);
    s->longitudinal = longitudinal;
    s->index = index;
    s->volume = volume->clone();
    s->species = species;
    return s;
}

WatchClause WatchClause::clone() const {
    return {lhs->clone(), greater, rhs->clone(), flag, flag_text, loc};
}

StmtPtr WatchStmt::clone() const {
    auto s = std::make_unique<WatchStmt>(loc);
    for (const auto& c : clauses) s->clauses.push_back(c.clone());
    return s;
}

StmtPtr ForNetconsStmt::clone() const {
    auto s = std::make_unique<ForNetconsStmt>(loc);
    s->args = args;
    s->body = body->clone_block();
    return s;
}

StmtPtr NetInitialStmt::clone() const {
    auto s = std::make_unique<NetInitialStmt>(loc);
    s->body = body->clone_block();
    return s;
}

StmtPtr LagStmt::clone() const {
    auto s = std::make_unique<LagStmt>(loc);
    s->var = var;
    s->by = by;
    return s;
}

StmtPtr ConductanceStmt::clone() const {
    auto s = std::make_unique<ConductanceStmt>(loc);
    s->name = name;
    s->ion = ion;
    return s;
}

StmtPtr MutexStmt::clone() const { return std::make_unique<MutexStmt>(lock, loc); }

StmtPtr UnitsToggleStmt::clone() const { return std::make_unique<UnitsToggleStmt>(on, loc); }

StmtPtr VerbatimStmt::clone() const { return std::make_unique<VerbatimStmt>(text, loc); }

// ---- names ----

const char* to_string(BinaryOp op) {
    switch (op) {
        case BinaryOp::add: return "+";
        case BinaryOp::sub: return "-";
        case BinaryOp::mul: return "*";
        case BinaryOp::div: return "/";
        case BinaryOp::pow: return "^";
        case BinaryOp::less: return "<";
        case BinaryOp::greater: return ">";
        case BinaryOp::less_equal: return "<=";
        case BinaryOp::greater_equal: return ">=";
        case BinaryOp::equal: return "==";
        case BinaryOp::not_equal: return "!=";
        case BinaryOp::logical_and: return "&&";
        case BinaryOp::logical_or: return "||";
    }
    return "?";
}

const char* to_string(UnaryOp op) { return op == UnaryOp::negate ? "-" : "!"; }

const char* to_string(ProcKind kind) {
    switch (kind) {
        case ProcKind::initial: return "INITIAL";
        case ProcKind::breakpoint: return "BREAKPOINT";
        case ProcKind::derivative: return "DERIVATIVE";
        case ProcKind::kinetic: return "KINETIC";
        case ProcKind::linear: return "LINEAR";
        case ProcKind::nonlinear: return "NONLINEAR";
        case ProcKind::discrete: return "DISCRETE";
        case ProcKind::procedure: return "PROCEDURE";
        case ProcKind::function: return "FUNCTION";
        case ProcKind::function_table: return "FUNCTION_TABLE";
        case ProcKind::net_receive: return "NET_RECEIVE";
        case ProcKind::constructor: return "CONSTRUCTOR";
        case ProcKind::destructor: return "DESTRUCTOR";
        case ProcKind::before_breakpoint: return "BEFORE BREAKPOINT";
        case ProcKind::before_solve: return "BEFORE SOLVE";
        case ProcKind::before_initial: return "BEFORE INITIAL";
        case ProcKind::before_step: return "BEFORE STEP";
        case ProcKind::after_breakpoint: return "AFTER BREAKPOINT";
        case ProcKind::after_solve: return "AFTER SOLVE";
        case ProcKind::after_initial: return "AFTER INITIAL";
        case ProcKind::after_step: return "AFTER STEP";
    }
    return "?";
}

const char* to_string(MechanismKind kind) {
    switch (kind) {
        case MechanismKind::density: return "density";
        case MechanismKind::point_process: return "point process";
        case MechanismKind::artificial_cell: return "artificial cell";
    }
    return "?";
}

const char* to_string(NameListKind kind) {
    switch (kind) {
        case NameListKind::nonspecific_current: return "NONSPECIFIC_CURRENT";
        case NameListKind::electrode_current: return "ELECTRODE_CURRENT";
        case NameListKind::range: return "RANGE";
        case NameListKind::global: return "GLOBAL";
        case NameListKind::pointer: return "POINTER";
        case NameListKind::bbcorepointer: return "BBCOREPOINTER";
        case NameListKind::external: return "EXTERNAL";
    }
    return "?";
}

const char* to_string(VarBlockKind kind) {
    switch (kind) {
        case VarBlockKind::assigned: return "ASSIGNED";
        case VarBlockKind::state: return "STATE";
        case VarBlockKind::dependent: return "DEPENDENT";
    }
    return "?";
}

}  // namespace cornu::nmodl

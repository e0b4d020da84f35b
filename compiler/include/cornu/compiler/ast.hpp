// The typed AST of an NMODL file.
//
// The ANTLR parse tree is converted into these nodes right after parsing (parse/ast_builder.cpp)
// and is thrown away; every later stage works on this AST only. Each node carries the source
// location of its first token. Nodes own their children through unique_ptr, are cloneable (the
// solvers and the inliner copy subtrees), and are discriminated by a kind field so that
// is<T>/as<T>/dyn<T> work without RTTI-heavy dynamic_cast chains.
#pragma once

#include "cornu/compiler/source.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cornu::nmodl {

// A name as written in the source, with where it was written.
struct Ident {
    std::string name;
    SourceLocation loc;
};

// ------------------------------------------------------------------------------------------
// Expressions
// ------------------------------------------------------------------------------------------

enum class ExprKind { number, name, string, unary, binary, call };

struct Expr {
    explicit Expr(ExprKind k, SourceLocation l = {}) : kind(k), loc(l) {}
    virtual ~Expr() = default;
    virtual std::unique_ptr<Expr> clone() const = 0;

    ExprKind kind;
    SourceLocation loc;
    // How many parentheses enclosed this expression in the source. They do not change its meaning,
    // but nocmodl builds some code (cnexp updates) by pasting source text, so C's reading of
    // the pasted text, and with it the rounding, depends on them.
    int parens = 0;
};
using ExprPtr = std::unique_ptr<Expr>;

struct NumberExpr final : Expr {
    NumberExpr(double v, std::string t, SourceLocation l = {})
        : Expr(ExprKind::number, l), value(v), text(std::move(t)) {}
    static bool classof(const Expr& e) { return e.kind == ExprKind::number; }
    ExprPtr clone() const override;

    double value;
    std::string text;  // as written (nocmodl keeps literal text; round-off can depend on it)
    std::string unit;  // `1 (mV)` keeps "mV"; empty if none
};

// A variable reference: `x`, `x[i]`, or a derivative `x'` / `x'[i]` (primes > 0).
struct NameExpr final : Expr {
    NameExpr(std::string n, SourceLocation l = {}) : Expr(ExprKind::name, l), name(std::move(n)) {}
    static bool classof(const Expr& e) { return e.kind == ExprKind::name; }
    ExprPtr clone() const override;
    std::unique_ptr<NameExpr> clone_name() const;

    std::string name;  // without primes
    int primes = 0;
    ExprPtr index;     // array subscript, or null
    std::optional<long> history;  // `a@1`: the value of STATE a 1 DISCRETE step back
};

struct StringExpr final : Expr {
    StringExpr(std::string v, SourceLocation l = {}) : Expr(ExprKind::string, l), value(std::move(v)) {}
    static bool classof(const Expr& e) { return e.kind == ExprKind::string; }
    ExprPtr clone() const override;

    std::string value;  // without the quotes
};

enum class UnaryOp { negate, logical_not };

struct UnaryExpr final : Expr {
    UnaryExpr(UnaryOp o, ExprPtr e, SourceLocation l = {})
        : Expr(ExprKind::unary, l), op(o), operand(std::move(e)) {}
    static bool classof(const Expr& e) { return e.kind == ExprKind::unary; }
    ExprPtr clone() const override;

    UnaryOp op;
    ExprPtr operand;
};

enum class BinaryOp {
    add, sub, mul, div, pow,
    less, greater, less_equal, greater_equal, equal, not_equal,
    logical_and, logical_or
};

struct BinaryExpr final : Expr {
    BinaryExpr(BinaryOp o, ExprPtr a, ExprPtr b, SourceLocation l = {})
        : Expr(ExprKind::binary, l), op(o), lhs(std::move(a)), rhs(std::move(b)) {}
    static bool classof(const Expr& e) { return e.kind == ExprKind::binary; }
    ExprPtr clone() const override;

    BinaryOp op;
    ExprPtr lhs, rhs;
};

struct CallExpr final : Expr {
    CallExpr(std::string c, SourceLocation l = {}) : Expr(ExprKind::call, l), callee(std::move(c)) {}
    static bool classof(const Expr& e) { return e.kind == ExprKind::call; }
    ExprPtr clone() const override;
    std::unique_ptr<CallExpr> clone_call() const;

    std::string callee;
    std::vector<ExprPtr> args;
};

// ------------------------------------------------------------------------------------------
// Statements
// ------------------------------------------------------------------------------------------

enum class StmtKind {
    block, local, assign, call, if_, while_, from, solve, table, reaction, equation, conserve,
    compartment, watch, for_netcons, net_initial, lag, conductance, mutex, units_toggle, verbatim
};

struct Stmt {
    explicit Stmt(StmtKind k, SourceLocation l = {}) : kind(k), loc(l) {}
    virtual ~Stmt() = default;
    virtual std::unique_ptr<Stmt> clone() const = 0;

    StmtKind kind;
    SourceLocation loc;
};
using StmtPtr = std::unique_ptr<Stmt>;

// `{ statements }`
struct Block final : Stmt {
    explicit Block(SourceLocation l = {}) : Stmt(StmtKind::block, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::block; }
    StmtPtr clone() const override;
    std::unique_ptr<Block> clone_block() const;

    std::vector<StmtPtr> statements;
    SourceLocation end_loc;  // the closing brace
};
using BlockPtr = std::unique_ptr<Block>;

// An array dimension written as a number or as a DEFINEd name; 0 = not an array.
struct ArraySize {
    long value = 0;
    std::string define_name;  // set when written as a name; resolved by analysis
    SourceLocation loc;
    bool is_array() const { return value > 0 || !define_name.empty(); }
};

struct LocalVar {
    Ident ident;
    ArraySize size;
};

struct LocalStmt final : Stmt {
    explicit LocalStmt(SourceLocation l = {}) : Stmt(StmtKind::local, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::local; }
    StmtPtr clone() const override;

    std::vector<LocalVar> vars;
};

// `x = e`, `x[i] = e`, `x' = e`, `PROTECT x = e`
struct AssignStmt final : Stmt {
    explicit AssignStmt(SourceLocation l = {}) : Stmt(StmtKind::assign, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::assign; }
    StmtPtr clone() const override;

    std::unique_ptr<NameExpr> target;
    ExprPtr value;
    bool protect = false;
};

// A function or procedure called for its effect: `rates(v)`, `net_send(0, 1)`.
struct CallStmt final : Stmt {
    explicit CallStmt(SourceLocation l = {}) : Stmt(StmtKind::call, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::call; }
    StmtPtr clone() const override;

    std::unique_ptr<CallExpr> call;
};

struct IfStmt final : Stmt {
    explicit IfStmt(SourceLocation l = {}) : Stmt(StmtKind::if_, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::if_; }
    StmtPtr clone() const override;

    ExprPtr condition;
    BlockPtr then_block;
    StmtPtr else_branch;  // an IfStmt (else if), a Block (else), or null
};

struct WhileStmt final : Stmt {
    explicit WhileStmt(SourceLocation l = {}) : Stmt(StmtKind::while_, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::while_; }
    StmtPtr clone() const override;

    ExprPtr condition;
    BlockPtr body;
};

// `FROM i = a TO b BY c { }` — an integer loop, both bounds inclusive.
struct FromStmt final : Stmt {
    explicit FromStmt(SourceLocation l = {}) : Stmt(StmtKind::from, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::from; }
    StmtPtr clone() const override;

    Ident var;
    ExprPtr from, to, by;  // by may be null (step 1)
    BlockPtr body;
};

// `SOLVE name [METHOD m | STEADYSTATE m] [IFERROR { }]`
struct SolveStmt final : Stmt {
    explicit SolveStmt(SourceLocation l = {}) : Stmt(StmtKind::solve, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::solve; }
    StmtPtr clone() const override;

    Ident block;
    Ident method;  // empty name if no METHOD
    bool steadystate = false;
    BlockPtr if_error;
};

// `TABLE a, b DEPEND c FROM lo TO hi WITH n`
struct TableStmt final : Stmt {
    explicit TableStmt(SourceLocation l = {}) : Stmt(StmtKind::table, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::table; }
    StmtPtr clone() const override;

    std::vector<Ident> tabled;
    std::vector<Ident> depends;
    ExprPtr from, to;
    long with = 0;
    SourceLocation with_loc;
};

struct ReactionTerm {
    int coefficient = 1;
    std::unique_ptr<NameExpr> species;
    ReactionTerm clone() const;
};

enum class ReactionKind {
    reversible,  // ~ A + B <-> C (kf, kb)
    flux_in,     // ~ A << (flux)
    flux_out     // ~ A -> (flux)
};

struct ReactionStmt final : Stmt {
    explicit ReactionStmt(SourceLocation l = {}) : Stmt(StmtKind::reaction, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::reaction; }
    StmtPtr clone() const override;

    ReactionKind reaction = ReactionKind::reversible;
    std::vector<ReactionTerm> reactants;
    std::vector<ReactionTerm> products;  // empty for fluxes
    ExprPtr forward;                     // the flux for flux_in/flux_out
    ExprPtr backward;                    // null for fluxes
};

// `~ lhs = rhs` in LINEAR, NONLINEAR and DERIVATIVE blocks.
struct EquationStmt final : Stmt {
    explicit EquationStmt(SourceLocation l = {}) : Stmt(StmtKind::equation, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::equation; }
    StmtPtr clone() const override;

    ExprPtr lhs, rhs;
};

// `CONSERVE a + b + c = total`
struct ConserveStmt final : Stmt {
    explicit ConserveStmt(SourceLocation l = {}) : Stmt(StmtKind::conserve, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::conserve; }
    StmtPtr clone() const override;

    std::vector<ReactionTerm> terms;
    ExprPtr total;
};

// `COMPARTMENT [i,] volume { species }` and `LONGITUDINAL_DIFFUSION [i,] rate { species }`
struct CompartmentStmt final : Stmt {
    explicit CompartmentStmt(SourceLocation l = {}) : Stmt(StmtKind::compartment, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::compartment; }
    StmtPtr clone() const override;

    bool longitudinal = false;
    Ident index;  // empty if no index variable
    ExprPtr volume;
    std::vector<Ident> species;
};

struct WatchClause {
    ExprPtr lhs;
    bool greater = true;  // (lhs > rhs) or (lhs < rhs)
    ExprPtr rhs;
    double flag = 0;
    std::string flag_text;
    SourceLocation loc;
    WatchClause clone() const;
};

struct WatchStmt final : Stmt {
    explicit WatchStmt(SourceLocation l = {}) : Stmt(StmtKind::watch, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::watch; }
    StmtPtr clone() const override;

    std::vector<WatchClause> clauses;
};

// A formal argument: `v (mV)`.
struct Arg {
    Ident ident;
    std::string unit;
};

struct ForNetconsStmt final : Stmt {
    explicit ForNetconsStmt(SourceLocation l = {}) : Stmt(StmtKind::for_netcons, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::for_netcons; }
    StmtPtr clone() const override;

    std::vector<Arg> args;
    BlockPtr body;
};

// `INITIAL { }` inside NET_RECEIVE: runs once per NetCon at initialisation.
struct NetInitialStmt final : Stmt {
    explicit NetInitialStmt(SourceLocation l = {}) : Stmt(StmtKind::net_initial, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::net_initial; }
    StmtPtr clone() const override;

    BlockPtr body;
};

struct LagStmt final : Stmt {
    explicit LagStmt(SourceLocation l = {}) : Stmt(StmtKind::lag, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::lag; }
    StmtPtr clone() const override;

    Ident var, by;
};

// `CONDUCTANCE g [USEION ion]`: a hint naming the conductance of a current.
struct ConductanceStmt final : Stmt {
    explicit ConductanceStmt(SourceLocation l = {}) : Stmt(StmtKind::conductance, l) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::conductance; }
    StmtPtr clone() const override;

    Ident name, ion;
};

struct MutexStmt final : Stmt {
    explicit MutexStmt(bool lock_, SourceLocation l = {}) : Stmt(StmtKind::mutex, l), lock(lock_) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::mutex; }
    StmtPtr clone() const override;

    bool lock;
};

struct UnitsToggleStmt final : Stmt {
    explicit UnitsToggleStmt(bool on_, SourceLocation l = {})
        : Stmt(StmtKind::units_toggle, l), on(on_) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::units_toggle; }
    StmtPtr clone() const override;

    bool on;
};

// VERBATIM ... ENDVERBATIM: the C text between the markers, kept exactly.
struct VerbatimStmt final : Stmt {
    explicit VerbatimStmt(std::string t, SourceLocation l = {})
        : Stmt(StmtKind::verbatim, l), text(std::move(t)) {}
    static bool classof(const Stmt& s) { return s.kind == StmtKind::verbatim; }
    StmtPtr clone() const override;

    std::string text;
};

// ------------------------------------------------------------------------------------------
// Top-level items
// ------------------------------------------------------------------------------------------

enum class ItemKind {
    title, define, include, neuron, units, parameter, constant, var_block, independent,
    top_local, proc, verbatim, units_toggle
};

struct Item {
    explicit Item(ItemKind k, SourceLocation l = {}) : kind(k), loc(l) {}
    virtual ~Item() = default;

    ItemKind kind;
    SourceLocation loc;
};
using ItemPtr = std::unique_ptr<Item>;

struct TitleItem final : Item {
    explicit TitleItem(std::string t, SourceLocation l = {}) : Item(ItemKind::title, l), text(std::move(t)) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::title; }
    std::string text;
};

// `DEFINE NAME 10`: NAME stands for the integer wherever it appears later.
struct DefineItem final : Item {
    explicit DefineItem(SourceLocation l = {}) : Item(ItemKind::define, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::define; }
    Ident name;
    long value = 0;
};

// `INCLUDE "file"`: the included file's items follow this marker in Module::items.
struct IncludeItem final : Item {
    explicit IncludeItem(SourceLocation l = {}) : Item(ItemKind::include, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::include; }
    std::string path;           // as written
    std::string resolved_path;  // the file that was read; empty if it could not be
};

enum class MechanismKind { density, point_process, artificial_cell };

struct SuffixDecl {
    MechanismKind kind = MechanismKind::density;
    Ident name;
    SourceLocation loc;
};

struct UseIonDecl {
    Ident ion;
    std::vector<Ident> read, write;
    std::optional<double> valence;
    std::string represents;
    SourceLocation loc;
};

enum class NameListKind { nonspecific_current, electrode_current, range, global, pointer,
                          bbcorepointer, external };

struct NameListDecl {
    NameListKind kind = NameListKind::range;
    std::vector<Ident> names;
    SourceLocation loc;
};

struct NeuronItem final : Item {
    explicit NeuronItem(SourceLocation l = {}) : Item(ItemKind::neuron, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::neuron; }

    std::vector<SuffixDecl> suffixes;
    std::vector<UseIonDecl> ions;
    std::vector<NameListDecl> lists;
    std::vector<SourceLocation> threadsafe;
    std::vector<std::string> represents;
};

// `(mV) = (millivolt)`
struct UnitAlias {
    std::string from, to;
    SourceLocation loc;
};

// `FARADAY = (faraday) (coulomb)`, `F = 96485.3 (coul)`, `foot2inch = (foot) -> (inch)`
struct UnitFactor {
    Ident name;
    std::optional<double> value;  // set for `NAME = number (unit)`
    std::string value_text;
    std::string from, to;         // unit expressions; for the value form `to` holds the unit
    SourceLocation loc;
};

struct UnitsItem final : Item {
    explicit UnitsItem(SourceLocation l = {}) : Item(ItemKind::units, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::units; }

    std::vector<UnitAlias> aliases;
    std::vector<UnitFactor> factors;
};

struct SignedNumber {
    double value = 0;
    std::string text;
    SourceLocation loc;
};

struct ParameterDecl {
    Ident ident;
    ArraySize size;
    std::optional<SignedNumber> value;
    std::string unit;
    std::optional<SignedNumber> low, high;  // `<lo, hi>`: kept for the user, never enforced
};

struct ParameterItem final : Item {
    explicit ParameterItem(SourceLocation l = {}) : Item(ItemKind::parameter, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::parameter; }
    std::vector<ParameterDecl> decls;
};

struct ConstantDecl {
    Ident ident;
    SignedNumber value;
    std::string unit;
};

struct ConstantItem final : Item {
    explicit ConstantItem(SourceLocation l = {}) : Item(ItemKind::constant, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::constant; }
    std::vector<ConstantDecl> decls;
};

enum class VarBlockKind { assigned, state, dependent };

// An ASSIGNED, STATE or DEPENDENT entry.
struct VarDecl {
    Ident ident;
    int primes = 0;  // DEPENDENT blocks may declare `x'`
    ArraySize size;
    std::optional<SignedNumber> from, to, start, tolerance;
    std::string unit;
};

struct VarBlockItem final : Item {
    VarBlockItem(VarBlockKind k, SourceLocation l = {}) : Item(ItemKind::var_block, l), block(k) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::var_block; }
    VarBlockKind block;
    std::vector<VarDecl> decls;
};

struct IndependentDecl {
    Ident ident;
    bool sweep = false;
    SignedNumber from, to;
    long with = 0;
    std::optional<SignedNumber> start;
    std::string unit;
};

struct IndependentItem final : Item {
    explicit IndependentItem(SourceLocation l = {}) : Item(ItemKind::independent, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::independent; }
    std::vector<IndependentDecl> decls;
};

// File-scope LOCAL: one variable shared by all instances (nocmodl makes it a C static).
struct TopLocalItem final : Item {
    explicit TopLocalItem(SourceLocation l = {}) : Item(ItemKind::top_local, l) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::top_local; }
    std::vector<LocalVar> vars;
};

enum class ProcKind {
    initial, breakpoint, derivative, kinetic, linear, nonlinear, discrete, procedure, function,
    function_table, net_receive, constructor, destructor,
    before_breakpoint, before_solve, before_initial, before_step,
    after_breakpoint, after_solve, after_initial, after_step
};

// Every block of code: INITIAL, BREAKPOINT, DERIVATIVE name, PROCEDURE name(args), ...
struct ProcItem final : Item {
    ProcItem(ProcKind k, SourceLocation l = {}) : Item(ItemKind::proc, l), proc(k) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::proc; }

    ProcKind proc;
    Ident name;  // empty for INITIAL, BREAKPOINT, NET_RECEIVE, ...
    std::vector<Arg> args;
    std::string unit;              // FUNCTION f(x) (mV)
    std::vector<Ident> solve_for;  // KINETIC/LINEAR/NONLINEAR ... SOLVEFOR a, b
    BlockPtr body;                 // null for FUNCTION_TABLE
};

struct VerbatimItem final : Item {
    VerbatimItem(std::string t, SourceLocation l = {}) : Item(ItemKind::verbatim, l), text(std::move(t)) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::verbatim; }
    std::string text;
};

struct UnitsToggleItem final : Item {
    UnitsToggleItem(bool on_, SourceLocation l = {}) : Item(ItemKind::units_toggle, l), on(on_) {}
    static bool classof(const Item& i) { return i.kind == ItemKind::units_toggle; }
    bool on;
};

// One parsed .mod file, with the items of its INCLUDEd files spliced in.
struct Module {
    std::string path;
    std::uint32_t file = 0;
    std::vector<ItemPtr> items;
};

// ------------------------------------------------------------------------------------------
// Casting helpers (LLVM style): is<T>(x), as<T>(x) (checked in debug builds), dyn<T>(x).
// ------------------------------------------------------------------------------------------

template <class T, class Base>
bool is(const Base& node) { return T::classof(node); }

template <class T, class Base>
T& as(Base& node) { return static_cast<T&>(node); }

template <class T, class Base>
const T& as(const Base& node) { return static_cast<const T&>(node); }

template <class T, class Base>
T* dyn(Base* node) { return node && T::classof(*node) ? static_cast<T*>(node) : nullptr; }

template <class T, class Base>
const T* dyn(const Base* node) { return node && T::classof(*node) ? static_cast<const T*>(node) : nullptr; }

// ------------------------------------------------------------------------------------------
// Names of enumerators, as written in NMODL.
// ------------------------------------------------------------------------------------------

const char* to_string(BinaryOp op);
const char* to_string(UnaryOp op);
const char* to_string(ProcKind kind);
const char* to_string(MechanismKind kind);
const char* to_string(NameListKind kind);
const char* to_string(VarBlockKind kind);

}  // namespace cornu::nmodl

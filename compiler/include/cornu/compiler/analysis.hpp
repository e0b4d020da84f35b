// Semantic analysis of an NMODL module: what the mechanism is, which variables it has and where
// they live, which ions it uses, which blocks are solved how — checked against NEURON's rules.
//
// analyse() never throws; problems go to the DiagnosticEngine. The MechanismInfo it returns
// points into the Module (ProcItem pointers), so the module must outlive it.
#pragma once

#include "cornu/compiler/ast.hpp"
#include "cornu/compiler/diagnostics.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cornu::nmodl {

// Where a variable's value lives at run time, following NEURON 8.2's rules (NEURON_SEMANTICS §H).
enum class Storage {
    range,     // one value per instance (RANGE, STATE, ion copies, currents, unmentioned ASSIGNED)
    global,    // one value for all instances (PARAMETER not RANGE, GLOBAL, file-scope LOCAL)
    constant,  // compile-time constant (CONSTANT, UNITS factors, DEFINE)
    builtin,   // provided by the simulator: v, t, dt, celsius, area, diam
    pointer    // POINTER / BBCOREPOINTER: a reference set up by the user
};

enum class VariableOrigin {
    parameter, assigned, state, constant, unit_factor, define, top_local, builtin, pointer,
    independent, undeclared
};

// Which of an ion's four variables a name is: ena/ek (reversal), nai (inside), nao (outside),
// ina (current).
enum class IonVariableKind { reversal, conc_inside, conc_outside, current };

struct IonVariable {
    std::string ion;
    IonVariableKind kind = IonVariableKind::current;
    bool read = false;
    bool written = false;
};

struct Variable {
    std::string name;
    SourceLocation loc;
    VariableOrigin origin = VariableOrigin::undeclared;
    Storage storage = Storage::range;
    int array_size = 0;  // 0 for scalars
    std::optional<double> value;  // default (PARAMETER), value (CONSTANT, unit factor, DEFINE)
    std::string value_text;
    std::string unit;
    std::optional<IonVariable> ion;
    bool range = false;             // listed in RANGE (or a STATE / current, which are always visible)
    bool global = false;            // listed in GLOBAL
    bool nonspecific_current = false;
    bool electrode_current = false;
    bool assigned_in_code = false;  // written by some statement
    bool read_in_code = false;

    bool is_current() const {
        return nonspecific_current || electrode_current ||
               (ion && ion->kind == IonVariableKind::current && ion->written);
    }
};

struct IonUse {
    std::string name;
    SourceLocation loc;
    std::vector<std::string> read, write;  // full variable names: ena, nai, ...
    std::optional<double> valence;

    bool reads(IonVariableKind k) const;
    bool writes(IonVariableKind k) const;
};

enum class CallableKind { function, procedure, function_table };

struct Callable {
    std::string name;
    CallableKind kind = CallableKind::function;
    const ProcItem* item = nullptr;
    std::size_t arity = 0;
    const TableStmt* table = nullptr;  // the TABLE statement in its body, if any
};

// A SOLVE statement and what it refers to.
struct SolveInfo {
    const SolveStmt* stmt = nullptr;
    const ProcItem* target = nullptr;  // the DERIVATIVE/KINETIC/... block solved
    std::string method;                // "" when SOLVE names a PROCEDURE without METHOD
    bool steadystate = false;
    ProcKind in_block = ProcKind::breakpoint;  // where the SOLVE was written
};

// A construct a later stage (code generation, runtime) does not support, with where it is.
struct Unsupported {
    SourceLocation loc;
    std::string construct;
    std::string detail;
};

struct MechanismInfo {
    std::string name;  // the SUFFIX / POINT_PROCESS / ARTIFICIAL_CELL name
    MechanismKind kind = MechanismKind::density;
    SourceLocation loc;
    std::string title;
    bool threadsafe = false;

    std::vector<IonUse> ions;
    std::vector<Variable> variables;  // declaration order
    // The currents, in the order the NEURON block names them (NONSPECIFIC_CURRENT, ELECTRODE_CURRENT
    // and USEION ... WRITE ix): NEURON sums them in this order.
    std::vector<std::string> currents;
    std::map<std::string, std::size_t> variable_index;
    std::vector<Callable> callables;
    std::vector<SolveInfo> solves;

    // nocmodl concatenates repeated INITIAL and BREAKPOINT blocks, in file order.
    std::vector<const ProcItem*> initial_blocks;
    std::vector<const ProcItem*> breakpoint_blocks;
    const ProcItem* net_receive = nullptr;
    const ProcItem* constructor = nullptr;
    const ProcItem* destructor = nullptr;
    std::vector<const ProcItem*> blocks;  // every ProcItem, in file order
    // Lookups by name for find_callable and find_block, filled as callables and blocks are
    // collected: linear searches made analysis quadratic in the number of blocks and calls
    // (a generated 2 MiB file of FUNCTIONs took 40 s).
    std::map<std::string, std::size_t> callable_index;         // name -> position in callables
    std::map<std::string, const ProcItem*> named_block_index;  // first DERIVATIVE/KINETIC/... so named

    bool has_verbatim = false;
    bool has_net_initial = false;
    bool has_watch = false;
    bool has_for_netcons = false;
    std::vector<Unsupported> unsupported;

    const Variable* find(const std::string& name) const;
    Variable* find(const std::string& name);
    const Callable* find_callable(const std::string& name) const;
    const ProcItem* find_block(const std::string& name) const;
    bool has_currents() const;
    std::vector<const Variable*> states() const;
};

// Analyses `module` (which must have parsed without errors).
MechanismInfo analyse(const Module& module, DiagnosticEngine& diags);

// Names of the four variables of ion `ion`: {"ena", "nai", "nao", "ina"} for "na".
std::string ion_variable_name(const std::string& ion, IonVariableKind kind);

const char* to_string(Storage s);
const char* to_string(VariableOrigin o);

}  // namespace cornu::nmodl

// Kernel code: a mechanism's blocks rearranged into the kernels of the mechanism ABI, with every
// SOLVE lowered to the updates of its method. It is still NMODL AST (so it prints as NMODL for
// `cornu compile --emit=kernels`), but each block now runs per instance at a fixed point of the
// time step, exactly as NEURON's generated C does.
#pragma once

#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/diagnostics.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace cornu {

// A state element solved by an implicit method, in NEURON's order (the order of the equations).
struct StateRef {
    std::string name;
    int element = 0;
    int array_size = 0;
};

// A DERIVATIVE block solved by derivimplicit, or a KINETIC block solved by sparse. The state
// kernel refers to it through a SolveStmt naming the block.
struct ImplicitSystem {
    enum class Method { derivimplicit, sparse };
    Method method = Method::derivimplicit;
    const nmodl::ProcItem* block = nullptr;
    std::vector<StateRef> states;  // KINETIC: in order of appearance; codegen numbers them as nocmodl
    // KINETIC: nocmodl's "linear" (one Newton step): no side holding a state holds a second
    // species (so `~ A <-> B + cao` is nonlinear). The code generator derives the same from the
    // fluxes it builds; this copy is what --emit=kernels shows.
    bool linear = false;
};

struct KernelCode {
    nmodl::BlockPtr init;         // per instance at finitialize: states zeroed, INITIAL blocks
    nmodl::BlockPtr current;      // BREAKPOINT without its SOLVEs; run at v + 0.001 and at v
    nmodl::BlockPtr state;        // SOLVEs lowered; after the voltage update
    nmodl::BlockPtr net_receive;  // per event (NET_RECEIVE without its INITIAL)
    nmodl::BlockPtr net_initial;  // per NetCon at finitialize
    std::vector<ImplicitSystem> systems;
    std::vector<std::string> notes;  // decisions worth telling the user (method fallbacks)
    // The state kernel solves with euler, derivimplicit or sparse. With NEURON's secondorder > 0
    // such a nrn_state runs with dt/2 and then extrapolates every state by dt/2 * its derivative
    // (the generated code's dtsav_for_nrn_state), which makes the step second order.
    bool state_halves_dt = false;

    const ImplicitSystem* system(const std::string& block_name) const;
};

// The name kernel code uses for NEURON's `secondorder` (not an NMODL name, so it cannot clash).
inline constexpr const char* secondorder_name = "_secondorder";

// Lowers an analysed module. Unsupported constructs have already been reported by analysis;
// this never fails on a module `cornu compile` accepts.
KernelCode lower_kernels(const nmodl::MechanismInfo& info, DiagnosticEngine& diags);

// The kernels as NMODL text.
void print_kernels(std::ostream& out, const KernelCode& code);

}  // namespace cornu

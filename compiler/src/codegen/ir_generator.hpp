// Kernel code to LLVM IR (private to the compiler library: only this folder and the JIT see LLVM).
#pragma once

#include "cornu/compiler/kernels.hpp"
#include "cornu/compiler/layout.hpp"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace cornu::codegen {

struct IRGenOptions {
    // Exact: exp, pow, log ... are the C library's scalar functions, as NEURON calls them, so
    // results can match NEURON bit for bit. Fast (default): an inline polynomial exp and vector
    // math, so that instance loops vectorise; results differ from NEURON by rounding only.
    bool exact_math = false;
};

// The kernels a mechanism module defines, by their ABI role.
enum class KernelKind { init, current, jacob, state, net_receive, net_init, watch, table };
const char* to_string(KernelKind k);

// The symbol of a kernel in the generated module: "cornu.<mechanism>.<kernel>".
std::string kernel_symbol(const std::string& mechanism, KernelKind kind);

// Builds the module; returns nullptr after reporting an error (an unsupported construct).
std::unique_ptr<llvm::Module> generate_module(llvm::LLVMContext& context, const nmodl::MechanismInfo& info,
                                              const MechanismLayout& layout, const KernelCode& code,
                                              const IRGenOptions& options, DiagnosticEngine& diags);

// The inline exp used in fast mode, defined in `module` as "cornu.exp" (also used by tests).
void define_fast_exp(llvm::Module& module);

}  // namespace cornu::codegen

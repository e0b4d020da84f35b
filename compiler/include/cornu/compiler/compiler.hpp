// Compiling .mod files to callable kernels at run time: parse, analyse, lower, generate LLVM IR,
// optimise for the host CPU (vectorised), and JIT-link; with an on-disk cache of the object code
// so that a second run of the same mechanisms compiles nothing.
#pragma once

#include "cornu/compiler/diagnostics.hpp"
#include "cornu/compiler/layout.hpp"
#include "cornu/compiler/mechanism_abi.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cornu {

struct CompileOptions {
    // Bit-compatible with NEURON (scalar C library math) instead of vectorised fast math.
    bool exact_math = false;
    // The object cache. Empty: $CORNU_CACHE_DIR, else $XDG_CACHE_HOME/cornu, else ~/.cache/cornu.
    std::string cache_dir;
    bool use_cache = true;
    std::vector<std::string> include_dirs;
};

// The folder the cache uses for `options` (resolving the defaults).
std::string cache_directory(const CompileOptions& options);

using cornu_watch_fn = double (*)(cornu_mech_data*, int64_t instance, int32_t clause);

// A mechanism ready to run: its layout and the addresses of its kernels (null when absent).
struct CompiledMechanism {
    MechanismLayout layout;
    cornu_kernel_fn init = nullptr;
    cornu_kernel_fn current = nullptr;
    cornu_kernel_fn jacob = nullptr;
    cornu_kernel_fn state = nullptr;
    cornu_kernel_fn table = nullptr;
    cornu_net_receive_fn net_receive = nullptr;
    cornu_net_init_fn net_init = nullptr;
    cornu_watch_fn watch = nullptr;
    bool from_cache = false;
    double seconds = 0;  // time taken to get it (compile or cache load)
    std::string key;     // the cache key
};

// A function the generated code may call by name (the runtime's event and random hooks).
struct HostSymbol {
    std::string name;
    void* address = nullptr;
};

enum class EmitStage { ast, kernels, llvm, llvm_optimised, assembly };

class MechanismCompiler {
public:
    explicit MechanismCompiler(CompileOptions options = {}, std::vector<HostSymbol> host_symbols = {});
    ~MechanismCompiler();
    MechanismCompiler(const MechanismCompiler&) = delete;
    MechanismCompiler& operator=(const MechanismCompiler&) = delete;

    // False (with a message in error()) if the JIT could not be set up for this machine.
    bool ok() const;
    const std::string& error() const;
    // The CPU and features code is generated for, e.g. "znver4 +avx512f,...".
    std::string target_description() const;

    // Compiles a file (or takes it from the cache). Problems go to `diags`.
    std::optional<CompiledMechanism> compile_file(const std::string& path, SourceManager& sources,
                                                  DiagnosticEngine& diags);
    std::optional<CompiledMechanism> compile_text(const std::string& name, const std::string& text,
                                                  SourceManager& sources, DiagnosticEngine& diags);

    // The result of one stage of the pipeline as text (for `cornu compile --emit=...`).
    std::optional<std::string> emit(const std::string& path, EmitStage stage, SourceManager& sources,
                                    DiagnosticEngine& diags);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cornu

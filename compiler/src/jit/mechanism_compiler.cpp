// The run-time compiler: front end, code generation, host-CPU optimisation, JIT linking and the
// on-disk object cache.
#include "cornu/compiler/compiler.hpp"

#include "../codegen/ir_generator.hpp"
#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/ast_printer.hpp"
#include "cornu/compiler/kernels.hpp"
#include "cornu/compiler/parser.hpp"
#include "cornu/compiler/runtime_hooks.h"
#include "object_cache.hpp"

#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/DiagnosticHandler.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/StringSaver.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <chrono>
#include <cstdio>
#include <unistd.h>
#include <ctime>
#include <functional>
#include <mutex>
#include <set>
#include <sstream>

extern "C" const char* cornu_compiler_build_id();

namespace cornu {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string llvm_error(llvm::Error error) {
    std::string text;
    llvm::raw_string_ostream out(text);
    out << error;
    return text;
}

// Defaults for the runtime's hooks, used when the host program supplies none (the compiler's own
// tools and tests): events go nowhere, random numbers are 0, solver failures are reported.
extern "C" {
void cornu_default_net_send(void*, int32_t, int64_t, double*, double, double) {}
void cornu_default_net_event(void*, int32_t, int64_t, double) {}
void cornu_default_net_move(void*, int32_t, int64_t, double) {}
void cornu_default_watch(void*, int32_t, int64_t, int32_t, double) {}
int64_t cornu_default_netcon_count(void*, int32_t, int64_t) { return 0; }
double* cornu_default_netcon_weights(void*, int32_t, int64_t, int64_t) { return nullptr; }
double cornu_default_random(void*, int32_t, int64_t, int32_t, double, double) { return 0.0; }
void cornu_default_set_seed(void*, int32_t, int64_t, double) {}
double cornu_default_play_time(void*, int32_t, int64_t, double) { return -1.0; }
double cornu_default_function_table(void*, int32_t, int32_t, int32_t, const double*) {
    return std::numeric_limits<double>::quiet_NaN();
}
void cornu_default_solver_failed(void*, int32_t mech, int64_t instance, int32_t code) {
    std::fprintf(stderr, "cornu: solver failure %d in mechanism %d, instance %lld\n", code, mech,
                 static_cast<long long>(instance));
}
}

std::vector<HostSymbol> default_symbols() {
    return {
        {"cornu_hoc_exp", reinterpret_cast<void*>(&cornu_hoc_exp)},
        {"cornu_derivimplicit", reinterpret_cast<void*>(&cornu_derivimplicit)},
        {"cornu_kinetic_solve", reinterpret_cast<void*>(&cornu_kinetic_solve)},
        {"cornu_rt_net_send", reinterpret_cast<void*>(&cornu_default_net_send)},
        {"cornu_rt_net_event", reinterpret_cast<void*>(&cornu_default_net_event)},
        {"cornu_rt_net_move", reinterpret_cast<void*>(&cornu_default_net_move)},
        {"cornu_rt_watch", reinterpret_cast<void*>(&cornu_default_watch)},
        {"cornu_rt_netcon_count", reinterpret_cast<void*>(&cornu_default_netcon_count)},
        {"cornu_rt_netcon_weights", reinterpret_cast<void*>(&cornu_default_netcon_weights)},
        {"cornu_rt_random", reinterpret_cast<void*>(&cornu_default_random)},
        {"cornu_rt_set_seed", reinterpret_cast<void*>(&cornu_default_set_seed)},
        {"cornu_rt_play_time", reinterpret_cast<void*>(&cornu_default_play_time)},
        {"cornu_rt_solver_failed", reinterpret_cast<void*>(&cornu_default_solver_failed)},
        {"cornu_rt_function_table", reinterpret_cast<void*>(&cornu_default_function_table)},
    };
}

// CPU time of the calling thread: what a compilation costs, whatever else runs on the machine.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// With CORNU_TIMING set, prints how long each phase of a compilation took (to stderr): wall
// time, and the thread's CPU time in parentheses.
class PhaseTimer {
public:
    void mark(const char* phase) {
        auto now = Clock::now();
        double cpu = thread_cpu_seconds();
        phases_.push_back({phase, std::chrono::duration<double>(now - last_).count() * 1e3, (cpu - last_cpu_) * 1e3});
        last_ = now;
        last_cpu_ = cpu;
    }
    void report(const std::string& name) const {
        if (!std::getenv("CORNU_TIMING")) return;
        std::fprintf(stderr, "cornu: compiled %s:", name.c_str());
        for (const Phase& p : phases_) std::fprintf(stderr, " %s %.1f ms (cpu %.1f);", p.name, p.wall_ms, p.cpu_ms);
        std::fprintf(stderr, "\n");
    }

private:
    struct Phase {
        const char* name;
        double wall_ms, cpu_ms;
    };
    Clock::time_point last_ = Clock::now();
    double last_cpu_ = thread_cpu_seconds();
    std::vector<Phase> phases_;
};

// The LLVM options given in CORNU_LLVM_OPTIONS (parsed once per process; part of the cache key,
// since options such as -force-vector-width change the code).
std::string& llvm_options() {
    static std::string options;
    return options;
}

// ---- The optimisation pipelines ----
//
// Kernels fall in two groups, compiled as two modules:
//  * hot: the kernels that run every time step or per event (BREAKPOINT currents and their
//    conductance, SOLVE, NET_RECEIVE, WATCH). They get `hot_pipeline` below and the full code
//    generator (CodeGenOptLevel::Aggressive).
//  * cold: INITIAL, NET_RECEIVE's INITIAL and the TABLE builders, which run once per simulation
//    (the TABLE kernel: once per change of what the table depends on). They get
//    `cold_pipeline` (inlining and the basic scalar clean-ups) and the unoptimised code generator
//    (fast instruction selection and register allocation). Their results are the same: no pass
//    here, and no code generator level, changes floating-point results (no fast-math flags; the
//    only contractions are explicit llvm.fmuladd, lowered to FMA at every level).
//
// hot_pipeline replaces LLVM's -O3 (buildPerModuleDefaultPipeline), which costs about twice as
// much on kernels: after always-inline the module is a few straight-line loop functions, so the
// CGSCC inliner, function-attribute inference, IPSCCP, the called-value propagation, the second
// and third rounds of the function simplification, the SLP vectoriser, and the partial and
// runtime unrolling of scalar loops find nothing to do or nothing worth the time. What remains,
// in -O3's order: the function simplification passes once (SROA, EarlyCSE, InstCombine,
// SimplifyCFG, LICM, loop rotation and unswitching, induction variables, full unrolling of
// constant-trip FROM loops at -O3's threshold, then EarlyCSE with memory SSA where -O3 runs GVN,
// MemCpyOpt and DSE: after SROA kernels keep their values in registers, so GVN and DSE found
// little more and cost 2-3 ms on hh), then the vector-library mappings, the loop vectoriser and
// a late clean-up (EarlyCSE folds the identical calls of a replicated uniform call, InstCombine,
// SimplifyCFG, LICM hoists what became invariant). Jump threading is left out: the one loop
// condition it helped unswitch, TABLE's usetable, is versioned by the IR generator.
constexpr const char* hot_pipeline =
    "inferattrs,always-inline,globaldce,"
    "function(sroa<modify-cfg>,early-cse<memssa>,instcombine<max-iterations=1;no-verify-fixpoint>,simplifycfg,"
    "loop-mssa(licm<allowspeculation>,loop-rotate<header-duplication>,licm<allowspeculation>,"
    "simple-loop-unswitch<nontrivial;trivial>),"
    "simplifycfg,instcombine<max-iterations=1;no-verify-fixpoint>,loop(indvars,loop-deletion),"
    "loop-unroll<O3;no-partial;no-runtime;no-upperbound;no-profile-peeling;no-peeling>,"
    "sroa<modify-cfg>,early-cse<memssa>,instcombine<max-iterations=1;no-verify-fixpoint>,simplifycfg,"
    "inject-tli-mappings,loop-vectorize,"
    "early-cse,instcombine<max-iterations=1;no-verify-fixpoint>,simplifycfg,loop-mssa(licm<allowspeculation>))";

constexpr const char* cold_pipeline =
    "always-inline,globaldce,"
    "function(sroa<modify-cfg>,early-cse<memssa>,instcombine<max-iterations=1;no-verify-fixpoint>,simplifycfg)";

// CORNU_JIT_PIPELINE=o3 (for comparisons): the previous scheme, one module through LLVM's -O3
// and the full code generator, no hints on the instance loops.
bool legacy_o3_pipeline() {
    const char* p = std::getenv("CORNU_JIT_PIPELINE");
    return p && std::string(p) == "o3";
}

// CORNU_JIT_PASSES (for developers): the hot module's pipeline in `opt -passes=` syntax.
std::string hot_pipeline_text() {
    const char* p = std::getenv("CORNU_JIT_PASSES");
    return p && *p ? std::string(p) : std::string(hot_pipeline);
}

// The loop vectoriser reports its analysis of every loop that has explicit hints (our vector
// width) as a remark nobody asked for; this handler drops those unless -pass-remarks-analysis
// asks for them, and leaves everything else to LLVM's default printing.
struct QuietRemarks : llvm::DiagnosticHandler {
    bool handleDiagnostics(const llvm::DiagnosticInfo& info) override {
        if (auto* remark = llvm::dyn_cast<llvm::DiagnosticInfoOptimizationBase>(&info))
            if (remark->getPassName() == llvm::StringRef(llvm::OptimizationRemarkAnalysis::AlwaysPrint))
                return !isAnalysisRemarkEnabled("loop-vectorize");
        return false;
    }
};

void quiet_remarks(llvm::LLVMContext& ctx) { ctx.setDiagnosticHandler(std::make_unique<QuietRemarks>()); }

// Everything the front end produces for one mechanism.
struct FrontEnd {
    nmodl::Module module;
    nmodl::MechanismInfo info;
    KernelCode code;
    MechanismLayout layout;
};

}  // namespace

std::string cache_directory(const CompileOptions& options) {
    if (!options.cache_dir.empty()) return options.cache_dir;
    if (const char* env = std::getenv("CORNU_CACHE_DIR"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/cornu";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/cornu";
    return ".cornu-cache";
}

struct MechanismCompiler::Impl {
    CompileOptions options;
    std::vector<HostSymbol> symbols;
    std::unique_ptr<llvm::orc::LLJIT> jit;
    std::optional<llvm::orc::JITTargetMachineBuilder> machine_builder;
    std::unique_ptr<llvm::TargetMachine> machine;       // the hot kernels: full optimisation
    std::unique_ptr<llvm::TargetMachine> cold_machine;  // the cold kernels: made on first use
    std::string error;
    int dylibs = 0;

    bool setup() {
        static std::once_flag once;
        std::call_once(once, [] {
            llvm::InitializeNativeTarget();
            llvm::InitializeNativeTargetAsmPrinter();
            // For developers: LLVM's own options, e.g. CORNU_LLVM_OPTIONS="-pass-remarks-missed=loop-vectorize
            // -force-vector-width=4" (several, separated by spaces).
            if (const char* extra = std::getenv("CORNU_LLVM_OPTIONS"); extra && *extra) {
                static llvm::BumpPtrAllocator allocator;
                static llvm::StringSaver saver(allocator);
                llvm::SmallVector<const char*, 8> argv{"cornu"};
                llvm::cl::TokenizeGNUCommandLine(extra, saver, argv);
                llvm::cl::ParseCommandLineOptions(static_cast<int>(argv.size()), argv.data());
                llvm_options() = extra;
            }
        });
        auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
        if (!builder) {
            error = "cannot describe this machine for the JIT: " + llvm_error(builder.takeError());
            return false;
        }
        builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
        auto tm = builder->createTargetMachine();
        if (!tm) {
            error = "cannot create a code generator for this machine: " + llvm_error(tm.takeError());
            return false;
        }
        machine = std::move(*tm);
        machine_builder = std::move(*builder);
        auto created = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*machine_builder).create();
        if (!created) {
            error = "cannot start the JIT: " + llvm_error(created.takeError());
            return false;
        }
        jit = std::move(*created);
        return true;
    }

    std::string target() const {
        return machine->getTargetCPU().str() + " " + machine->getTargetFeatureString().str();
    }

    // ---- front end ----

    std::optional<FrontEnd> front_end(const std::string& name, const std::string& text, SourceManager& sources,
                                      DiagnosticEngine& diags, std::vector<std::string>* included) {
        nmodl::ParseOptions parse_options;
        parse_options.include_dirs = options.include_dirs;
        FrontEnd fe;
        fe.module = nmodl::parse_text(name, text, sources, diags, parse_options);
        if (diags.has_errors()) return std::nullopt;
        if (included)
            for (const auto& item : fe.module.items)
                if (auto* inc = nmodl::dyn<nmodl::IncludeItem>(item.get())) included->push_back(inc->resolved_path);
        fe.info = nmodl::analyse(fe.module, diags);
        if (diags.has_errors()) return std::nullopt;
        for (const nmodl::Unsupported& u : fe.info.unsupported)
            diags.error(u.loc, u.construct + " is not supported: " + u.detail,
                        "cornu compiles this file only without it; `cornu check` lists every such construct");
        if (diags.has_errors()) return std::nullopt;
        fe.code = lower_kernels(fe.info, diags);
        fe.layout = make_layout(fe.info);
        return fe;
    }

    std::unique_ptr<llvm::Module> generate(FrontEnd& fe, llvm::LLVMContext& ctx, DiagnosticEngine& diags) {
        codegen::IRGenOptions ir_options;
        ir_options.exact_math = options.exact_math;
        return codegen::generate_module(ctx, fe.info, fe.layout, fe.code, ir_options, diags);
    }

    // ---- optimisation for this CPU ----

    bool avx512() const { return machine->getTargetFeatureString().contains("+avx512f"); }

    // Target attributes on every function of `m` (the mechanism `mechanism`), and with `hints`
    // our vectoriser hints on its instance loops.
    void prepare(llvm::Module& m, const std::string& mechanism, bool hints) {
        m.setDataLayout(machine->createDataLayout());
        m.setTargetTriple(machine->getTargetTriple().str());
        bool wide = avx512();
        for (llvm::Function& f : m) {
            if (f.isDeclaration()) continue;
            f.addFnAttr("target-cpu", machine->getTargetCPU());
            f.addFnAttr("target-features", machine->getTargetFeatureString());
            // LLVM defaults to 256-bit vectors on AVX-512 CPUs (clock throttling on old Xeons);
            // kernels are long floating-point loops that gain from the full width.
            if (wide) f.addFnAttr("prefer-vector-width", "512");
        }
        if (hints && wide) hint_instance_loops(m, mechanism);
    }

    // On AVX-512 the instance loops (the loops the generator declares parallel) are vectorised
    // 8 doubles wide, with the remainder folded into the vector loop as masked lanes instead of
    // a scalar copy of the loop for the last n mod 8 instances: that copy was half of the
    // machine code to generate, and masked loads and stores of the instance arrays cost the same
    // as plain ones with AVX-512 (small loops keep the remainder: fold_threshold). Giving the
    // width spares the vectoriser the costing of the other widths. The current kernels' loops are
    // left to the vectoriser's own choices: with the hints, their gathers and scatters to the
    // nodes made hh's current kernel 10-40 % slower, and masking their contiguous versions (for
    // cornu_mech_data.contiguous) made those 30 % slower at 10^5 instances (bench/kernels).
    // (With AVX2 masked stores are slow on some CPUs, so there the vectoriser decides alone.)
    // Loops smaller than this (with their callees) keep the scalar remainder: it costs little
    // to compile, and masking made Exp2Syn's state kernel (122 instructions) 10-20 % slower.
    // hh's state loop is about 590, a three-state KINETIC one 880.
    static constexpr std::size_t fold_threshold = 300;

    static bool is_current_kernel(const llvm::Function& f, const std::string& mechanism) {
        // The kernel itself, or its instance loop "<kernel>.loop" (not inlined yet here).
        llvm::StringRef name = f.getName();
        name.consume_back(".loop");
        using K = codegen::KernelKind;
        return name == codegen::kernel_symbol(mechanism, K::current) || name == codegen::kernel_symbol(mechanism, K::jacob);
    }

    // Instructions in `f` with every function it calls inlined (kernels' callees are all
    // always-inline): how much code the vectoriser would copy for a scalar remainder.
    static std::size_t inlined_size(const llvm::Function& f, std::map<const llvm::Function*, std::size_t>& sizes,
                                    int depth = 0) {
        if (auto it = sizes.find(&f); it != sizes.end()) return it->second;
        std::size_t size = 0;
        for (const llvm::BasicBlock& bb : f)
            for (const llvm::Instruction& inst : bb) {
                ++size;
                if (auto* call = llvm::dyn_cast<llvm::CallBase>(&inst))
                    if (const llvm::Function* callee = call->getCalledFunction();
                        callee && !callee->isDeclaration() && depth < 16)
                        size += inlined_size(*callee, sizes, depth + 1);
            }
        sizes[&f] = size;
        return size;
    }

    static void hint_instance_loops(llvm::Module& m, const std::string& mechanism) {
        std::map<const llvm::Function*, std::size_t> sizes;
        llvm::LLVMContext& ctx = m.getContext();
        auto hint = [&](const char* name, llvm::Constant* value) {
            llvm::Metadata* ops[] = {llvm::MDString::get(ctx, name), llvm::ConstantAsMetadata::get(value)};
            return llvm::MDNode::get(ctx, ops);
        };
        llvm::MDNode* fold = hint("llvm.loop.vectorize.predicate.enable", llvm::ConstantInt::getTrue(ctx));
        llvm::MDNode* width =
            hint("llvm.loop.vectorize.width", llvm::ConstantInt::get(llvm::Type::getInt32Ty(ctx), 8));
        for (llvm::Function& f : m)
            for (llvm::BasicBlock& bb : f) {
                llvm::Instruction* latch = bb.getTerminator();
                llvm::MDNode* id = latch ? latch->getMetadata(llvm::LLVMContext::MD_loop) : nullptr;
                if (!id) continue;
                bool parallel = false;
                for (const llvm::MDOperand& op : id->operands())
                    if (auto* node = llvm::dyn_cast_or_null<llvm::MDNode>(op.get()); node && node->getNumOperands() > 0)
                        if (auto* name = llvm::dyn_cast<llvm::MDString>(node->getOperand(0)))
                            parallel = parallel || name->getString() == "llvm.loop.parallel_accesses";
                if (!parallel) continue;
                llvm::SmallVector<llvm::Metadata*, 4> ops(id->op_begin(), id->op_end());
                if (!is_current_kernel(f, mechanism)) {
                    if (inlined_size(f, sizes) >= fold_threshold) ops.push_back(fold);
                    ops.push_back(width);
                }
                llvm::MDNode* loop_id = llvm::MDNode::getDistinct(ctx, ops);
                loop_id->replaceOperandWith(0, loop_id);
                latch->setMetadata(llvm::LLVMContext::MD_loop, loop_id);
            }
    }

    // Runs `pipeline` (opt's syntax; empty: LLVM's -O3) on `m`, with the host's vector math
    // library known to the vectoriser.
    bool optimise(llvm::Module& m, const std::string& pipeline, std::string& problem) {
        llvm::LoopAnalysisManager lam;
        llvm::FunctionAnalysisManager fam;
        llvm::CGSCCAnalysisManager cgam;
        llvm::ModuleAnalysisManager mam;
        llvm::PipelineTuningOptions tuning;
        tuning.LoopVectorization = true;
        tuning.SLPVectorization = true;
        llvm::PassBuilder pb(machine.get(), tuning);
        llvm::Triple triple(m.getTargetTriple());
        llvm::TargetLibraryInfoImpl library(triple);
        if (!options.exact_math) {
            // glibc's vector math for pow, log, sin, cos: LLVM knows the 2- and 4-wide variants;
            // the 8-wide (AVX-512) ones exist in glibc too.
            library.addVectorizableFunctionsFromVecLib(llvm::TargetLibraryInfoImpl::LIBMVEC_X86, triple);
            if (avx512()) {
                auto eight = llvm::ElementCount::getFixed(8);
                library.addVectorizableFunctions({
                    llvm::VecDesc("llvm.pow.f64", "_ZGVeN8vv_pow", eight, false, "_ZGV_LLVM_N8vv"),
                    llvm::VecDesc("llvm.log.f64", "_ZGVeN8v_log", eight, false, "_ZGV_LLVM_N8v"),
                    llvm::VecDesc("llvm.sin.f64", "_ZGVeN8v_sin", eight, false, "_ZGV_LLVM_N8v"),
                    llvm::VecDesc("llvm.cos.f64", "_ZGVeN8v_cos", eight, false, "_ZGV_LLVM_N8v"),
                });
            }
        }
        fam.registerPass([&] { return llvm::TargetLibraryAnalysis(library); });
        pb.registerModuleAnalyses(mam);
        pb.registerCGSCCAnalyses(cgam);
        pb.registerFunctionAnalyses(fam);
        pb.registerLoopAnalyses(lam);
        pb.crossRegisterProxies(lam, fam, cgam, mam);
        llvm::ModulePassManager passes;
        if (pipeline.empty()) {
            passes = pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
        } else if (auto e = pb.parsePassPipeline(passes, pipeline)) {
            problem = "bad pass pipeline: " + llvm_error(std::move(e));
            return false;
        }
        passes.run(m, mam);
        return true;
    }

    llvm::TargetMachine* cold_target() {
        if (!cold_machine) {
            llvm::orc::JITTargetMachineBuilder builder = *machine_builder;
            builder.setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
            auto tm = builder.createTargetMachine();
            if (!tm) {
                llvm::consumeError(tm.takeError());
                return nullptr;
            }
            cold_machine = std::move(*tm);
        }
        return cold_machine.get();
    }

    static bool emit_file(llvm::TargetMachine& target, llvm::Module& m, llvm::CodeGenFileType type,
                          llvm::SmallVectorImpl<char>& out) {
        llvm::raw_svector_ostream stream(out);
        llvm::legacy::PassManager pm;
        if (target.addPassesToEmitFile(pm, stream, nullptr, type)) return false;
        pm.run(m);
        return true;
    }

    static bool is_cold_kernel(const llvm::GlobalValue& g, const std::string& mechanism) {
        using K = codegen::KernelKind;
        for (K kind : {K::init, K::net_init, K::table})
            if (g.getName() == codegen::kernel_symbol(mechanism, kind)) return true;
        return false;
    }

    // Moves the cold kernels of `m` (see the pipelines above) into a module of their own, which
    // it returns. A definition visible outside its module lives in exactly one of the two; the
    // other declares it, and the JIT links the two objects to each other. Internal functions and
    // constants are copied into both. Internal variables (a KINETIC solver's plan, made on first
    // use) are state the two halves share: they become external, defined in the hot module.
    static std::unique_ptr<llvm::Module> split_cold(llvm::Module& m, const std::string& mechanism) {
        for (llvm::GlobalVariable& g : m.globals())
            if (!g.isDeclaration() && !g.isConstant() && g.hasLocalLinkage()) {
                if (!g.hasName()) g.setName("cornu.state");
                g.setLinkage(llvm::GlobalValue::ExternalLinkage);
                g.setVisibility(llvm::GlobalValue::HiddenVisibility);
            }
        llvm::ValueToValueMapTy map;
        auto cold = llvm::CloneModule(m, map, [&](const llvm::GlobalValue* g) {
            return g->hasLocalLinkage() || is_cold_kernel(*g, mechanism);
        });
        // The cold kernels no longer need noalias: they stay scalar, and without it inlining
        // skips making alias scopes for every access.
        for (llvm::Function& f : *cold)
            for (llvm::Argument& a : f.args()) a.removeAttr(llvm::Attribute::NoAlias);
        std::vector<llvm::Function*> moved;
        for (llvm::Function& f : m)
            if (!f.isDeclaration() && is_cold_kernel(f, mechanism)) moved.push_back(&f);
        for (llvm::Function* f : moved) {
            if (f->use_empty())
                f->eraseFromParent();
            else
                f->deleteBody();
        }
        return cold;
    }

    // Whether `m` defines anything visible outside it (otherwise it would compile to nothing).
    static bool defines_symbols(const llvm::Module& m) {
        for (const llvm::GlobalValue& g : m.global_values())
            if (!g.isDeclaration() && !g.hasLocalLinkage()) return true;
        return false;
    }

    // Optimises and compiles the module made by generate(): one object for the hot and one for
    // the cold kernels (one for all with CORNU_JIT_PIPELINE=o3). `timer` marks the phases; `show`
    // sees each optimised module; with `out` null nothing is compiled past the optimised IR.
    bool build(llvm::Module& m, const std::string& mechanism, llvm::CodeGenFileType type,
               std::vector<llvm::SmallVector<char, 0>>* out, std::string& problem, PhaseTimer* timer,
               std::function<void(llvm::Module&, const char*)> show = nullptr) {
        auto emit = [&](llvm::TargetMachine& target, llvm::Module& module) {
            if (!out) return true;
            out->emplace_back();
            return emit_file(target, module, type, out->back());
        };
        auto mark = [&](const char* phase) {
            if (timer) timer->mark(phase);
        };
        if (legacy_o3_pipeline()) {
            prepare(m, mechanism, false);
            if (!optimise(m, "", problem)) return false;
            mark("optimise");
            if (show) show(m, "all kernels (-O3)");
            if (!emit(*machine, m)) return false;
            mark("machine code");
            return true;
        }
        prepare(m, mechanism, true);
        std::unique_ptr<llvm::Module> cold = split_cold(m, mechanism);
        mark("split");
        if (defines_symbols(m)) {
            if (!optimise(m, hot_pipeline_text(), problem)) return false;
            mark("optimise");
            if (show) show(m, "kernels run every step or event (optimised, full code generator)");
            if (!emit(*machine, m)) return false;
            mark("machine code");
        }
        if (defines_symbols(*cold)) {
            llvm::TargetMachine* target = cold_target();
            if (!target) {
                problem = "cannot create an unoptimising code generator";
                return false;
            }
            if (!optimise(*cold, cold_pipeline, problem)) return false;
            if (show) show(*cold, "kernels run once (INITIAL, TABLE; scalar clean-ups, fast code generator)");
            if (!emit(*target, *cold)) return false;
            mark("cold kernels");
        }
        return true;
    }

    // ---- linking ----

    llvm::Expected<llvm::orc::JITDylib&> new_dylib() {
        auto dylib = jit->createJITDylib("mechanism" + std::to_string(++dylibs));
        if (!dylib) return dylib.takeError();
        llvm::orc::JITDylib& jd = *dylib;
        llvm::orc::MangleAndInterner mangle(jit->getExecutionSession(), jit->getDataLayout());
        llvm::orc::SymbolMap map;
        for (const HostSymbol& s : symbols)
            map[mangle(s.name)] = {llvm::orc::ExecutorAddr::fromPtr(s.address), llvm::JITSymbolFlags::Exported};
        if (auto e = jd.define(llvm::orc::absoluteSymbols(std::move(map)))) return e;
        char prefix = jit->getDataLayout().getGlobalPrefix();
        // The C library's math functions, and glibc's vector math library for vectorised calls.
        auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix);
        if (!process) return process.takeError();
        jd.addGenerator(std::move(*process));
        if (auto mvec = llvm::orc::DynamicLibrarySearchGenerator::Load("libmvec.so.1", prefix))
            jd.addGenerator(std::move(*mvec));
        else
            llvm::consumeError(mvec.takeError());
        return jd;
    }

    template <class T>
    bool lookup(llvm::orc::JITDylib& jd, const MechanismLayout& layout, codegen::KernelKind kind, T& out,
                std::string& problem) {
        auto address = jit->lookup(jd, codegen::kernel_symbol(layout.name, kind));
        if (!address) {
            // A kernel the mechanism does not need is simply absent.
            std::string text = llvm_error(address.takeError());
            if (text.find("Symbols not found") == std::string::npos) problem = text;
            out = nullptr;
            return problem.empty();
        }
        out = address->toPtr<T>();
        return true;
    }

    // Links the objects of one mechanism (the hot and the cold kernels) into a JITDylib of their
    // own, where they resolve each other's symbols.
    std::optional<CompiledMechanism> link(const std::vector<llvm::StringRef>& objects, const MechanismLayout& layout,
                                          DiagnosticEngine& diags, SourceLocation where) {
        auto jd = new_dylib();
        if (!jd) {
            diags.error(where, "JIT error: " + llvm_error(jd.takeError()), "please report this");
            return std::nullopt;
        }
        for (std::size_t k = 0; k < objects.size(); ++k) {
            auto buffer = llvm::MemoryBuffer::getMemBufferCopy(objects[k], layout.name + "." + std::to_string(k));
            if (auto e = jit->addObjectFile(*jd, std::move(buffer))) {
                diags.error(where, "JIT error: " + llvm_error(std::move(e)), "please report this");
                return std::nullopt;
            }
        }
        CompiledMechanism m;
        m.layout = layout;
        std::string problem;
        using K = codegen::KernelKind;
        bool ok = lookup(*jd, layout, K::init, m.init, problem) && lookup(*jd, layout, K::current, m.current, problem) &&
                  lookup(*jd, layout, K::jacob, m.jacob, problem) && lookup(*jd, layout, K::state, m.state, problem) &&
                  lookup(*jd, layout, K::table, m.table, problem) &&
                  lookup(*jd, layout, K::net_receive, m.net_receive, problem) &&
                  lookup(*jd, layout, K::net_init, m.net_init, problem) && lookup(*jd, layout, K::watch, m.watch, problem);
        if (!ok || !m.init) {
            diags.error(where, "JIT linking of " + layout.name + " failed: " + (problem.empty() ? "no init kernel" : problem),
                        "please report this");
            return std::nullopt;
        }
        if (std::getenv("CORNU_PERF_MAP")) write_perf_map(*jd, objects);
        return m;
    }

    // With CORNU_PERF_MAP set, appends the address, size and name of every function the objects
    // export to /tmp/perf-<pid>.map, where `perf report` finds names for JIT-compiled code
    // (kernels inline everything they call, so each kernel is one entry).
    void write_perf_map(llvm::orc::JITDylib& jd, const std::vector<llvm::StringRef>& objects) {
        std::string path = "/tmp/perf-" + std::to_string(::getpid()) + ".map";
        std::FILE* out = std::fopen(path.c_str(), "a");
        if (!out) return;
        for (llvm::StringRef bytes : objects) {
            auto object = llvm::object::ObjectFile::createObjectFile(llvm::MemoryBufferRef(bytes, "kernels"));
            if (!object) {
                llvm::consumeError(object.takeError());
                continue;
            }
            auto* elf = llvm::dyn_cast<llvm::object::ELFObjectFileBase>(object->get());
            if (!elf) continue;
            for (const llvm::object::ELFSymbolRef& symbol : elf->symbols()) {
                auto type = symbol.getType();
                auto flags = symbol.getFlags();
                auto name = symbol.getName();
                if (!type || !flags || !name || *type != llvm::object::SymbolRef::ST_Function ||
                    !(*flags & llvm::object::BasicSymbolRef::SF_Global) || (*flags & llvm::object::BasicSymbolRef::SF_Undefined)) {
                    if (!type) llvm::consumeError(type.takeError());
                    if (!flags) llvm::consumeError(flags.takeError());
                    if (!name) llvm::consumeError(name.takeError());
                    continue;
                }
                auto address = jit->lookup(jd, *name);
                if (!address) {
                    llvm::consumeError(address.takeError());
                    continue;
                }
                std::fprintf(out, "%llx %llx %s\n", static_cast<unsigned long long>(address->getValue()),
                             static_cast<unsigned long long>(symbol.getSize()), name->str().c_str());
            }
        }
        std::fclose(out);
    }

    // ---- the cache key ----

    std::string key(const std::string& text) const {
        std::ostringstream material;
        material << "cornu " << cornu_compiler_build_id() << " abi " << CORNU_ABI_VERSION << " target " << target()
                 << " exact " << options.exact_math << "\n";
        // What else changes the code: LLVM itself, its options, and the developers' pipeline choices.
        material << "llvm " << LLVM_VERSION_STRING << " options " << llvm_options() << "\n";
        if (legacy_o3_pipeline())
            material << "pipeline o3\n";
        else if (const char* passes = std::getenv("CORNU_JIT_PASSES"); passes && *passes)
            material << "passes " << passes << "\n";
        for (const std::string& dir : options.include_dirs) material << "include " << dir << "\n";
        material << text;
        return ObjectCache::hash(material.str());
    }

    std::optional<CompiledMechanism> compile(const std::string& name, const std::string& text, SourceManager& sources,
                                             DiagnosticEngine& diags) {
        auto start = Clock::now();
        ObjectCache cache(cache_directory(options));
        std::string cache_key = key(text);
        if (options.use_cache) {
            if (auto entry = cache.load(cache_key)) {
                if (auto layout = deserialise_layout(entry->layout)) {
                    std::vector<llvm::StringRef> objects;
                    for (const auto& object : entry->objects) objects.emplace_back(object.data(), object.size());
                    if (auto m = link(objects, *layout, diags, {})) {
                        m->from_cache = true;
                        m->key = cache_key;
                        m->seconds = seconds_since(start);
                        return m;
                    }
                }
            }
        }
        std::vector<std::string> included;
        PhaseTimer timer;
        auto fe = front_end(name, text, sources, diags, &included);
        if (!fe) return std::nullopt;
        timer.mark("front end");
        llvm::LLVMContext ctx;
        quiet_remarks(ctx);
        auto module = generate(*fe, ctx, diags);
        if (!module) return std::nullopt;
        timer.mark("IR");
        std::vector<llvm::SmallVector<char, 0>> objects;
        std::string problem;
        if (!build(*module, fe->layout.name, llvm::CodeGenFileType::ObjectFile, &objects, problem, &timer)) {
            diags.error(fe->info.loc, "cannot emit machine code for this CPU" + (problem.empty() ? "" : ": " + problem),
                        "please report this");
            return std::nullopt;
        }
        std::vector<llvm::StringRef> views;
        for (const auto& object : objects) views.emplace_back(object.data(), object.size());
        if (options.use_cache) cache.store(cache_key, views, serialise(fe->layout), included);
        auto m = link(views, fe->layout, diags, fe->info.loc);
        timer.mark("link");
        timer.report(fe->info.name);
        if (!m) return std::nullopt;
        m->key = cache_key;
        m->seconds = seconds_since(start);
        return m;
    }

    std::optional<std::string> emit(const std::string& path, EmitStage stage, SourceManager& sources,
                                    DiagnosticEngine& diags) {
        std::string text;
        if (!read_file(path, text, diags)) return std::nullopt;
        std::ostringstream out;
        if (stage == EmitStage::ast) {
            nmodl::ParseOptions parse_options;
            parse_options.include_dirs = options.include_dirs;
            nmodl::Module module = nmodl::parse_text(path, text, sources, diags, parse_options);
            if (diags.has_errors()) return std::nullopt;
            nmodl::dump_ast(out, module);
            return out.str();
        }
        auto fe = front_end(path, text, sources, diags, nullptr);
        if (!fe) return std::nullopt;
        if (stage == EmitStage::kernels) {
            print_kernels(out, fe->code);
            out << serialise(fe->layout);
            return out.str();
        }
        llvm::LLVMContext ctx;
        quiet_remarks(ctx);
        auto module = generate(*fe, ctx, diags);
        if (!module) return std::nullopt;
        if (stage == EmitStage::llvm) {
            prepare(*module, fe->layout.name, !legacy_o3_pipeline());
            std::string ir;
            llvm::raw_string_ostream stream(ir);
            module->print(stream, nullptr);
            return ir;
        }
        // The optimised IR of each module, or the assembly of each, one after the other.
        std::string shown;
        auto show = [&](llvm::Module& m, const char* what) {
            if (stage != EmitStage::llvm_optimised) return;
            llvm::raw_string_ostream stream(shown);
            stream << "; ---- " << what << " ----\n";
            m.print(stream, nullptr);
        };
        std::vector<llvm::SmallVector<char, 0>> objects;
        std::string problem;
        bool assembly_wanted = stage != EmitStage::llvm_optimised;
        if (!build(*module, fe->layout.name, llvm::CodeGenFileType::AssemblyFile, assembly_wanted ? &objects : nullptr,
                   problem, nullptr, show)) {
            diags.error(fe->info.loc, "cannot emit machine code for this CPU" + (problem.empty() ? "" : ": " + problem),
                        "please report this");
            return std::nullopt;
        }
        if (stage == EmitStage::llvm_optimised) return shown;
        std::string assembly;
        for (const auto& object : objects) assembly.append(object.data(), object.size());
        return assembly;
    }

    static bool read_file(const std::string& path, std::string& text, DiagnosticEngine& diags) {
        std::string error_text;
        if (!ObjectCache::read(path, text, error_text)) {
            diags.error({}, "cannot read '" + path + "': " + error_text, "check that the file exists and is readable");
            return false;
        }
        return true;
    }
};

MechanismCompiler::MechanismCompiler(CompileOptions options, std::vector<HostSymbol> host_symbols)
    : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    // The host's hooks take precedence over the defaults.
    for (const HostSymbol& d : default_symbols()) {
        bool overridden = false;
        for (const HostSymbol& h : host_symbols) overridden = overridden || h.name == d.name;
        if (!overridden) impl_->symbols.push_back(d);
    }
    for (HostSymbol& h : host_symbols) impl_->symbols.push_back(std::move(h));
    impl_->setup();
}

MechanismCompiler::~MechanismCompiler() = default;

bool MechanismCompiler::ok() const { return impl_->jit != nullptr; }

const std::string& MechanismCompiler::error() const { return impl_->error; }

std::string MechanismCompiler::target_description() const { return ok() ? impl_->target() : std::string(); }

std::optional<CompiledMechanism> MechanismCompiler::compile_file(const std::string& path, SourceManager& sources,
                                                                 DiagnosticEngine& diags) {
    std::string text;
    if (!Impl::read_file(path, text, diags)) return std::nullopt;
    return compile_text(path, text, sources, diags);
}

std::optional<CompiledMechanism> MechanismCompiler::compile_text(const std::string& name, const std::string& text,
                                                                 SourceManager& sources, DiagnosticEngine& diags) {
    if (!ok()) {
        diags.error({}, impl_->error, "cornu needs a working LLVM JIT for this CPU");
        return std::nullopt;
    }
    return impl_->compile(name, text, sources, diags);
}

std::optional<std::string> MechanismCompiler::emit(const std::string& path, EmitStage stage, SourceManager& sources,
                                                   DiagnosticEngine& diags) {
    if (!ok() && stage != EmitStage::ast && stage != EmitStage::kernels) {
        diags.error({}, impl_->error, "cornu needs a working LLVM JIT for this CPU");
        return std::nullopt;
    }
    return impl_->emit(path, stage, sources, diags);
}

}  // namespace cornu

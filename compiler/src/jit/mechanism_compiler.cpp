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
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>

#include <array>
#include <chrono>
#include <mutex>
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
    };
}

// With CORNU_TIMING set, prints how long each phase of a compilation took (to stderr).
class PhaseTimer {
public:
    void mark(const char* phase) {
        auto now = Clock::now();
        phases_.push_back({phase, std::chrono::duration<double>(now - last_).count() * 1e3});
        last_ = now;
    }
    void report(const std::string& name) const {
        if (!std::getenv("CORNU_TIMING")) return;
        std::fprintf(stderr, "cornu: compiled %s:", name.c_str());
        for (const auto& [phase, ms] : phases_) std::fprintf(stderr, " %s %.1f ms;", phase, ms);
        std::fprintf(stderr, "\n");
    }

private:
    Clock::time_point last_ = Clock::now();
    std::vector<std::pair<const char*, double>> phases_;
};

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
    std::unique_ptr<llvm::TargetMachine> machine;
    std::string error;
    int dylibs = 0;

    bool setup() {
        static std::once_flag once;
        std::call_once(once, [] {
            llvm::InitializeNativeTarget();
            llvm::InitializeNativeTargetAsmPrinter();
            // For developers: LLVM's own options, e.g. CORNU_LLVM_OPTIONS="-pass-remarks-missed=loop-vectorize".
            if (const char* extra = std::getenv("CORNU_LLVM_OPTIONS"))
                llvm::cl::ParseCommandLineOptions(2, std::array<const char*, 2>{"cornu", extra}.data());
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
        auto created = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*builder).create();
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

    void prepare(llvm::Module& m) {
        m.setDataLayout(machine->createDataLayout());
        m.setTargetTriple(machine->getTargetTriple().str());
        bool avx512 = machine->getTargetFeatureString().contains("+avx512f");
        for (llvm::Function& f : m) {
            if (f.isDeclaration()) continue;
            f.addFnAttr("target-cpu", machine->getTargetCPU());
            f.addFnAttr("target-features", machine->getTargetFeatureString());
            // LLVM defaults to 256-bit vectors on AVX-512 CPUs (clock throttling on old Xeons);
            // kernels are long floating-point loops that gain from the full width.
            if (avx512) f.addFnAttr("prefer-vector-width", "512");
        }
    }

    void optimise(llvm::Module& m) {
        prepare(m);
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
            if (machine->getTargetFeatureString().contains("+avx512f")) {
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
        llvm::ModulePassManager passes = pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
        passes.run(m, mam);
    }

    bool emit_file(llvm::Module& m, llvm::CodeGenFileType type, llvm::SmallVectorImpl<char>& out) {
        llvm::raw_svector_ostream stream(out);
        llvm::legacy::PassManager pm;
        if (machine->addPassesToEmitFile(pm, stream, nullptr, type)) return false;
        pm.run(m);
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
        if (auto e = jd.define(llvm::orc::absoluteSymbols(std::move(map)))) return std::move(e);
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

    std::optional<CompiledMechanism> link(llvm::StringRef object, const MechanismLayout& layout,
                                          DiagnosticEngine& diags, SourceLocation where) {
        auto jd = new_dylib();
        if (!jd) {
            diags.error(where, "JIT error: " + llvm_error(jd.takeError()), "please report this");
            return std::nullopt;
        }
        auto buffer = llvm::MemoryBuffer::getMemBufferCopy(object, layout.name);
        if (auto e = jit->addObjectFile(*jd, std::move(buffer))) {
            diags.error(where, "JIT error: " + llvm_error(std::move(e)), "please report this");
            return std::nullopt;
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
        return m;
    }

    // ---- the cache key ----

    std::string key(const std::string& text) const {
        std::ostringstream material;
        material << "cornu " << cornu_compiler_build_id() << " abi " << CORNU_ABI_VERSION << " target " << target()
                 << " exact " << options.exact_math << "\n";
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
                    if (auto m = link(llvm::StringRef(entry->object.data(), entry->object.size()), *layout, diags, {})) {
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
        auto module = generate(*fe, ctx, diags);
        if (!module) return std::nullopt;
        timer.mark("IR");
        optimise(*module);
        timer.mark("optimise");
        llvm::SmallVector<char, 0> object;
        if (!emit_file(*module, llvm::CodeGenFileType::ObjectFile, object)) {
            diags.error(fe->info.loc, "cannot emit machine code for this CPU", "please report this");
            return std::nullopt;
        }
        timer.mark("machine code");
        if (options.use_cache) cache.store(cache_key, object.data(), object.size(), serialise(fe->layout), included);
        auto m = link(llvm::StringRef(object.data(), object.size()), fe->layout, diags, fe->info.loc);
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
        auto module = generate(*fe, ctx, diags);
        if (!module) return std::nullopt;
        if (stage == EmitStage::llvm) {
            prepare(*module);
        } else {
            optimise(*module);
        }
        if (stage == EmitStage::assembly) {
            llvm::SmallVector<char, 0> assembly;
            if (!emit_file(*module, llvm::CodeGenFileType::AssemblyFile, assembly)) return std::nullopt;
            return std::string(assembly.data(), assembly.size());
        }
        std::string ir;
        llvm::raw_string_ostream stream(ir);
        module->print(stream, nullptr);
        return ir;
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

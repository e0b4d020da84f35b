// `cornu compile FILE.mod...`: compile mechanisms to native kernels (through the JIT and its
// cache) and report what was built, or show one stage of the pipeline with --emit.
#include "commands.hpp"

#include "cornu/compiler/compiler.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <unistd.h>

namespace cornu::cli {

namespace {

struct CompileCommandOptions {
    std::vector<std::string> files;
    std::vector<std::string> include_dirs;
    std::string emit;
    std::string cache_dir;
    bool no_cache = false;
    bool exact_math = false;
};

const std::map<std::string, EmitStage> stages{
    {"ast", EmitStage::ast},
    {"kernels", EmitStage::kernels},
    {"llvm", EmitStage::llvm},
    {"llvm-opt", EmitStage::llvm_optimised},
    {"asm", EmitStage::assembly},
};

void report(const std::string& file, const CompiledMechanism& m) {
    std::vector<std::string> kernels;
    if (m.init) kernels.push_back("init");
    if (m.current) kernels.push_back("current");
    if (m.jacob) kernels.push_back("jacob");
    if (m.state) kernels.push_back("state");
    if (m.net_receive) kernels.push_back("net_receive");
    if (m.net_init) kernels.push_back("net_init");
    if (m.watch) kernels.push_back("watch");
    if (m.table) kernels.push_back("table");
    std::string list;
    for (const auto& k : kernels) list += (list.empty() ? "" : ", ") + k;
    std::cout << fmt::format("{}: {} — {} fields, {} globals; kernels: {}; {} in {:.1f} ms\n", file, m.layout.name,
                             m.layout.fields.size(), m.layout.globals.size(), list,
                             m.from_cache ? "loaded from cache" : "compiled", m.seconds * 1e3);
}

int run(const CompileCommandOptions& o) {
    CompileOptions options;
    options.exact_math = o.exact_math;
    options.cache_dir = o.cache_dir;
    options.use_cache = !o.no_cache;
    options.include_dirs = o.include_dirs;
    MechanismCompiler compiler(options);
    int status = 0;
    for (const std::string& file : o.files) {
        SourceManager sources;
        DiagnosticEngine diags(sources);
        if (!o.emit.empty()) {
            auto text = compiler.emit(file, stages.at(o.emit), sources, diags);
            if (text) std::cout << *text;
        } else {
            if (auto m = compiler.compile_file(file, sources, diags)) report(file, *m);
        }
        std::cout.flush();
        diags.render(std::cerr, isatty(STDERR_FILENO) != 0);
        if (diags.has_errors()) status = 1;
    }
    return status;
}

}  // namespace

void add_compile_command(CLI::App& app, int& status) {
    auto o = std::make_shared<CompileCommandOptions>();
    CLI::App* cmd = app.add_subcommand("compile", compile_description);
    cmd->add_option("files", o->files, "NMODL files to compile")->required();
    cmd->add_option("--emit", o->emit, "print a stage instead: ast, kernels, llvm, llvm-opt (optimised IR) or asm")
        ->check(CLI::IsMember({"ast", "kernels", "llvm", "llvm-opt", "asm"}));
    cmd->add_option("-I,--include", o->include_dirs, "folder searched for INCLUDE files");
    cmd->add_option("--cache-dir", o->cache_dir, "object cache folder (default $CORNU_CACHE_DIR or ~/.cache/cornu)");
    cmd->add_flag("--no-cache", o->no_cache, "neither read nor write the object cache");
    cmd->add_flag("--exact-math", o->exact_math, "scalar C-library math, bit-compatible with NEURON");
    cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace cornu::cli

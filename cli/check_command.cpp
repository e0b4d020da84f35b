// `cornu check FILE.mod...`: parse and analyse mechanisms, print what each one is and what later
// stages will not support. Exit status 1 if any file has errors, 0 otherwise (warnings allowed).
#include "commands.hpp"

#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/ast_printer.hpp"
#include "cornu/compiler/parser.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <unistd.h>

namespace cornu::cli {

namespace {

using namespace cornu::nmodl;

struct CheckOptions {
    std::vector<std::string> files;
    std::vector<std::string> include_dirs;
    bool dump_ast = false;
    bool quiet = false;
};

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
    return out.empty() ? "-" : out;
}

void print_field(const char* label, const std::string& value) {
    std::cout << fmt::format("  {:<13}{}\n", std::string(label) + ":", value);
}

std::string describe_ions(const MechanismInfo& info) {
    std::vector<std::string> out;
    for (const IonUse& ion : info.ions) {
        std::string text = ion.name + " (read " + join(ion.read) + "; write " + join(ion.write);
        if (ion.valence) text += fmt::format("; valence {}", *ion.valence);
        out.push_back(text + ")");
    }
    return join(out, "\n               ");
}

std::string describe_variables(const MechanismInfo& info, VariableOrigin origin) {
    std::vector<std::string> out;
    for (const Variable& v : info.variables) {
        if (v.origin != origin || v.storage == Storage::builtin) continue;
        std::string text = v.name;
        if (v.array_size) text += fmt::format("[{}]", v.array_size);
        if (!v.value_text.empty()) text += " = " + v.value_text;
        if (!v.unit.empty()) text += " (" + v.unit + ")";
        out.push_back(text);
    }
    return join(out);
}

// CONSTANTs and UNITS factors with the values the compiler uses (17 digits: exactly).
std::string describe_constants(const MechanismInfo& info) {
    std::vector<std::string> out;
    for (const Variable& v : info.variables) {
        if (v.origin != VariableOrigin::constant && v.origin != VariableOrigin::unit_factor) continue;
        out.push_back(v.name + " = " + (v.value ? fmt::format("{:.17g}", *v.value) : std::string("?")));
    }
    return join(out);
}

std::string describe_storage(const MechanismInfo& info, Storage storage) {
    std::vector<std::string> out;
    for (const Variable& v : info.variables)
        if (v.storage == storage && (storage != Storage::range || v.range || v.global)) out.push_back(v.name);
    return join(out);
}

std::string describe_currents(const MechanismInfo& info) {
    std::vector<std::string> out;
    for (const Variable& v : info.variables) {
        if (!v.is_current()) continue;
        std::string kind = v.nonspecific_current ? "nonspecific" : v.electrode_current ? "electrode" : v.ion->ion;
        out.push_back(v.name + " (" + kind + ")");
    }
    return join(out);
}

std::string describe_solves(const MechanismInfo& info) {
    std::vector<std::string> out;
    for (const SolveInfo& s : info.solves) {
        std::string text = s.stmt->block.name + " (" + to_string(s.target->proc) + ")";
        if (s.method.empty()) text += s.target->proc == ProcKind::procedure ? " called each step" : " without METHOD";
        else text += (s.steadystate ? " STEADYSTATE " : " METHOD ") + s.method;
        if (s.in_block != ProcKind::breakpoint) text += std::string(" in ") + to_string(s.in_block);
        out.push_back(text);
    }
    return join(out, "\n               ");
}

std::string describe_callables(const MechanismInfo& info) {
    std::vector<std::string> out;
    for (const Callable& c : info.callables) {
        std::string args;
        for (std::size_t i = 0; i < c.item->args.size(); ++i) args += (i ? ", " : "") + c.item->args[i].ident.name;
        std::string text = c.name + "(" + args + ")";
        if (c.kind == CallableKind::procedure) text = "PROCEDURE " + text;
        else if (c.kind == CallableKind::function_table) text = "FUNCTION_TABLE " + text;
        if (c.table) text += " [TABLE]";
        out.push_back(text);
    }
    return join(out, "\n               ");
}

std::string describe_events(const MechanismInfo& info) {
    if (!info.net_receive) return "-";
    std::vector<std::string> parts;
    std::string args;
    for (std::size_t i = 0; i < info.net_receive->args.size(); ++i)
        args += (i ? ", " : "") + info.net_receive->args[i].ident.name;
    parts.push_back("NET_RECEIVE(" + args + ")");
    if (info.has_net_initial) parts.push_back("per-connection INITIAL");
    if (info.has_watch) parts.push_back("WATCH");
    if (info.has_for_netcons) parts.push_back("FOR_NETCONS");
    return join(parts);
}

void print_summary(const MechanismInfo& info, const SourceManager& sources) {
    std::cout << fmt::format("{}: {} ({})\n", sources.name(info.loc.file), info.name, to_string(info.kind));
    if (!info.title.empty()) print_field("title", info.title);
    print_field("ions", describe_ions(info));
    print_field("currents", describe_currents(info));
    print_field("states", describe_variables(info, VariableOrigin::state));
    print_field("parameters", describe_variables(info, VariableOrigin::parameter));
    print_field("constants", describe_constants(info));
    print_field("range", describe_storage(info, Storage::range));
    print_field("global", describe_storage(info, Storage::global));
    print_field("solve", describe_solves(info));
    print_field("callables", describe_callables(info));
    print_field("events", describe_events(info));
    if (info.unsupported.empty()) {
        print_field("unsupported", "none");
    } else {
        std::cout << "  unsupported:\n";
        for (const Unsupported& u : info.unsupported)
            std::cout << fmt::format("    {}:{}: {}: {}\n", sources.name(u.loc.file), u.loc.line, u.construct, u.detail);
    }
}

bool check_file(const std::string& path, const CheckOptions& options) {
    SourceManager sources;
    DiagnosticEngine diags(sources);
    ParseOptions parse_options;
    parse_options.include_dirs = options.include_dirs;
    Module module = parse_file(path, sources, diags, parse_options);
    if (!diags.has_errors()) {
        if (options.dump_ast) dump_ast(std::cout, module);
        MechanismInfo info = analyse(module, diags);
        if (!diags.has_errors() && !options.quiet) print_summary(info, sources);
    }
    std::cout.flush();
    diags.render(std::cerr, isatty(STDERR_FILENO) != 0);
    return !diags.has_errors();
}

}  // namespace

void add_check_command(CLI::App& app, int& status) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand("check", check_description);
    cmd->add_option("files", options->files, "NMODL files to check")->required();
    cmd->add_option("-I,--include", options->include_dirs, "folder searched for INCLUDE files");
    cmd->add_flag("--dump-ast", options->dump_ast, "print each file's abstract syntax tree");
    cmd->add_flag("-q,--quiet", options->quiet, "print only diagnostics");
    cmd->callback([options, &status] {
        std::size_t failed = 0;
        for (const std::string& file : options->files)
            if (!check_file(file, *options)) ++failed;
        if (options->files.size() > 1)
            std::cerr << fmt::format("{} of {} files checked without errors\n", options->files.size() - failed,
                                     options->files.size());
        status = failed ? 1 : 0;
    });
}

}  // namespace cornu::cli

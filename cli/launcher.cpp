// The `cornu` executable users run. It answers `cornu check`, `--help` and `--version` itself,
// linked only with the NMODL front end, and hands every other command to `cornu-engine` (the
// same commands with the JIT, the simulator, MPI and HDF5) by exec, with the same arguments.
// Why: loading LLVM, MPI and HDF5 (about 60 shared libraries, 400 000 relocations) took several
// times longer than checking a .mod file; a checker should start as fast as NEURON's nocmodl.
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <unistd.h>

namespace {

// The first argument that is not an option: the subcommand, if any.
std::string subcommand(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] != '-') return argv[i];
    return "";
}

// cornu-engine in the folder of this executable.
std::string engine_path() {
    char self[4096];
    ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return "cornu-engine";
    std::string path(self, static_cast<std::size_t>(n));
    return path.substr(0, path.rfind('/') + 1) + "cornu-engine";
}

int run_engine(char** argv) {
    std::string engine = engine_path();
    ::execv(engine.c_str(), argv);
    std::cerr << "cornu: cannot start " << engine << ": " << std::strerror(errno)
              << "\n  cornu-engine must sit next to cornu (rebuild, or reinstall both)\n";
    return 127;
}

}  // namespace

int main(int argc, char** argv) {
    std::string command = subcommand(argc, argv);
    if (command == "compile" || command == "simulate") return run_engine(argv);

    CLI::App app{cornu::cli::app_description};
    cornu::cli::configure_app(app);
    int status = 0;
    cornu::cli::add_check_command(app, status);
    // Listed for --help; never parsed here (handed to cornu-engine above).
    app.add_subcommand("compile", cornu::cli::compile_description);
    app.add_subcommand("simulate", cornu::cli::simulate_description);
    return cornu::cli::parse_and_run(app, argc, argv, status);
}

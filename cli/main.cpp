// `cornu-engine`: every command, with the JIT, the simulator, MPI and HDF5. Users run `cornu`
// (launcher.cpp), which hands compile and simulate to this executable.
#include "commands.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{cornu::cli::app_description};
    cornu::cli::configure_app(app);
    int status = 0;
    cornu::cli::add_check_command(app, status);
    cornu::cli::add_compile_command(app, status);
    cornu::cli::add_simulate_command(app, status);
    return cornu::cli::parse_and_run(app, argc, argv, status);
}

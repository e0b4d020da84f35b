// Each `cornu` subcommand lives in its own file and registers itself on the application here.
#pragma once

namespace CLI {
class App;
}

namespace cornu::cli {

// Adds `cornu check FILE.mod...`; the command's exit status is written to `status`.
void add_check_command(CLI::App& app, int& status);

// Adds `cornu compile FILE.mod... [--emit=STAGE]`.
void add_compile_command(CLI::App& app, int& status);

// Adds `cornu simulate CASE.yaml [-o DIR]`.
void add_simulate_command(CLI::App& app, int& status);

}  // namespace cornu::cli

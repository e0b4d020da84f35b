// Each `cornu` subcommand lives in its own file and registers itself on the application here.
#pragma once

namespace CLI {
class App;
}

namespace cornu::cli {

// Adds `cornu check FILE.mod...`; the command's exit status is written to `status`.
void add_check_command(CLI::App& app, int& status);

// The application both executables build (app_shell.cpp): its description, --version, one
// subcommand required; then parse_and_run parses and returns the exit status (the subcommand's
// `status`, 0 for --help/--version, 2 for usage mistakes).
extern const char* const app_description;
void configure_app(CLI::App& app);
int parse_and_run(CLI::App& app, int argc, char** argv, const int& status);

// What `cornu --help` says of each command (cornu and cornu-engine both list them).
inline constexpr const char* check_description =
    "Parse and analyse .mod files; report what they define and any problems";
inline constexpr const char* compile_description =
    "Compile .mod files to native kernels, or show a stage with --emit";
inline constexpr const char* simulate_description =
    "Run an experiment from a case file and write traces.csv and spikes.csv";

// Adds `cornu compile FILE.mod... [--emit=STAGE]`.
void add_compile_command(CLI::App& app, int& status);

// Adds `cornu simulate CASE.yaml [-o DIR]`.
void add_simulate_command(CLI::App& app, int& status);

}  // namespace cornu::cli

// What `cornu` and `cornu-engine` share: the application's description, flags and how a parse
// ends.
#include "commands.hpp"
#include "cornu_version.hpp"

#include <CLI/CLI.hpp>

namespace cornu::cli {

const char* const app_description = "cornu: NMODL compiler and simulator for biophysically detailed circuits";

void configure_app(CLI::App& app) {
    app.set_version_flag("--version", std::string("cornu ") + CORNU_VERSION);
    app.require_subcommand(1);
}

int parse_and_run(CLI::App& app, int argc, char** argv, const int& status) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version end here with code 0; usage mistakes exit with 2.
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return status;
}

}  // namespace cornu::cli

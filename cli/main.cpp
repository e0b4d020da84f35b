// The `cornu` executable: a thin shell over the libraries, one file per subcommand.
#include "commands.hpp"
#include "cornu_version.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"cornu: NMODL compiler and simulator for biophysically detailed circuits"};
    app.set_version_flag("--version", std::string("cornu ") + CORNU_VERSION);
    app.require_subcommand(1);

    int status = 0;
    cornu::cli::add_check_command(app, status);
    cornu::cli::add_compile_command(app, status);
    cornu::cli::add_simulate_command(app, status);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version end here with code 0; usage mistakes exit with 2.
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return status;
}

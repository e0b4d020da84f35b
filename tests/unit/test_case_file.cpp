// Case files: every reference case reads; mistakes are reported at their line and column with
// what to do, and never crash.
#include "cornu/runtime/case_file.hpp"
#include "test_config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace cornu::runtime;
namespace fs = std::filesystem;

namespace {

std::string write_case(const std::string& name, const std::string& text) {
    fs::path dir = fs::temp_directory_path() / ("cornu_case_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path file = dir / (name + ".yaml");
    std::ofstream(file) << text;
    return file.string();
}

const char* minimal = R"(name: minimal
simulation: {dt: 0.025, tstop: 10}
cells:
  - name: c
    sections:
      - {name: soma, L: 20, diam: 20, mechanisms: {hh: {}}}
)";

std::string error_of(const std::string& text) {
    std::string path = write_case("bad", text);
    try {
        read_case_file(path);
    } catch (const ModelError& e) {
        return e.what();
    }
    return "no error";
}

std::string error_of_file(const std::string& path) {
    try {
        read_case_file(path);
    } catch (const ModelError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("every reference case reads", "[case]") {
    for (const auto& entry : fs::directory_iterator(std::string(CORNU_SOURCE_DIR) + "/tests/reference/cases")) {
        INFO(entry.path().string());
        CaseFile c = read_case_file(entry.path().string());
        CHECK(c.name == entry.path().stem().string());
        CHECK(c.tstop > 0);
        CHECK_FALSE(c.model.cells().empty());
    }
}

TEST_CASE("a minimal case has NEURON's defaults", "[case]") {
    CaseFile c = read_case_file(write_case("minimal", minimal));
    const Section& soma = c.model.cells()[0].sections[0];
    CHECK(soma.nseg == 1);
    CHECK(soma.axial_resistivity == 35.4);
    CHECK(soma.capacitance == std::vector<double>{1.0});
    CHECK(c.model.settings.celsius == 6.3);
    CHECK(c.model.settings.v_init == -65);
    CHECK(c.model.settings.secondorder == 0);
}

TEST_CASE("case-file mistakes are reported where they are", "[case][diagnostics]") {
    SECTION("unknown key") {
        std::string e = error_of(R"(name: x
simulation: {dt: 0.025, tstop: 10}
cells:
  - name: c
    sections:
      - {name: soma, L: 20, diameter: 20}
)");
        CHECK_THAT(e, Catch::Contains("bad.yaml:6:29: error: unknown key 'diameter' in a section"));
        CHECK_THAT(e, Catch::Contains("known keys:"));
    }
    SECTION("not a number") {
        std::string e = error_of(R"(name: x
simulation: {dt: fast, tstop: 10}
cells: [{name: c, sections: [{name: soma, L: 20, diam: 20}]}]
)");
        CHECK_THAT(e, Catch::Contains("bad.yaml:2:18: error: simulation dt must be a number, not 'fast'"));
    }
    SECTION("1e9 is a number (as strtod reads it)") {
        CHECK(error_of(R"(name: x
simulation: {dt: 0.025, tstop: 1e9}
cells: [{name: c, sections: [{name: soma, L: 20, diam: 20}]}]
)") == "no error");
    }
    SECTION("function tables: values, points and axes, read where they are") {
        std::string head = "name: x\nsimulation: {dt: 0.025, tstop: 10}\ncells: [{name: c, sections: [{name: soma, L: 20, diam: 20}]}]\n";
        std::string path = write_case("ft", head + R"(function_tables:
  tgate:
    sinf: {x: [-80, -60, 0], y: [0.2, 0.4, 1.0]}
    tauf: {value: 2}
    hinf: {y: [1, 2, 3, 4, 5, 6], axes: [{from: 0, to: 1, size: 2}, {points: [1, 2, 4]}]}
)");
        CaseFile c = read_case_file(path);
        const auto& tables = c.model.function_tables.at("tgate");
        double x = -70;
        CHECK(tables.at("sinf")(&x, 1) == Approx(0.3).epsilon(1e-15));
        CHECK(tables.at("tauf")(&x, 1) == 2);
        double xy[] = {1, 3};
        CHECK(tables.at("hinf")(xy, 2) == Approx(5.5).epsilon(1e-15));
        CHECK_THAT(error_of(head + "function_tables: {tgate: {sinf: {x: [0, 1], y: [1, 2, 3]}}}\n"),
                   Catch::Contains("bad.yaml:4:33: error: function table sinf of tgate: 3 values given for 2 points"));
        CHECK_THAT(error_of(head + "function_tables: {tgate: {sinf: {x: [0, 1]}}}\n"),
                   Catch::Contains("bad.yaml:4:33: error: function table sinf of tgate needs 'y'"));
        CHECK_THAT(error_of(head + "function_tables: {tgate: {sinf: {value: 1, y: [1]}}}\n"),
                   Catch::Contains("give either value, or y with x or axes"));
    }
    SECTION("unknown parent") {
        std::string e = error_of(R"(name: x
simulation: {dt: 0.025, tstop: 10}
cells: [{name: c, sections: [{name: soma, L: 20, diam: 20}, {name: d, parent: somma, L: 1, diam: 1}]}]
)");
        CHECK_THAT(e, Catch::Contains(":3:"));
        CHECK_THAT(e, Catch::Contains("the parent 'somma' is not an earlier section of cell 'c'"));
    }
    SECTION("missing required key") {
        CHECK_THAT(error_of("name: x\ncells: []\n"), Catch::Contains("a case file needs 'simulation'"));
    }
    SECTION("not YAML") {
        CHECK_THAT(error_of("name: [x\n"), Catch::Contains("not valid YAML"));
    }
    SECTION("unknown point process target") {
        std::string e = error_of(std::string(minimal) + R"(netcons:
  - {source: {cell: c, section: soma, x: 0.5}, target: nobody, delay: 1}
)");
        CHECK_THAT(e, Catch::Contains(":8:"));
        CHECK_THAT(e, Catch::Contains("there is no point process or artificial cell 'nobody'"));
    }
    SECTION("a position outside [0, 1]") {
        std::string e = error_of(std::string(minimal) + R"(point_processes:
  - {name: s, cell: c, section: soma, x: 1.5, type: IClamp}
)");
        CHECK_THAT(e, Catch::Contains("x = 1.5 must be in [0, 1]"));
    }
    SECTION("decreasing VecStim times") {
        std::string e = error_of(std::string(minimal) + R"(artificial_cells:
  - {name: v, type: VecStim, times: [1, 3, 2]}
)");
        CHECK_THAT(e, Catch::Contains("times must not decrease"));
    }
    SECTION("a missing file") {
        CHECK_THAT(error_of_file("/nonexistent/case.yaml"), Catch::Contains("/nonexistent/case.yaml: error: no such file"));
    }
}

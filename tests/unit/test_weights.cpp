// Weights in bulk: by projection, and through HDF5 files, so that a plastic run can be split in
// two (training, then a later phase) with the same result as one run.
#include "cornu/runtime/case_file.hpp"
#include "cornu/runtime/simulation.hpp"
#include "test_config.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace cornu;
using namespace cornu::runtime;
namespace fs = std::filesystem;

namespace {

const std::string network = std::string(CORNU_SOURCE_DIR) + "/tests/mpi/plastic_network.yaml";

struct Loaded {
    CaseFile c;
    std::unique_ptr<MechanismCatalogue> catalogue;
};

Loaded load_network() {
    Loaded l{read_case_file(network), std::make_unique<MechanismCatalogue>()};
    load_case_mechanisms(l.c, *l.catalogue);
    return l;
}

std::string temporary(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("cornu_weights_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return (dir / name).string();
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
    return true;
}

}  // namespace

TEST_CASE("weights are read and written by projection", "[weights]") {
    Loaded l = load_network();
    Simulation sim(l.c.model, *l.catalogue);
    REQUIRE(sim.projections() == std::vector<std::string>{"default"});
    WeightTable table = sim.projection_weights("default");
    CHECK(table.netcons.size() == l.c.model.netcons().size());
    CHECK(table.width == 3);  // STDPE2's NET_RECEIVE (w, A, tpre)
    // An ExpSyn NetCon has one weight; the rest of its row is padding.
    CHECK(table.values[0] == 0.004);
    CHECK(std::isnan(table.values[1]));
    table.values[0] = 0.005;
    sim.set_projection_weights("default", table);
    CHECK(sim.weights(0) == std::vector<double>{0.005});
    table.netcons[0] = 100000;
    CHECK_THROWS_WITH(sim.set_projection_weights("default", table), Catch::Contains("is not in projection"));
}

TEST_CASE("a run split in two with weights saved and restored equals the unsplit run", "[weights]") {
    const double phase = 150;
    // Unsplit: train, then initialise again (weights persist, as in NEURON) and run the second phase.
    Loaded a = load_network();
    Simulation whole(a.c.model, *a.catalogue);
    whole.initialize();
    whole.run_until(phase);
    WeightTable trained = whole.projection_weights("default");
    whole.initialize();
    whole.run_until(phase);
    Recording expected = whole.recording();

    // Split: a first process trains and saves; a second one loads and runs the second phase.
    std::string file = temporary("trained.h5");
    {
        Loaded b = load_network();
        Simulation first(b.c.model, *b.catalogue);
        first.initialize();
        first.run_until(phase);
        first.save_weights(file);
    }
    Loaded c = load_network();
    Simulation second(c.c.model, *c.catalogue);
    WeightTable untrained = second.projection_weights("default");
    CHECK_FALSE(same(untrained.values, trained.values));  // the training changed something
    second.load_weights(file);
    CHECK(same(second.projection_weights("default").values, trained.values));
    second.initialize();
    second.run_until(phase);
    const Recording& got = second.recording();
    REQUIRE(got.values.size() == expected.values.size());
    for (std::size_t k = 0; k < got.values.size(); ++k) {
        INFO(got.columns[k]);
        CHECK(got.values[k] == expected.values[k]);
    }
    for (std::size_t k = 0; k < got.spikes.size(); ++k) {
        INFO(got.spikes[k].name);
        CHECK(got.spikes[k].times == expected.spikes[k].times);
    }
    CHECK(same(second.projection_weights("default").values, whole.projection_weights("default").values));
}

TEST_CASE("a weights file that does not fit the model is refused", "[weights][diagnostics]") {
    Loaded l = load_network();
    Simulation sim(l.c.model, *l.catalogue);
    CHECK_THROWS_WITH(sim.load_weights(temporary("missing.h5")), Catch::Contains("cannot open it as an HDF5 file"));

    // Saved from a model with one NetCon fewer.
    Loaded other = load_network();
    other.c.model.netcons().pop_back();
    std::string file = temporary("other.h5");
    {
        Simulation smaller(other.c.model, *other.catalogue);
        smaller.save_weights(file);
    }
    CHECK_THROWS_WITH(sim.load_weights(file), Catch::Contains("another number of NetCons"));
}

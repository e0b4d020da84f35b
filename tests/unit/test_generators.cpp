// Spike generators: players emit exactly their times; Poisson processes have the rate asked for
// in each piece of a time-varying rate, and each one's train depends only on (seed, gid).
#include "cornu/runtime/simulation.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace cornu::runtime;

namespace {

MechanismCatalogue& catalogue() {
    static MechanismCatalogue instance;
    return instance;
}

std::vector<SpikeTrain> run(Model& m, double tstop) {
    for (std::size_t g = 0; g < m.generators().size(); ++g)
        m.add_spike_recorder({m.generators()[g].name, GeneratorSource{static_cast<int>(g)}});
    Simulation sim(m, catalogue());
    sim.initialize();
    sim.run_until(tstop);
    return sim.recording().spikes;
}

SpikeGenerator poisson(const std::string& name, std::vector<double> rates, std::vector<double> times,
                       std::uint64_t seed = 1) {
    SpikeGenerator g;
    g.name = name;
    PoissonProcess p;
    p.rates = std::move(rates);
    p.rate_times = std::move(times);
    p.seed = seed;
    g.poisson = p;
    return g;
}

std::size_t count_between(const std::vector<double>& times, double from, double to) {
    std::size_t n = 0;
    for (double t : times) n += (t >= from && t < to) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("a player emits exactly its times, repeats included", "[generators]") {
    Model m;
    SpikeGenerator g;
    g.name = "player";
    g.times = {0, 0.5, 0.5, 12.3456789, 99.9};
    m.add_generator(g);
    auto trains = run(m, 50);
    CHECK(trains[0].times == std::vector<double>{0, 0.5, 0.5, 12.3456789});
}

TEST_CASE("a Poisson process has the rate of each piece", "[generators]") {
    Model m;
    // 20 Hz, then 0 Hz, then 100 Hz; many generators to average over.
    const int n = 50;
    for (int k = 0; k < n; ++k) {
        std::string name = "p";
        name += std::to_string(k);
        m.add_generator(poisson(name, {20, 0, 100}, {0, 1000, 2000}));
    }
    auto trains = run(m, 3000);
    std::size_t first = 0, silent = 0, last = 0;
    for (const SpikeTrain& t : trains) {
        first += count_between(t.times, 0, 1000);
        silent += count_between(t.times, 1000, 2000);
        last += count_between(t.times, 2000, 3000);
        CHECK(std::is_sorted(t.times.begin(), t.times.end()));
    }
    // Expected counts 1000 and 5000; 5 standard deviations of a Poisson count.
    CHECK(std::fabs(static_cast<double>(first) - 1000.0) < 5 * std::sqrt(1000.0));
    CHECK(silent == 0);
    CHECK(std::fabs(static_cast<double>(last) - 5000.0) < 5 * std::sqrt(5000.0));
}

TEST_CASE("a Poisson train depends on its seed and gid only", "[generators]") {
    Model a;
    a.add_generator(poisson("x", {50}, {0}, 7));
    a.add_generator(poisson("y", {50}, {0}, 7));
    auto first = run(a, 1000);
    Model b;
    b.add_generator(poisson("x", {50}, {0}, 7));
    b.add_generator(poisson("y", {50}, {0}, 7));
    auto again = run(b, 1000);
    CHECK(first[0].times == again[0].times);
    CHECK(first[1].times == again[1].times);
    CHECK(first[0].times != first[1].times);  // other gid, other stream
    Model c;
    c.add_generator(poisson("x", {50}, {0}, 8));
    CHECK(run(c, 1000)[0].times != first[0].times);  // other seed
}

TEST_CASE("generator mistakes are refused", "[generators][diagnostics]") {
    Model m;
    SpikeGenerator bad;
    bad.name = "bad";
    bad.times = {2, 1};
    CHECK_THROWS_WITH(m.add_generator(bad), Catch::Contains("must not decrease"));
    CHECK_THROWS_WITH(m.add_generator(poisson("p", {-1}, {0})), Catch::Contains("must be >= 0"));
    CHECK_THROWS_WITH(m.add_generator(poisson("q", {1, 2}, {0})), Catch::Contains("one rate (Hz) per rate time"));
}

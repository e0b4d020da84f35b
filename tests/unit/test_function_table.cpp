// FUNCTION_TABLE: the lookup (NEURON 8.2's hoc_func_table, values computed here by hand) and
// kernels that call a FUNCTION_TABLE through the runtime hook.
#include "cornu/compiler/function_table.hpp"
#include "kernel_harness.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace cornu;

namespace {

double at(const FunctionTable& t, double x) { return t(&x, 1); }
double at(const FunctionTable& t, double x, double y) {
    double args[] = {x, y};
    return t(args, 2);
}

}  // namespace

TEST_CASE("FUNCTION_TABLE lookup of one argument at explicit points", "[function_table]") {
    auto t = FunctionTable::sampled({10, 20, 40}, {FunctionTableAxis::explicit_points({0, 1, 3})});
    REQUIRE(t.problem(1).empty());
    CHECK(at(t, -5) == 10);  // below the first point: the first value
    CHECK(at(t, 0) == 10);
    CHECK(at(t, 0.25) == Approx(12.5).epsilon(1e-15));
    CHECK(at(t, 1) == 20);   // on a point: its value exactly
    CHECK(at(t, 2.5) == Approx(0.25 * 20 + 0.75 * 40).epsilon(1e-15));
    CHECK(at(t, 3) == 40);
    CHECK(at(t, 1e9) == 40);  // beyond the last: the last value
    CHECK(std::isnan(at(t, std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("FUNCTION_TABLE lookup on even grids, one and two arguments", "[function_table]") {
    // x from 0 to 2 in 3 points (step 1), y from -1 to 1 in 3 points; values 10*i + j.
    auto even = [](double from, double to, int n) { return FunctionTableAxis::even(from, to, n); };
    auto t1 = FunctionTable::sampled({0, 100, 400}, {even(-10, 10, 3)});
    CHECK(at(t1, -5) == Approx(50).epsilon(1e-15));
    CHECK(at(t1, 5) == Approx(250).epsilon(1e-15));
    CHECK(at(t1, -11) == 0);
    CHECK(at(t1, 10) == 400);

    auto t2 = FunctionTable::sampled({0, 1, 2, 10, 11, 12, 20, 21, 22}, {even(0, 2, 3), even(-1, 1, 3)});
    REQUIRE(t2.problem(2).empty());
    CHECK(at(t2, 0, -1) == 0);
    CHECK(at(t2, 1, 0) == 11);
    CHECK(at(t2, 0.5, 0.5) == Approx(0.5 * (1.5) + 0.5 * (11.5)).epsilon(1e-15));  // bilinear
    CHECK(at(t2, 1.25, 1) == Approx(0.75 * 12 + 0.25 * 22).epsilon(1e-15));      // y clamped
    CHECK(at(t2, 5, -0.5) == Approx(20.5).epsilon(1e-15));                       // x clamped

    // Three arguments: no interpolation, the point at or below each argument.
    auto t3 = FunctionTable::sampled({0, 1, 2, 3, 4, 5, 6, 7}, {even(0, 1, 2), even(0, 1, 2), even(0, 1, 2)});
    double args[] = {0.9, 0.2, 1.0};
    CHECK(t3(args, 3) == 1);  // indices (0, 0, 1)
}

TEST_CASE("FUNCTION_TABLE constants and malformed tables", "[function_table]") {
    CHECK(at(FunctionTable::constant(3.5), -100) == 3.5);
    CHECK(FunctionTable::constant(3.5).problem(2).empty());
    auto even = FunctionTableAxis::even(0, 1, 3);
    CHECK_THAT(FunctionTable::sampled({1, 2}, {even}).problem(1), Catch::Contains("2 values given for 3 points"));
    CHECK_THAT(FunctionTable::sampled({1, 2, 3}, {even}).problem(2),
               Catch::Contains("the table has 1 axes but the function takes 2 arguments"));
    CHECK_THAT(FunctionTable::sampled({1, 2, 3}, {FunctionTableAxis::explicit_points({0, 2, 1})}).problem(1),
               Catch::Contains("must increase"));
    CHECK_THAT(FunctionTable::sampled({1, 2, 3}, {FunctionTableAxis::even(1, 0, 3)}).problem(1),
               Catch::Contains("'to' must not be below 'from'"));
}

TEST_CASE("kernels call FUNCTION_TABLEs through the runtime, in INITIAL and in a cnexp step", "[function_table][codegen]") {
    test::HookLog& log = test::hook_log();
    log.clear();
    test::Harness h(R"(NEURON { SUFFIX ft RANGE gate }
ASSIGNED { v gate }
STATE { s }
FUNCTION_TABLE sinf(v (mV))
FUNCTION_TABLE tauf(v (mV), k) (ms)
INITIAL { s = sinf(v)  gate = tauf(v, 2) }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states { s' = (sinf(v) - s)/tauf(v, 1) }
)", 3);
    REQUIRE(h.mechanism().layout.function_tables.size() == 2);
    CHECK(h.mechanism().layout.function_tables[1].name == "tauf");
    CHECK(h.mechanism().layout.function_tables[1].arity == 2);
    log.function_tables = {
        FunctionTable::sampled({0, 1}, {FunctionTableAxis::even(-100, 0, 2)}),                            // sinf
        FunctionTable::sampled({2, 4, 6, 8}, {FunctionTableAxis::even(-100, 0, 2), FunctionTableAxis::explicit_points({1, 2})}),  // tauf
    };
    h.v = {-75, -50, 20};
    h.init();
    const double sinf[] = {0.25, 0.5, 1.0};
    // tauf: row-major over (v, k): (-100, 1) 2, (-100, 2) 4, (0, 1) 6, (0, 2) 8; v = 20 is clamped.
    const double gate[] = {0.75 * 4 + 0.25 * 8, 6, 8};  // tauf(v, 2)
    const double tau[] = {0.75 * 2 + 0.25 * 6, 4, 6};   // tauf(v, 1)
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(h.field("s", i) == Approx(sinf[i]).epsilon(1e-15));
        CHECK(h.field("gate", i) == Approx(gate[i]).epsilon(1e-15));
    }
    for (std::size_t i = 0; i < 3; ++i) h.field("s", i) = 0;
    h.state();
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(h.field("s", i) == Approx(sinf[i] * (1 - std::exp(-0.025 / tau[i]))).epsilon(1e-12));
    // Each instance asks at least once per call in the source (cnexp's solution may ask more).
    CHECK(log.function_table_calls.size() >= 3 * 2 + 3 * 2);
    log.clear();
}

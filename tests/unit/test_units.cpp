// UNITS factors must equal, bit for bit, the constants nocmodl 8.2.2 compiles into mechanisms
// (read from its generated C for these exact declarations).
#include "parse_helpers.hpp"

#include <catch2/catch.hpp>

using cornu::test::parse;

TEST_CASE("unit factors equal NEURON 8.2's modern values", "[units]") {
    auto p = parse(R"(NEURON { SUFFIX u }
UNITS {
  (mV) = (millivolt)
  FARADAY = (faraday) (coulomb)
  R = (k-mole) (joule/degC)
  PI = (pi) (1)
  F2 = (faraday) (kilocoulombs)
  KB = (k) (joule/degC)
  E = (e) (coulombs)
  X = (micron) -> (cm)
  MV = (mV) (volt)
}
)");
    INFO(p.messages());
    REQUIRE(p.ok());
    auto value = [&](const char* name) { return *p.info.find(name)->value; };
    CHECK(value("FARADAY") == 0x1.78e555060882cp+16);
    CHECK(value("R") == 0x1.0a1013e8990bep+3);
    CHECK(value("PI") == 0x1.921fb54442d18p+1);
    CHECK(value("F2") == 0x1.81f0fae775425p+6);
    CHECK(value("KB") == 0x1.0b0e6d55e647cp-76);
    CHECK(value("E") == 0x1.7a4da290c1653p-63);
    CHECK(value("X") == 0x1.a36e2eb1c432cp-14);
    CHECK(value("MV") == Approx(1e-3).epsilon(1e-15));
}

TEST_CASE("an unknown unit is reported, not guessed", "[units]") {
    auto p = parse("NEURON { SUFFIX u }\nUNITS { Q = (frobnitz) (coulomb) }\n");
    CHECK(p.said("unknown unit 'frobnitz'"));
    CHECK_FALSE(p.info.find("Q")->value);
}

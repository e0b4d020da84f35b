// Unit conversion factors for UNITS-block constants such as FARADAY = (faraday) (coulomb).
//
// NEURON computes them with its `units` library (src/modlunit/units.cpp) from the definitions in
// nrnunits.lib; the resulting double is compiled into the mechanism. cornu evaluates the same
// definitions with the same arithmetic — prefix and plural rules, correctly rounded numbers,
// left-to-right products — so that FARADAY, R, PI and the rest come out bit for bit as in
// NEURON 8.2 ("modern" units: the 2019 SI constants).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace cornu::nmodl {

class UnitTable {
public:
    UnitTable();  // the built-in definitions

    // Adds `name` defined as the unit expression `definition` (a mod file's `(mV) = (millivolt)`).
    // Returns false if the definition uses an unknown unit; an existing name is left unchanged.
    bool define(const std::string& name, const std::string& definition);

    // The magnitude of a unit expression relative to the base units, or nullopt with the unknown
    // unit's name in `unknown`.
    std::optional<double> magnitude(const std::string& expression, std::string& unknown) const;

    // from/to, the value NEURON gives `NAME = (from) (to)`.
    std::optional<double> factor(const std::string& from, const std::string& to, std::string& unknown) const;

private:
    bool lookup(std::string name, double& factor, bool denominator, int power, std::string& unknown) const;
    std::map<std::string, double> table_;
};

}  // namespace cornu::nmodl

#include "units.hpp"

#include <array>
#include <cstdlib>
#include <utility>
#include <vector>

namespace cornu::nmodl {

namespace {

// The units mod files use in unit factors, defined as in NEURON 8.2's nrnunits.lib (which is
// based on the GNU units table, with the 2019 SI values of e, the mole and k). Base units have
// magnitude 1; each definition is "number unit-expression", evaluated like the library's.
const std::vector<std::pair<const char*, const char*>>& definitions() {
    static const std::vector<std::pair<const char*, const char*>> table{
        {"m", ""}, {"kg", ""}, {"sec", ""}, {"coul", ""}, {"candela", ""}, {"K", ""}, {"bit", ""},
        {"pi", "3.14159265358979323846"},
        {"mole", "6.02214076+23"},
        {"e", "1.602176634-19 coul"},
        {"second", "sec"}, {"s", "sec"}, {"minute", "60 sec"}, {"min", "minute"}, {"hour", "60 min"},
        {"ms", "millisec"},
        {"gram", "millikg"}, {"gm", "gram"},
        {"meter", "m"}, {"metre", "meter"}, {"cm", "centimeter"}, {"mm", "millimeter"}, {"km", "kilometer"},
        {"micron", "micrometer"}, {"um", "micrometer"}, {"angstrom", "1-10 meter"},
        {"cc", "cm3"}, {"liter", "kilocc"}, {"litre", "liter"},
        {"newton", "kg-m/sec2"}, {"nt", "newton"}, {"dyne", "1-5 newton"}, {"joule", "nt-m"}, {"erg", "1-7 joule"},
        {"coulomb", "coul"}, {"ampere", "coul/sec"}, {"amp", "ampere"}, {"watt", "joule/sec"},
        {"volt", "watt/amp"}, {"ohm", "volt/amp"}, {"mho", "/ohm"}, {"siemens", "/ohm"}, {"farad", "coul/volt"},
        {"hertz", "/sec"}, {"Hz", "hertz"},
        {"faraday", "e-mole"},
        {"boltzmann", "1.380649-23 joule/K"}, {"k", "boltzmann"},
        {"gasconstant", "k-mole"}, {"R", "gasconstant"},
        {"degC", "K"}, {"kelvin", "K"}, {"degK", "K"},
        {"percent", ".01"},
    };
    return table;
}

// nrnunits prefixes, tried in this order on a name the table does not know.
constexpr std::array<std::pair<double, const char*>, 16> prefixes{{
    {1e-18, "atto"}, {1e-15, "femto"}, {1e-12, "pico"}, {1e-9, "nano"}, {1e-6, "micro"}, {1e-3, "milli"},
    {1e-2, "centi"}, {1e-1, "deci"}, {1e1, "deka"}, {1e2, "hecta"}, {1e2, "hecto"}, {1e3, "kilo"},
    {1e6, "mega"}, {1e6, "meg"}, {1e9, "giga"}, {1e12, "tera"},
}};

// A number in the units table's syntax: digits with an optional point, then an optional signed
// exponent written without 'e' ("6.02214076+23"); `a|b` is a / b. Read correctly rounded, as
// NEURON 8.2 does (its FARADAY is exactly 1.602176634e-19 * 6.02214076e23). Returns 0 if there
// is no number (the caller then uses 1).
double read_number(const std::string& s, std::size_t& pos) {
    auto at = [&](std::size_t i) { return i < s.size() ? s[i] : '\n'; };
    while (at(pos) == ' ' || at(pos) == '\t') ++pos;
    std::string text;
    while ((at(pos) >= '0' && at(pos) <= '9') || at(pos) == '.') text += at(pos++);
    if (at(pos) == '+' || at(pos) == '-') {
        std::string exponent(1, at(pos++));
        while (at(pos) >= '0' && at(pos) <= '9') exponent += at(pos++);
        if (!text.empty()) text += "e" + exponent;
    }
    double d = text.empty() || text == "." ? 0.0 : std::strtod(text.c_str(), nullptr);
    if (at(pos) == '|') {
        ++pos;
        return d / read_number(s, pos);
    }
    return d;
}

}  // namespace

UnitTable::UnitTable() {
    for (const auto& [name, definition] : definitions()) define(name, definition);
}

bool UnitTable::define(const std::string& name, const std::string& definition) {
    if (table_.count(name)) return true;  // the first definition stays, as in NEURON
    std::string unknown;
    std::optional<double> value = magnitude(definition, unknown);
    if (!value) return false;
    table_[name] = *value;
    return true;
}

bool UnitTable::lookup(std::string name, double& factor, bool denominator, int power, std::string& unknown) const {
    double e = 1.0;
    while (true) {
        auto found = table_.find(name);
        if (found != table_.end()) {
            for (int k = 0; k < power; ++k) {
                if (denominator) factor /= found->second * e;
                else factor *= found->second * e;
            }
            return true;
        }
        bool stripped = false;
        for (const auto& [value, prefix] : prefixes) {
            std::string p(prefix);
            if (name.size() > p.size() && name.compare(0, p.size(), p) == 0) {
                e *= value;
                name = name.substr(p.size());
                stripped = true;
                break;
            }
        }
        if (stripped) continue;
        if (name.size() > 1 && name.back() == 's') {
            name.pop_back();
            continue;
        }
        unknown = name;
        return false;
    }
}

std::optional<double> UnitTable::magnitude(const std::string& expression, std::string& unknown) const {
    std::size_t pos = 0;
    double factor = read_number(expression, pos);
    if (factor == 0.) factor = 1.0;
    int denominator = 0;
    std::string name;
    for (; pos <= expression.size(); ++pos) {
        char c = pos < expression.size() ? expression[pos] : '\n';
        bool separator = (c >= '1' && c <= '9') || c == '-' || c == '/' || c == ' ' || c == '\t' || c == '\n';
        if (!separator) {
            name += c;
            continue;
        }
        if (!name.empty()) {
            // A digit after a name is its power: cm2 is cm * cm.
            int power = c >= '2' && c <= '9' ? c - '0' : 1;
            if (!lookup(name, factor, denominator > 0, power, unknown)) return std::nullopt;
            name.clear();
        }
        if (c == '/') ++denominator;
    }
    return factor;
}

std::optional<double> UnitTable::factor(const std::string& from, const std::string& to, std::string& unknown) const {
    std::optional<double> a = magnitude(from, unknown);
    if (!a) return std::nullopt;
    std::optional<double> b = magnitude(to, unknown);
    if (!b) return std::nullopt;
    return *a / *b;
}

}  // namespace cornu::nmodl

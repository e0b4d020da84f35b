#include "ions.hpp"

#include <algorithm>
#include <cmath>

namespace cornu::runtime {

namespace {
// NEURON 8.2's modern units (CODATA 2018): R = k N_A, F = e N_A, bit for bit.
constexpr double gas_constant = 8.3144626181532395;
constexpr double faraday = 96485.33212331001;
}  // namespace

void IonStyle::add_use(const IonInfo& use) {
    if (use.reads_conc_inside || use.reads_conc_outside) conc = std::max(conc, 1);
    if (use.writes_conc_inside || use.writes_conc_outside) conc = 3;
    if (use.reads_reversal) rev = std::max(rev, 1);
    if (use.writes_reversal) rev = 3;
}

double nernst(double inside, double outside, double valence, double celsius) {
    if (valence == 0) return 0.;
    if (inside <= 0.) return 1e6;
    if (outside <= 0.) return -1e6;
    double ktf = 1000. * gas_constant * (celsius + 273.15) / faraday;
    return ktf / valence * std::log(outside / inside);
}

IonSpecies::IonSpecies(IonSpeciesInfo info, std::vector<int32_t> nodes, std::vector<IonStyle> styles)
    : inside0(info.inside), outside0(info.outside), info_(std::move(info)), nodes_(std::move(nodes)),
      styles_(std::move(styles)) {
    std::size_t n = nodes_.size();
    reversal.assign(n, info_.reversal);
    inside.assign(n, info_.inside);
    outside.assign(n, info_.outside);
    current.assign(n, 0.0);
    conductance.assign(n, 0.0);
    int32_t max_node = nodes_.empty() ? -1 : *std::max_element(nodes_.begin(), nodes_.end());
    instance_of_node_.assign(static_cast<std::size_t>(max_node + 1), -1);
    for (std::size_t i = 0; i < n; ++i) instance_of_node_[static_cast<std::size_t>(nodes_[i])] = static_cast<int32_t>(i);
}

int IonSpecies::instance_at(int32_t node) const {
    if (node < 0 || static_cast<std::size_t>(node) >= instance_of_node_.size()) return -1;
    return instance_of_node_[static_cast<std::size_t>(node)];
}

cornu_ion_data IonSpecies::view() {
    return {reversal.data(), inside.data(), outside.data(), current.data(), conductance.data(), info_.valence};
}

void IonSpecies::initialise(double celsius) {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        if (styles_[i].cinit()) {
            inside[i] = inside0;
            outside[i] = outside0;
        }
        if (styles_[i].einit()) reversal[i] = nernst(inside[i], outside[i], info_.valence, celsius);
    }
}

void IonSpecies::wrote_concentrations(double celsius) {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
        if (styles_[i].einit()) reversal[i] = nernst(inside[i], outside[i], info_.valence, celsius);
}

void IonSpecies::begin_currents(double celsius) {
    std::fill(current.begin(), current.end(), 0.0);
    std::fill(conductance.begin(), conductance.end(), 0.0);
    for (std::size_t i = 0; i < nodes_.size(); ++i)
        if (styles_[i].eadvance()) reversal[i] = nernst(inside[i], outside[i], info_.valence, celsius);
}

void IonSpecies::second_order_correction(const double* dv) {
    for (std::size_t i = 0; i < nodes_.size(); ++i) current[i] += conductance[i] * dv[nodes_[i]];
}

std::size_t IonSpecies::memory_bytes() const {
    return nodes_.size() * (5 * sizeof(double) + sizeof(int32_t) + sizeof(IonStyle)) +
           instance_of_node_.size() * sizeof(int32_t);
}

}  // namespace cornu::runtime

// One ion species (na, k, ca, or any ion a mechanism declares) at the nodes where some mechanism
// uses it, with NEURON's rules (NEURON_SEMANTICS.md §C4, src/nrnoc/eion.cpp): per node, the
// uses of all mechanisms there decide whether concentrations are reset at initialisation and
// whether the reversal potential is a parameter or follows the Nernst equation, at
// initialisation only or at every step.
#pragma once

#include "cornu/compiler/layout.hpp"
#include "cornu/compiler/mechanism_abi.h"
#include "cornu/runtime/catalogue.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace cornu::runtime {

// The ion style of one node, from the strongest use of any mechanism there.
struct IonStyle {
    int conc = 0;  // 0 unused, 1 read, 3 written
    int rev = 0;   // 0 unused, 1 read, 2 computed, 3 written
    void add_use(const IonInfo& use);
    void finish() {
        if (conc > 0 && rev < 2) rev = 2;
    }
    bool cinit() const { return conc == 3; }
    bool einit() const { return conc > 0 && rev == 2; }
    bool eadvance() const { return conc == 3 && rev == 2; }
};

// NEURON's Nernst potential (mV), eion.cpp: nrn_nernst.
double nernst(double inside, double outside, double valence, double celsius);

class IonSpecies {
public:
    IonSpecies(IonSpeciesInfo info, std::vector<int32_t> nodes, std::vector<IonStyle> styles);

    const std::string& name() const { return info_.name; }
    double valence() const { return info_.valence; }
    double rank() const { return info_.rank; }
    std::size_t size() const { return nodes_.size(); }
    const std::vector<int32_t>& nodes() const { return nodes_; }
    // The ion instance at a node, or -1.
    int instance_at(int32_t node) const;

    std::vector<double> reversal, inside, outside, current, conductance;
    double inside0, outside0;  // the globals <ion>i0_<ion>_ion and <ion>o0_<ion>_ion

    cornu_ion_data view();

    // finitialize: concentrations from the globals where written, Nernst where computed.
    void initialise(double celsius);
    // After a concentration writer's INITIAL: the reversal follows at once (nrn_wrote_conc).
    void wrote_concentrations(double celsius);
    // Start of each step's current computation: zero the accumulators, advance Nernst.
    void begin_currents(double celsius);
    // secondorder = 2: i += di/dv * dv at each ion node.
    void second_order_correction(const double* dv);

    std::size_t memory_bytes() const;

private:
    IonSpeciesInfo info_;
    std::vector<int32_t> nodes_;
    std::vector<IonStyle> styles_;
    std::vector<int32_t> instance_of_node_;  // lookup; -1 where absent
};

}  // namespace cornu::runtime

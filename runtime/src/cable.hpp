// Cells discretised into nodes exactly as NEURON 8.2 does (NEURON_SEMANTICS.md §A): a node per
// segment centre, a zero-area node at each section's x = 1 end, a root node per root section,
// segment areas and half-segment axial resistances, and the off-diagonal coefficients of the
// cable equation.
//
// Nodes have a logical number (roots first, then each cell's sections breadth first, as NEURON
// numbers them) and a storage position: the arrays hold the nodes by depth in their tree, all
// cells interleaved (as CoreNEURON permutes them), so that the Hines elimination works on many
// independent cells at once instead of waiting on one cell's chain. A parent still comes before
// its children and siblings keep their order, so every node receives the same additions in the
// same order as in NEURON's numbering: the results are bit for bit the same.
#pragma once

#include "cornu/runtime/model.hpp"

#include <cstdint>
#include <vector>

namespace cornu::runtime {

// Where a section's nodes are. Internally a section runs from its attached end (x' = 0) to its
// free end; `reversed` sections (child_x = 1) have x' = 1 - x.
// In logical node numbers.
struct SectionNodes {
    int first = 0;     // node of pnode[0]; pnode[j] = first + j, pnode[nseg] = first + nseg
    int attached = 0;  // the node at x' = 0: the parent's node there, or the root node
    int nseg = 1;
    bool reversed = false;

    // The node NEURON uses for sec(x): end nodes at 0 and 1, else the centre of the segment.
    int node_at(double x) const;
    // Node of segment k counted in the user's x order (k = 0 nearest x = 0).
    int segment_node(int k) const { return first + (reversed ? nseg - 1 - k : k); }
};

struct CableNodes {
    int root_count = 0;
    std::vector<int32_t> storage_of;  // [logical node] -> position in the arrays below
    std::vector<int32_t> logical_of;  // [position] -> logical node
    std::vector<int32_t> parent;  // -1 for root nodes
    std::vector<double> area;     // um2; 100 for zero-area nodes
    std::vector<double> rinv;     // uS to the parent (0 for roots); NEURON's ri(x) is 1/rinv
    std::vector<double> a, b;     // NODEA, NODEB
    std::vector<double> diam;     // um
    std::vector<double> cm;       // uF/cm2; only meaningful where has_capacitance
    std::vector<std::uint8_t> has_capacitance;
    std::vector<int32_t> cell_of;  // cell of each node (for messages)
    std::vector<std::vector<SectionNodes>> sections;  // [cell][section]

    std::size_t size() const { return parent.size(); }
    // Positions in the arrays of sec(x), and of a section's segment k (in x order).
    int node_at(const Site& site) const {
        return storage(sections[static_cast<std::size_t>(site.cell)][static_cast<std::size_t>(site.section)].node_at(site.x));
    }
    int segment_node(int cell, int section, int k) const {
        return storage(sections[static_cast<std::size_t>(cell)][static_cast<std::size_t>(section)].segment_node(k));
    }
    int storage(int logical) const { return storage_of[static_cast<std::size_t>(logical)]; }
    // The section and position of the node at an array position, for messages: "c0.soma(0.5)".
    std::string describe(const std::vector<Cell>& cells, int node) const;
};

// `local`, if given, says which cells to build (a rank's share); the others get no nodes.
CableNodes discretise(const std::vector<Cell>& cells, const std::vector<int>* cell_owner = nullptr, int rank = 0);

}  // namespace cornu::runtime

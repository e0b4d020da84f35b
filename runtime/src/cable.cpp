#include "cable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cornu::runtime {

namespace {

constexpr double pi = 3.14159265358979323846;  // NEURON's PI
constexpr double zero_area = 100.0;            // area NEURON gives end and root nodes (a unit trick)

// A section's children in NEURON's sibling order: by position on the parent, and a later child
// before earlier ones at the same position (cabcode.cpp: nrn_add_sibling_list).
std::vector<std::vector<int>> children_of(const Cell& cell) {
    std::vector<std::vector<int>> children(cell.sections.size());
    for (std::size_t s = 0; s < cell.sections.size(); ++s)
        if (cell.sections[s].parent >= 0) children[static_cast<std::size_t>(cell.sections[s].parent)].push_back(static_cast<int>(s));
    for (auto& list : children)
        std::sort(list.begin(), list.end(), [&](int a, int b) {
            double xa = cell.sections[static_cast<std::size_t>(a)].parent_x;
            double xb = cell.sections[static_cast<std::size_t>(b)].parent_x;
            return xa < xb || (xa == xb && a > b);
        });
    return children;
}

// Breadth-first section order of one cell, root sections first in creation order.
std::vector<int> section_order(const Cell& cell) {
    auto children = children_of(cell);
    std::vector<int> order;
    for (std::size_t s = 0; s < cell.sections.size(); ++s)
        if (cell.sections[s].parent < 0) order.push_back(static_cast<int>(s));
    for (std::size_t k = 0; k < order.size(); ++k)
        for (int child : children[static_cast<std::size_t>(order[k])]) order.push_back(child);
    return order;
}

double per_segment(const std::vector<double>& values, int k) {
    return values.size() == 1 ? values[0] : values[static_cast<std::size_t>(k)];
}

template <class T>
void permute(std::vector<T>& values, const std::vector<int32_t>& storage_of) {
    std::vector<T> out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) out[static_cast<std::size_t>(storage_of[i])] = values[i];
    values.swap(out);
}

// Stores the nodes by depth (stable, so roots stay first and siblings keep their order).
void interleave_by_depth(CableNodes& c) {
    const std::size_t n = c.parent.size();
    std::vector<int> depth(n, 0);
    for (std::size_t i = 0; i < n; ++i)  // logical numbering: parents come first
        if (c.parent[i] >= 0) depth[i] = depth[static_cast<std::size_t>(c.parent[i])] + 1;
    c.logical_of.resize(n);
    for (std::size_t i = 0; i < n; ++i) c.logical_of[i] = static_cast<int32_t>(i);
    std::stable_sort(c.logical_of.begin(), c.logical_of.end(),
                     [&](int32_t a, int32_t b) { return depth[static_cast<std::size_t>(a)] < depth[static_cast<std::size_t>(b)]; });
    c.storage_of.resize(n);
    for (std::size_t k = 0; k < n; ++k) c.storage_of[static_cast<std::size_t>(c.logical_of[k])] = static_cast<int32_t>(k);
    for (int32_t& p : c.parent)
        if (p >= 0) p = c.storage_of[static_cast<std::size_t>(p)];
    permute(c.parent, c.storage_of);
    permute(c.rinv, c.storage_of);
    permute(c.area, c.storage_of);
    permute(c.a, c.storage_of);
    permute(c.b, c.storage_of);
    permute(c.diam, c.storage_of);
    permute(c.cm, c.storage_of);
    permute(c.has_capacitance, c.storage_of);
    permute(c.cell_of, c.storage_of);
}

}  // namespace

int SectionNodes::node_at(double x) const {
    double xi = reversed ? 1.0 - x : x;
    if (xi <= 0.0) return attached;
    if (xi >= 1.0) return first + nseg;
    int j = static_cast<int>(std::floor(xi * nseg));
    return first + std::min(j, nseg - 1);
}

CableNodes discretise(const std::vector<Cell>& cells, const std::vector<int>* cell_owner, int rank) {
    CableNodes out;
    out.sections.resize(cells.size());
    std::vector<std::vector<int>> orders;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        bool local = !cell_owner || (*cell_owner)[c] == rank;
        orders.push_back(local ? section_order(cells[c]) : std::vector<int>{});
        if (local)
            for (const Section& s : cells[c].sections) out.root_count += s.parent < 0 ? 1 : 0;
    }

    // Number the nodes: all root nodes, then each cell's sections in breadth-first order.
    int next_root = 0, next = out.root_count;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (orders[c].empty()) continue;  // another rank's cell
        out.sections[c].resize(cells[c].sections.size());
        for (int s : orders[c]) {
            const Section& sec = cells[c].sections[static_cast<std::size_t>(s)];
            SectionNodes& nodes = out.sections[c][static_cast<std::size_t>(s)];
            nodes.nseg = sec.nseg;
            nodes.reversed = sec.child_x == 1.0;
            nodes.first = next;
            next += sec.nseg + 1;
            nodes.attached = sec.parent < 0 ? next_root++
                                            : out.sections[c][static_cast<std::size_t>(sec.parent)].node_at(sec.parent_x);
        }
    }

    std::size_t n = static_cast<std::size_t>(next);
    out.parent.assign(n, -1);
    out.area.assign(n, zero_area);
    out.a.assign(n, 0.0);
    out.b.assign(n, 0.0);
    out.diam.assign(n, 0.0);
    out.cm.assign(n, 0.0);
    out.has_capacitance.assign(n, 0);
    out.cell_of.assign(n, 0);
    out.rinv.assign(n, 0.0);  // root nodes: 0
    std::vector<double>& rinv = out.rinv;

    for (std::size_t c = 0; c < cells.size(); ++c) {
        for (int s : orders[c]) {
            const Section& sec = cells[c].sections[static_cast<std::size_t>(s)];
            const SectionNodes& nodes = out.sections[c][static_cast<std::size_t>(s)];
            if (sec.parent < 0) {
                out.diam[static_cast<std::size_t>(nodes.attached)] = per_segment(sec.diameter, 0);
                out.cell_of[static_cast<std::size_t>(nodes.attached)] = static_cast<int32_t>(c);
            }
            // treeset.cpp: nrn_area_ri, with NEURON's operation order.
            double ra = sec.axial_resistivity;
            double dx = sec.length / static_cast<double>(sec.nseg);
            double rright = 0.0;
            for (int j = 0; j < sec.nseg; ++j) {
                int k = nodes.reversed ? sec.nseg - 1 - j : j;
                double diam = per_segment(sec.diameter, k);
                std::size_t node = static_cast<std::size_t>(nodes.first + j);
                out.area[node] = pi * diam * dx;
                double rleft = 1e-2 * ra * (dx / 2) / (pi * diam * diam / 4.);
                rinv[node] = 1. / (rleft + rright);
                rright = rleft;
                out.diam[node] = diam;
                out.cm[node] = per_segment(sec.capacitance, k);
                out.has_capacitance[node] = 1;
                out.parent[node] = j == 0 ? nodes.attached : nodes.first + j - 1;
                out.cell_of[node] = static_cast<int32_t>(c);
            }
            std::size_t end = static_cast<std::size_t>(nodes.first + sec.nseg);
            rinv[end] = 1. / rright;
            out.diam[end] = per_segment(sec.diameter, nodes.reversed ? 0 : sec.nseg - 1);
            out.parent[end] = nodes.first + sec.nseg - 1;
            out.cell_of[end] = static_cast<int32_t>(c);
        }
    }

    // treeset.cpp: connection_coef. A: effect of a node on its parent's row; B: of the parent on
    // the node's row. rall (rallbranch) is 1 and multiplies in NEURON's order.
    const double rall = 1.0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        for (int s : orders[c]) {
            const SectionNodes& nodes = out.sections[c][static_cast<std::size_t>(s)];
            for (int j = 0; j <= nodes.nseg; ++j) {
                std::size_t node = static_cast<std::size_t>(nodes.first + j);
                std::size_t p = static_cast<std::size_t>(out.parent[node]);
                out.a[node] = j == 0 ? -1.e2 * rall * rinv[node] / out.area[p] : -1.e2 * rinv[node] / out.area[p];
                out.b[node] = -1.e2 * rinv[node] / out.area[node];
            }
        }
    }
    interleave_by_depth(out);
    return out;
}

std::string CableNodes::describe(const std::vector<Cell>& cells, int position) const {
    int node = logical_of[static_cast<std::size_t>(position)];
    for (std::size_t c = 0; c < sections.size(); ++c)
        for (std::size_t s = 0; s < sections[c].size(); ++s) {
            const SectionNodes& nodes = sections[c][s];
            const std::string where = cells[c].name + "." + cells[c].sections[s].name;
            if (node == nodes.attached && cells[c].sections[s].parent < 0) return where + "(0)";
            if (node < nodes.first || node > nodes.first + nodes.nseg) continue;
            int j = node - nodes.first;
            double xi = j == nodes.nseg ? 1.0 : (j + 0.5) / nodes.nseg;
            return fmt::format("{}({:g})", where, nodes.reversed ? 1.0 - xi : xi);
        }
    return fmt::format("node {}", node);
}

}  // namespace cornu::runtime

// Cells become nodes as in NEURON 8.2 (NEURON_SEMANTICS.md §A): the areas and axial
// resistances NEURON reports, its node order, and where children and positions land.
#include "cable.hpp"

#include <catch2/catch.hpp>

using namespace cornu::runtime;

namespace {

Section section(const std::string& name, int parent, double parent_x, double child_x, double L, double diam, int nseg,
                double Ra) {
    Section s;
    s.name = name;
    s.parent = parent;
    s.parent_x = parent_x;
    s.child_x = child_x;
    s.length = L;
    s.diameter = {diam};
    s.nseg = nseg;
    s.axial_resistivity = Ra;
    return s;
}

}  // namespace

TEST_CASE("segment areas and half-segment resistances are NEURON's to the last bit", "[cable]") {
    // Values printed by NEURON 8.2.2 (h.area, h.ri) for these sections.
    Cell cell;
    cell.name = "c";
    cell.sections.push_back(section("soma", -1, 1, 0, 20, 20, 1, 100));
    cell.sections.push_back(section("dend", 0, 1, 0, 300, 2, 5, 150));
    CableNodes nodes = discretise({cell});
    const SectionNodes& soma = nodes.sections[0][0];
    const SectionNodes& dend = nodes.sections[0][1];
    CHECK(nodes.size() == 1 + 2 + 6);
    CHECK(nodes.root_count == 1);
    auto node = [&](const SectionNodes& s, double x) { return static_cast<std::size_t>(nodes.storage(s.node_at(x))); };
    CHECK(nodes.area[node(soma, 0.5)] == 1256.6370614359173);
    CHECK(1.0 / nodes.rinv[node(soma, 0.5)] == 0.031830988618379068);
    CHECK(nodes.area[node(dend, 0.1)] == 376.99111843077515);
    CHECK(1.0 / nodes.rinv[node(dend, 0.1)] == 14.323944878270581);
    CHECK(1.0 / nodes.rinv[node(dend, 0.3)] == 28.647889756541161);
    // Ends and the root are zero-area nodes: area 100 (a unit trick), no capacitance.
    CHECK(nodes.area[node(dend, 1.0)] == 100.0);
    CHECK(nodes.area[0] == 100.0);
    CHECK(nodes.rinv[0] == 0.0);
    CHECK_FALSE(nodes.has_capacitance[node(dend, 1.0)]);
    CHECK(nodes.has_capacitance[node(dend, 0.9)]);
    // B is the parent's effect on a node's row, A the node's on its parent's row.
    std::size_t d0 = node(dend, 0.1);
    CHECK(nodes.b[d0] == -1.e2 * nodes.rinv[d0] / nodes.area[d0]);
    CHECK(nodes.a[d0] == -1.e2 * nodes.rinv[d0] / nodes.area[static_cast<std::size_t>(nodes.parent[d0])]);
}

TEST_CASE("children attach where NEURON attaches them", "[cable]") {
    Cell cell;
    cell.name = "c";
    cell.sections.push_back(section("soma", -1, 1, 0, 20, 20, 3, 100));
    cell.sections.push_back(section("mid", 0, 0.5, 0, 100, 1, 2, 100));    // segment centre node
    cell.sections.push_back(section("end", 0, 1.0, 0, 100, 1, 2, 100));    // the x = 1 end node
    cell.sections.push_back(section("axon", 0, 0.0, 1, 100, 1, 4, 100));   // root node, reversed
    cell.sections.push_back(section("mid2", 1, 0.6, 0, 100, 1, 2, 100));   // mid(0.6): 2nd segment
    CableNodes nodes = discretise({cell});
    const auto& s = nodes.sections[0];
    CHECK(s[1].attached == s[0].node_at(0.5));
    CHECK(s[0].node_at(0.5) == s[0].first + 1);
    CHECK(s[2].attached == s[0].first + 3);
    CHECK(s[3].attached == 0);  // soma(0) of a root section is the root node
    CHECK(s[3].reversed);
    CHECK(s[3].node_at(1.0) == 0);                 // the attached end
    CHECK(s[3].node_at(0.0) == s[3].first + 4);    // the free end
    CHECK(s[3].node_at(0.9) == s[3].first);        // next to the attached end
    CHECK(s[4].attached == s[1].first + 1);
    // Order: root, soma, then the soma's children by position (axon 0, mid 0.5, end 1), then mid2.
    CHECK(s[0].first == 1);
    CHECK(s[3].first == s[0].first + 4);
    CHECK(s[1].first == s[3].first + 5);
    CHECK(s[2].first == s[1].first + 3);
    CHECK(s[4].first == s[2].first + 3);
    for (std::size_t i = 1; i < nodes.size(); ++i) CHECK(nodes.parent[i] < static_cast<int>(i));
}

TEST_CASE("nodes are stored by depth, cells interleaved, parents first and siblings in order", "[cable]") {
    Cell a;
    a.name = "a";
    a.sections.push_back(section("soma", -1, 1, 0, 20, 20, 1, 100));
    a.sections.push_back(section("d1", 0, 1.0, 0, 10, 1, 2, 100));
    a.sections.push_back(section("d2", 0, 1.0, 0, 10, 1, 2, 100));
    Cell b{std::string("b"), a.sections};
    CableNodes nodes = discretise({a, b});
    CHECK(nodes.root_count == 2);
    // Depth 1: both cells' soma centres side by side.
    CHECK(nodes.node_at({0, 0, 0.5}) == 2);
    CHECK(nodes.node_at({1, 0, 0.5}) == 3);
    for (std::size_t i = static_cast<std::size_t>(nodes.root_count); i < nodes.size(); ++i)
        CHECK(nodes.parent[i] < static_cast<int>(i));
    // Siblings (d1, d2 on soma(1)) keep NEURON's order: the later one first.
    CHECK(nodes.node_at({0, 2, 0.25}) < nodes.node_at({0, 1, 0.25}));
    for (std::size_t i = 0; i < nodes.size(); ++i) CHECK(nodes.storage(nodes.logical_of[i]) == static_cast<int>(i));
}

TEST_CASE("a later child comes before earlier ones at the same position", "[cable]") {
    Cell cell;
    cell.name = "c";
    cell.sections.push_back(section("soma", -1, 1, 0, 20, 20, 1, 100));
    cell.sections.push_back(section("first", 0, 1.0, 0, 10, 1, 1, 100));
    cell.sections.push_back(section("second", 0, 1.0, 0, 10, 1, 1, 100));
    CableNodes nodes = discretise({cell});
    CHECK(nodes.sections[0][2].first < nodes.sections[0][1].first);
}

TEST_CASE("positions map to segments as sec(x) does", "[cable]") {
    SectionNodes s;
    s.first = 10;
    s.attached = 3;
    s.nseg = 4;
    CHECK(s.node_at(0.0) == 3);
    CHECK(s.node_at(1.0) == 14);
    CHECK(s.node_at(0.1) == 10);
    CHECK(s.node_at(0.25) == 11);  // a segment boundary belongs to the next segment
    CHECK(s.node_at(0.999) == 13);
    CHECK(s.segment_node(0) == 10);
    s.reversed = true;
    CHECK(s.node_at(0.0) == 14);
    CHECK(s.node_at(1.0) == 3);
    CHECK(s.node_at(0.9) == 10);
    CHECK(s.segment_node(0) == 13);
}

// Distributing a model over MPI ranks. Every rank holds the whole (cheap) model description and
// derives the same global numbering from it: gids, spike sources, NetCon ids. Each rank then
// builds only the cells and artificial cells it owns and the NetCons onto them.
//
// gids: cell k of the model has gid k; the artificial cells follow in model order
// (gid = number of cells + their position among the artificial cells), then the spike
// generators (gid = cells + artificial cells + generator number).
#pragma once

#include "cornu/runtime/model.hpp"

#include <string>
#include <vector>

namespace cornu::runtime {

enum class PartitionKind {
    round_robin,  // gid % ranks
    balanced,     // cells by compartment count, largest first, onto the least loaded rank
};

struct Partition {
    int rank = 0;
    int size = 1;
    std::vector<int> cell_owner;    // [cell] -> rank
    std::vector<int> object_owner;  // [object] -> rank (a point process goes with its cell)
    std::vector<int> generator_owner;  // [generator] -> rank

    bool owns_cell(int cell) const { return cell_owner[static_cast<std::size_t>(cell)] == rank; }
    bool owns_object(int object) const { return object_owner[static_cast<std::size_t>(object)] == rank; }
    bool owns_generator(int g) const { return generator_owner[static_cast<std::size_t>(g)] == rank; }
    bool distributed() const { return size > 1; }
};

// Everything on one rank (the default for a Simulation).
Partition single_rank_partition(const Model& model);
Partition make_partition(const Model& model, int rank, int size, PartitionKind kind);
PartitionKind parse_partition_kind(const std::string& name);  // "round-robin" | "balanced"

// The spike sources of the model, numbered the same way on every rank: in order of first use by
// the NetCons, then by the spike recorders. A threshold source is a node of a cell (several
// sites can name the same node, e.g. soma(1) and dend(0)); an object source is an object's
// net_event.
struct GlobalSource {
    int cell = -1;    // threshold sources
    Site site;        // the first site that named it
    double threshold = 10.0;
    int object = -1;  // object sources
    int generator = -1;  // generator sources
};

struct GlobalSources {
    std::vector<GlobalSource> sources;
    std::vector<int> netcon_source;    // [netcon] -> source
    std::vector<int> recorder_source;  // [spike recorder] -> source
};

// Throws ModelError if two NetCons or recorders give one node different thresholds.
GlobalSources enumerate_sources(const Model& model);

// Every object's and generator's gid, computed once (a lookup per NetCon must not walk the objects).
struct Gids {
    std::vector<int> object;  // [object] -> gid (a point process: its cell's)
    int first_generator = 0;  // generator g has gid first_generator + g

    explicit Gids(const Model& model);
    int of_generator(int generator) const { return first_generator + generator; }
    int of_source(const GlobalSource& source) const;
    int of_target(const Model& model, int netcon) const;  // -1 without target
};

}  // namespace cornu::runtime

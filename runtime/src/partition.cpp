#include "cornu/runtime/partition.hpp"

#include "cable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

namespace cornu::runtime {

namespace {

int compartments(const Cell& cell) {
    int n = 0;
    for (const Section& s : cell.sections) n += s.nseg;
    return n;
}


}  // namespace

Gids::Gids(const Model& model) {
    int cells = static_cast<int>(model.cells().size());
    int artificial = 0;
    for (const PointObject& o : model.objects()) object.push_back(o.site ? o.site->cell : cells + artificial++);
    first_generator = cells + artificial;
}

int Gids::of_source(const GlobalSource& source) const {
    if (source.generator >= 0) return of_generator(source.generator);
    return source.object >= 0 ? object[static_cast<std::size_t>(source.object)] : source.cell;
}

int Gids::of_target(const Model& model, int netcon) const {
    int target = model.netcons()[static_cast<std::size_t>(netcon)].target;
    return target < 0 ? -1 : object[static_cast<std::size_t>(target)];
}

Partition single_rank_partition(const Model& model) {
    Partition p;
    p.cell_owner.assign(model.cells().size(), 0);
    p.object_owner.assign(model.objects().size(), 0);
    p.generator_owner.assign(model.generators().size(), 0);
    return p;
}

Partition make_partition(const Model& model, int rank, int size, PartitionKind kind) {
    if (size < 1 || rank < 0 || rank >= size) throw ModelError(fmt::format("rank {} of {} is not a valid rank", rank, size));
    Partition p;
    p.rank = rank;
    p.size = size;
    std::size_t cells = model.cells().size();
    p.cell_owner.assign(cells, 0);
    if (kind == PartitionKind::round_robin) {
        for (std::size_t c = 0; c < cells; ++c) p.cell_owner[c] = static_cast<int>(c % static_cast<std::size_t>(size));
    } else {
        // Longest processing time first: deterministic (ties by gid), so every rank agrees.
        std::vector<int> order(cells);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return compartments(model.cells()[static_cast<std::size_t>(a)]) >
                   compartments(model.cells()[static_cast<std::size_t>(b)]);
        });
        std::vector<long> load(static_cast<std::size_t>(size), 0);
        for (int c : order) {
            auto least = std::min_element(load.begin(), load.end()) - load.begin();
            p.cell_owner[static_cast<std::size_t>(c)] = static_cast<int>(least);
            load[static_cast<std::size_t>(least)] += compartments(model.cells()[static_cast<std::size_t>(c)]);
        }
    }
    Gids gids(model);
    p.object_owner.resize(model.objects().size());
    for (std::size_t o = 0; o < model.objects().size(); ++o) {
        const PointObject& object = model.objects()[o];
        p.object_owner[o] = object.site ? p.cell_owner[static_cast<std::size_t>(object.site->cell)] : gids.object[o] % size;
    }
    for (std::size_t g = 0; g < model.generators().size(); ++g)
        p.generator_owner.push_back(gids.of_generator(static_cast<int>(g)) % size);
    return p;
}

PartitionKind parse_partition_kind(const std::string& name) {
    if (name == "round-robin") return PartitionKind::round_robin;
    if (name == "balanced") return PartitionKind::balanced;
    throw ModelError(fmt::format("unknown partition '{}': use round-robin or balanced", name));
}

GlobalSources enumerate_sources(const Model& model) {
    GlobalSources out;
    std::map<int, int> object_source;
    std::map<int, int> generator_source;
    std::map<std::pair<int, int>, int> node_source;  // (cell, node in the cell's own numbering)
    std::map<int, CableNodes> cell_nodes;             // discretised on demand, one cell at a time
    auto source_of = [&](const SpikeSource& source, const std::string& what) {
        if (const auto* object = std::get_if<ObjectSource>(&source)) {
            auto [it, added] = object_source.emplace(object->object, static_cast<int>(out.sources.size()));
            if (added) {
                GlobalSource s;
                s.object = object->object;
                out.sources.push_back(s);
            }
            return it->second;
        }
        if (const auto* generator = std::get_if<GeneratorSource>(&source)) {
            auto [it, added] = generator_source.emplace(generator->generator, static_cast<int>(out.sources.size()));
            if (added) {
                GlobalSource s;
                s.generator = generator->generator;
                out.sources.push_back(s);
            }
            return it->second;
        }
        const ThresholdSource& threshold = std::get<ThresholdSource>(source);
        int cell = threshold.site.cell;
        auto nodes = cell_nodes.find(cell);
        if (nodes == cell_nodes.end())
            nodes = cell_nodes.emplace(cell, discretise({model.cells()[static_cast<std::size_t>(cell)]})).first;
        Site local = threshold.site;
        local.cell = 0;
        int node = nodes->second.node_at(local);
        auto [it, added] = node_source.emplace(std::make_pair(cell, node), static_cast<int>(out.sources.size()));
        if (added) {
            GlobalSource s;
            s.cell = cell;
            s.site = threshold.site;
            s.threshold = threshold.threshold;
            out.sources.push_back(s);
        } else if (out.sources[static_cast<std::size_t>(it->second)].threshold != threshold.threshold) {
            const Cell& c = model.cells()[static_cast<std::size_t>(cell)];
            throw ModelError(fmt::format("{}: threshold {} differs from the threshold {} already given for that place "
                                         "on cell '{}' (section '{}'); a site has one threshold for all its NetCons "
                                         "and spike recorders",
                                         what, threshold.threshold, out.sources[static_cast<std::size_t>(it->second)].threshold,
                                         c.name, c.sections[static_cast<std::size_t>(threshold.site.section)].name));
        }
        return it->second;
    };
    for (std::size_t k = 0; k < model.netcons().size(); ++k)
        out.netcon_source.push_back(source_of(model.netcons()[k].source, fmt::format("NetCon {}", k)));
    for (const SpikeRecorder& r : model.spike_recorders())
        out.recorder_source.push_back(source_of(r.source, "spike recorder '" + r.name + "'"));
    return out;
}

}  // namespace cornu::runtime

// Weights to and from HDF5, one group per projection (format 1):
//   /projections/<name>/netcon   int64 [n]          the model's NetCon numbers, in model order
//   /projections/<name>/weights  float64 [n, width] their weight vectors (NaN-padded)
// In a distributed run every rank writes and reads its own rows of the same file with collective
// MPI-IO transfers, so the file is the same whatever the number of ranks.
#include "engine.hpp"

#include <fmt/format.h>
#include <hdf5.h>
#include <mpi.h>

#include <array>
#include <map>

namespace cornu::runtime {

namespace {

constexpr int weights_format = 1;

// Closes an HDF5 handle at the end of a scope.
struct Handle {
    hid_t id = -1;
    herr_t (*close)(hid_t) = nullptr;
    Handle(hid_t h, herr_t (*c)(hid_t)) : id(h), close(c) {}
    ~Handle() {
        if (id >= 0 && close) close(id);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    operator hid_t() const { return id; }
    bool ok() const { return id >= 0; }
};

bool mpi_active() {
    int initialised = 0, finalised = 0;
    MPI_Initialized(&initialised);
    MPI_Finalized(&finalised);
    return initialised && !finalised;
}

hid_t file_access(bool parallel) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (parallel) H5Pset_fapl_mpio(fapl, MPI_COMM_WORLD, MPI_INFO_NULL);
    return fapl;
}

hid_t transfer(bool parallel) {
    hid_t dxpl = H5Pcreate(H5P_DATASET_XFER);
    if (parallel) H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE);
    return dxpl;
}

// A projection's NetCons in model order, and where each sits in it.
struct Layout {
    std::vector<std::int64_t> netcons;
    std::map<int, std::size_t> row;
    std::size_t width = 0;
};

Layout projection_layout(const Model& model, const std::vector<int>& widths, const std::string& projection) {
    Layout layout;
    for (std::size_t k = 0; k < model.netcons().size(); ++k) {
        if (model.netcons()[k].projection != projection) continue;
        layout.row[static_cast<int>(k)] = layout.netcons.size();
        layout.netcons.push_back(static_cast<std::int64_t>(k));
        layout.width = std::max(layout.width, static_cast<std::size_t>(widths[k]));
    }
    return layout;
}

// Selects this rank's rows (all their columns) in a [n, width] file space.
void select_rows(hid_t space, const Layout& layout, const WeightTable& table) {
    if (table.netcons.empty()) {
        H5Sselect_none(space);
        return;
    }
    std::vector<hsize_t> coordinates;
    coordinates.reserve(table.netcons.size() * layout.width * 2);
    for (int netcon : table.netcons)
        for (std::size_t j = 0; j < layout.width; ++j) {
            coordinates.push_back(layout.row.at(netcon));
            coordinates.push_back(j);
        }
    H5Sselect_elements(space, H5S_SELECT_SET, table.netcons.size() * layout.width, coordinates.data());
}

hid_t memory_space(std::size_t values) {
    hsize_t count = values;
    hid_t space = H5Screate_simple(1, &count, nullptr);
    if (values == 0) H5Sselect_none(space);
    return space;
}

}  // namespace

void Simulation::save_weights(const std::string& path) {
    const bool parallel = communicator_ && communicator_->size() > 1 && mpi_active();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    std::string error;
    {
        Handle fapl(file_access(parallel), H5Pclose);
        Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), H5Fclose);
        if (!file.ok()) {
            error = fmt::format("{}: error: cannot create the weights file (check the folder exists and is writable)", path);
        } else {
            Handle dxpl(transfer(parallel), H5Pclose);
            Handle scalar(H5Screate(H5S_SCALAR), H5Sclose);
            Handle format(H5Acreate2(file, "cornu_weights_format", H5T_NATIVE_INT, scalar, H5P_DEFAULT, H5P_DEFAULT),
                          H5Aclose);
            H5Awrite(format, H5T_NATIVE_INT, &weights_format);
            Handle root(H5Gcreate2(file, "projections", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
            const bool writer = !communicator_ || communicator_->rank() == 0;
            for (const std::string& name : projections()) {
                Layout layout = projection_layout(engine_->model, engine_->netcon_width, name);
                WeightTable mine = projection_weights(name);
                Handle group(H5Gcreate2(root, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
                hsize_t n = layout.netcons.size();
                Handle ids_space(H5Screate_simple(1, &n, nullptr), H5Sclose);
                Handle ids(H5Dcreate2(group, "netcon", H5T_NATIVE_INT64, ids_space, H5P_DEFAULT, H5P_DEFAULT,
                                      H5P_DEFAULT),
                           H5Dclose);
                // Every rank knows the NetCon numbers; rank 0 writes them.
                Handle ids_memory(memory_space(writer ? layout.netcons.size() : 0), H5Sclose);
                if (!writer) H5Sselect_none(ids_space);
                H5Dwrite(ids, H5T_NATIVE_INT64, ids_memory, ids_space, dxpl, layout.netcons.data());
                hsize_t dims[2] = {n, layout.width};
                Handle space(H5Screate_simple(2, dims, nullptr), H5Sclose);
                Handle weights(H5Dcreate2(group, "weights", H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT,
                                          H5P_DEFAULT),
                               H5Dclose);
                select_rows(space, layout, mine);
                Handle memory(memory_space(mine.values.size()), H5Sclose);
                if (H5Dwrite(weights, H5T_NATIVE_DOUBLE, memory, space, dxpl, mine.values.data()) < 0)
                    error = fmt::format("{}: error: writing the weights of projection '{}' failed", path, name);
            }
        }
    }
    if (communicator_ && communicator_->max(error.empty() ? 0.0 : 1.0) > 0 && error.empty())
        error = fmt::format("{}: error: saving the weights failed on another rank", path);
    if (!error.empty()) throw ModelError(error);
}

void Simulation::load_weights(const std::string& path) {
    const bool parallel = communicator_ && communicator_->size() > 1 && mpi_active();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    std::string error;
    auto fail = [&](const std::string& message) {
        if (error.empty()) error = fmt::format("{}: error: {}", path, message);
    };
    {
        Handle fapl(file_access(parallel), H5Pclose);
        Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl), H5Fclose);
        if (!file.ok()) fail("cannot open it as an HDF5 file (does it exist?)");
        Handle root(file.ok() ? H5Gopen2(file, "projections", H5P_DEFAULT) : -1, H5Gclose);
        if (file.ok() && !root.ok()) fail("it is not a cornu weights file (no /projections group)");
        Handle dxpl(transfer(parallel), H5Pclose);
        // Every rank makes the same calls in the same order, whatever goes wrong, so the
        // collective reads stay matched; problems are reported after the loop.
        for (const std::string& name : projections()) {
            Layout layout = projection_layout(engine_->model, engine_->netcon_width, name);
            WeightTable mine = projection_weights(name);
            Handle group(root.ok() ? H5Gopen2(root, name.c_str(), H5P_DEFAULT) : -1, H5Gclose);
            if (root.ok() && !group.ok()) fail(fmt::format("it has no projection '{}'", name));
            Handle ids(group.ok() ? H5Dopen2(group, "netcon", H5P_DEFAULT) : -1, H5Dclose);
            Handle weights(group.ok() ? H5Dopen2(group, "weights", H5P_DEFAULT) : -1, H5Dclose);
            std::vector<std::int64_t> stored(layout.netcons.size(), -1);
            bool shape_ok = false;
            if (ids.ok() && weights.ok()) {
                Handle ids_space(H5Dget_space(ids), H5Sclose);
                Handle space(H5Dget_space(weights), H5Sclose);
                hsize_t n = 0, dims[2] = {0, 0};
                H5Sget_simple_extent_dims(ids_space, &n, nullptr);
                shape_ok = H5Sget_simple_extent_ndims(space) == 2 && n == layout.netcons.size();
                if (shape_ok) H5Sget_simple_extent_dims(space, dims, nullptr);
                shape_ok = shape_ok && dims[0] == n && dims[1] == layout.width;
            } else if (group.ok()) {
                fail(fmt::format("projection '{}' lacks its netcon or weights dataset", name));
            }
            if (ids.ok() && weights.ok() && !shape_ok)
                fail(fmt::format("projection '{}' has another number of NetCons or another weight-vector length "
                                 "than this model's ({} x {})",
                                 name, layout.netcons.size(), layout.width));
            if (shape_ok) {
                Handle all(H5Screate_simple(1, std::array<hsize_t, 1>{layout.netcons.size()}.data(), nullptr),
                           H5Sclose);
                H5Dread(ids, H5T_NATIVE_INT64, all, H5S_ALL, dxpl, stored.data());
                if (stored != layout.netcons)
                    fail(fmt::format("projection '{}' was saved for other NetCons than this model has", name));
                Handle space(H5Dget_space(weights), H5Sclose);
                select_rows(space, layout, mine);
                Handle memory(memory_space(mine.values.size()), H5Sclose);
                if (H5Dread(weights, H5T_NATIVE_DOUBLE, memory, space, dxpl, mine.values.data()) < 0)
                    fail(fmt::format("reading projection '{}' failed", name));
                else if (error.empty())
                    set_projection_weights(name, mine);
            }
        }
    }
    if (communicator_ && communicator_->max(error.empty() ? 0.0 : 1.0) > 0 && error.empty())
        error = fmt::format("{}: error: loading the weights failed on another rank", path);
    if (!error.empty()) throw ModelError(error);
}

}  // namespace cornu::runtime

// The MPI side of the Communicator: Allgather of counts, then Allgatherv of spikes (NEURON's
// nrn_spike_exchange without its fixed-size fast path), with error messages riding along.
#include "cornu/runtime/communicator.hpp"

#include <mpi.h>

#include <cstdlib>
#include <numeric>

namespace cornu::runtime {

namespace {

class MpiCommunicator final : public Communicator {
public:
    MpiCommunicator() {
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
        // A spike travels as two doubles' worth of bytes: the time and the source number.
        MPI_Type_contiguous(static_cast<int>(sizeof(SpikeMessage)), MPI_BYTE, &spike_type_);
        MPI_Type_commit(&spike_type_);
    }
    ~MpiCommunicator() override { MPI_Type_free(&spike_type_); }

    int rank() const override { return rank_; }
    int size() const override { return size_; }

    ExchangeResult exchange(const std::vector<SpikeMessage>& outgoing, const std::string& error) override {
        // Counts and error lengths in one collective.
        int mine[2] = {static_cast<int>(outgoing.size()), static_cast<int>(error.size())};
        std::vector<int> all(2 * static_cast<std::size_t>(size_));
        MPI_Allgather(mine, 2, MPI_INT, all.data(), 2, MPI_INT, MPI_COMM_WORLD);
        std::vector<int> counts(static_cast<std::size_t>(size_)), displacements(static_cast<std::size_t>(size_));
        std::vector<int> error_lengths(static_cast<std::size_t>(size_)), error_offsets(static_cast<std::size_t>(size_));
        for (int r = 0; r < size_; ++r) {
            counts[static_cast<std::size_t>(r)] = all[2 * static_cast<std::size_t>(r)];
            error_lengths[static_cast<std::size_t>(r)] = all[2 * static_cast<std::size_t>(r) + 1];
        }
        std::exclusive_scan(counts.begin(), counts.end(), displacements.begin(), 0);
        std::exclusive_scan(error_lengths.begin(), error_lengths.end(), error_offsets.begin(), 0);

        ExchangeResult result;
        result.spikes.resize(static_cast<std::size_t>(displacements.back() + counts.back()));
        MPI_Allgatherv(outgoing.data(), mine[0], spike_type_, result.spikes.data(), counts.data(), displacements.data(),
                       spike_type_, MPI_COMM_WORLD);

        int total_error = error_offsets.back() + error_lengths.back();
        if (total_error > 0) {
            std::string text(static_cast<std::size_t>(total_error), '\0');
            MPI_Allgatherv(error.data(), mine[1], MPI_CHAR, text.data(), error_lengths.data(), error_offsets.data(),
                           MPI_CHAR, MPI_COMM_WORLD);
            for (int r = 0; r < size_; ++r)
                if (error_lengths[static_cast<std::size_t>(r)] > 0) {
                    result.failed_rank = r;
                    result.failure = text.substr(static_cast<std::size_t>(error_offsets[static_cast<std::size_t>(r)]),
                                                 static_cast<std::size_t>(error_lengths[static_cast<std::size_t>(r)]));
                    break;
                }
        }
        return result;
    }

    std::vector<double> gather(const std::vector<double>& values, std::vector<int>& counts) override {
        int mine = static_cast<int>(values.size());
        counts.assign(static_cast<std::size_t>(size_), 0);
        MPI_Gather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
        std::vector<int> displacements(static_cast<std::size_t>(size_), 0);
        std::exclusive_scan(counts.begin(), counts.end(), displacements.begin(), 0);
        std::vector<double> all;
        if (rank_ == 0) all.resize(static_cast<std::size_t>(displacements.back() + counts.back()));
        MPI_Gatherv(values.data(), mine, MPI_DOUBLE, all.data(), counts.data(), displacements.data(), MPI_DOUBLE, 0,
                    MPI_COMM_WORLD);
        if (rank_ != 0) counts.clear();
        return all;
    }

    double max(double value) override {
        double result = value;
        MPI_Allreduce(&value, &result, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        return result;
    }

private:
    int rank_ = 0, size_ = 1;
    MPI_Datatype spike_type_{};
};

}  // namespace

std::unique_ptr<Communicator> make_mpi_communicator() { return std::make_unique<MpiCommunicator>(); }

namespace {
// Started by mpirun/mpiexec (Open MPI or a PMI launcher)? Otherwise cornu runs as one process
// without initialising MPI at all, which keeps plain runs free of MPI's start-up cost.
bool launched_by_mpirun() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (std::getenv(name)) return true;
    return false;
}
}  // namespace

MpiSession::MpiSession(int* argc, char*** argv) {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised && launched_by_mpirun()) {
        MPI_Init(argc, argv);
        owner_ = true;
    }
    active_ = initialised || owner_;
}

MpiSession::~MpiSession() {
    if (!owner_) return;
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (!finalised) MPI_Finalize();
}

int MpiSession::rank() const {
    int rank = 0;
    if (active_) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int MpiSession::size() const {
    int size = 1;
    if (active_) MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

void MpiSession::abort(int code) const {
    if (active_) MPI_Abort(MPI_COMM_WORLD, code);
    std::abort();
}

}  // namespace cornu::runtime

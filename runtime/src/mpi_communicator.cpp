// The MPI side of the Communicator: spike exchange by a non-blocking Allgather of fixed-size
// records, with error messages riding along.
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

    // One non-blocking Allgather of fixed-size records [count, error length, C spikes] (NEURON's
    // "ag_send_size" scheme); what does not fit (more than C spikes, error texts) follows in
    // blocking rounds at finish. C grows, identically on every rank, to the largest count seen.
    void start_exchange(const std::vector<SpikeMessage>& outgoing, const std::string& error) override {
        pending_ = outgoing;
        pending_error_ = error;
        const std::size_t record = record_size();
        send_.assign(record, 0.0);
        send_[0] = static_cast<double>(outgoing.size());
        send_[1] = static_cast<double>(error.size());
        for (std::size_t k = 0; k < std::min(outgoing.size(), capacity_); ++k) {
            send_[2 + 2 * k] = outgoing[k].time;
            send_[3 + 2 * k] = static_cast<double>(outgoing[k].source);  // exact below 2^53
        }
        receive_.assign(record * static_cast<std::size_t>(size_), 0.0);
        MPI_Iallgather(send_.data(), static_cast<int>(record), MPI_DOUBLE, receive_.data(), static_cast<int>(record),
                       MPI_DOUBLE, MPI_COMM_WORLD, &request_);
    }

    ExchangeResult finish_exchange() override {
        MPI_Wait(&request_, MPI_STATUS_IGNORE);
        const std::size_t record = record_size();
        ExchangeResult result;
        std::vector<int> overflow(static_cast<std::size_t>(size_)), error_lengths(static_cast<std::size_t>(size_));
        std::size_t largest = 0;
        for (int r = 0; r < size_; ++r) {
            const double* header = receive_.data() + record * static_cast<std::size_t>(r);
            auto count = static_cast<std::size_t>(header[0]);
            largest = std::max(largest, count);
            for (std::size_t k = 0; k < std::min(count, capacity_); ++k)
                result.spikes.push_back({header[2 + 2 * k], static_cast<std::int64_t>(header[3 + 2 * k])});
            overflow[static_cast<std::size_t>(r)] = static_cast<int>(count > capacity_ ? count - capacity_ : 0);
            error_lengths[static_cast<std::size_t>(r)] = static_cast<int>(header[1]);
        }
        if (largest > capacity_) receive_overflow(overflow, result);
        receive_errors(error_lengths, result);
        while (capacity_ < largest) capacity_ *= 2;  // every rank saw the same counts
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
    std::size_t record_size() const { return 2 + 2 * capacity_; }

    // The spikes beyond the fixed records, gathered in rank order (then sorted into place by
    // the caller's canonical event order, so their position does not matter).
    void receive_overflow(const std::vector<int>& overflow, ExchangeResult& result) {
        std::vector<int> displacements(overflow.size());
        std::exclusive_scan(overflow.begin(), overflow.end(), displacements.begin(), 0);
        std::vector<SpikeMessage> extra(static_cast<std::size_t>(displacements.back() + overflow.back()));
        const SpikeMessage* mine = pending_.data() + std::min(pending_.size(), capacity_);
        MPI_Allgatherv(mine, overflow[static_cast<std::size_t>(rank_)], spike_type_, extra.data(), overflow.data(),
                       displacements.data(), spike_type_, MPI_COMM_WORLD);
        result.spikes.insert(result.spikes.end(), extra.begin(), extra.end());
    }

    void receive_errors(const std::vector<int>& lengths, ExchangeResult& result) {
        std::vector<int> offsets(lengths.size());
        std::exclusive_scan(lengths.begin(), lengths.end(), offsets.begin(), 0);
        int total = offsets.back() + lengths.back();
        if (total == 0) return;
        std::string text(static_cast<std::size_t>(total), '\0');
        MPI_Allgatherv(pending_error_.data(), lengths[static_cast<std::size_t>(rank_)], MPI_CHAR, text.data(),
                       lengths.data(), offsets.data(), MPI_CHAR, MPI_COMM_WORLD);
        for (std::size_t r = 0; r < lengths.size(); ++r)
            if (lengths[r] > 0) {
                result.failed_rank = static_cast<int>(r);
                result.failure = text.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r]));
                return;
            }
    }

    int rank_ = 0, size_ = 1;
    MPI_Datatype spike_type_{};
    std::size_t capacity_ = 64;  // spikes per rank in the fixed-size records
    std::vector<double> send_, receive_;
    std::vector<SpikeMessage> pending_;
    std::string pending_error_;
    MPI_Request request_ = MPI_REQUEST_NULL;
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

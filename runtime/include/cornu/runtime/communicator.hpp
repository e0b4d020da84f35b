// What a distributed simulation needs from MPI, behind a small interface so that only one
// translation unit includes mpi.h and the rest of the runtime does not care whether it runs on
// one rank or many.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cornu::runtime {

// A spike crossing ranks: the global source number and the spike time.
struct SpikeMessage {
    double time;
    std::int64_t source;
};

// The outcome of one exchange: every other rank's spikes, and whether any rank failed.
struct ExchangeResult {
    std::vector<SpikeMessage> spikes;  // from all ranks (including this one), in rank order
    int failed_rank = -1;              // the lowest rank that reported an error, or -1
    std::string failure;               // that rank's message
};

class Communicator {
public:
    virtual ~Communicator() = default;
    virtual int rank() const = 0;
    virtual int size() const = 0;

    // Collective, in two halves so that computation can go on while the spikes travel: every
    // rank contributes its spikes since the last exchange and its error message (empty if none)
    // and, at finish, receives everyone's. At most one exchange is in flight.
    virtual void start_exchange(const std::vector<SpikeMessage>& outgoing, const std::string& error) = 0;
    virtual ExchangeResult finish_exchange() = 0;
    ExchangeResult exchange(const std::vector<SpikeMessage>& outgoing, const std::string& error) {
        start_exchange(outgoing, error);
        return finish_exchange();
    }

    // Collective: the concatenation of every rank's values on rank 0 (empty elsewhere), with
    // each rank's count in `counts` (rank 0 only).
    virtual std::vector<double> gather(const std::vector<double>& values, std::vector<int>& counts) = 0;

    // Collective: the maximum over ranks.
    virtual double max(double value) = 0;
};

// MPI_COMM_WORLD. MPI must have been initialised (see MpiSession).
std::unique_ptr<Communicator> make_mpi_communicator();

// Initialises MPI for the lifetime of the object (finalises it at the end) when the process was
// started by mpirun and MPI is not initialised yet. Otherwise (a plain run) MPI is left alone
// and the session is one rank.
class MpiSession {
public:
    MpiSession(int* argc, char*** argv);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    int rank() const;
    int size() const;
    // Ends every rank at once (after a failure that the others cannot learn about otherwise).
    [[noreturn]] void abort(int code) const;

private:
    bool owner_ = false;   // this session initialised MPI and finalises it
    bool active_ = false;  // MPI is initialised
};

}  // namespace cornu::runtime

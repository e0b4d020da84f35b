// Spike generators at run time: players emit their list, Poisson processes draw their next spike
// by time rescaling of a piecewise-constant rate (an Exp(1) amount of integrated rate per spike),
// from a Random123 stream keyed by (seed, gid, purpose).
#pragma once

#include "cornu/runtime/model.hpp"
#include "random_stream.hpp"

#include <cstddef>

namespace cornu::runtime {

class GeneratorState {
public:
    GeneratorState(const SpikeGenerator& spec, int gid, int presyn);

    int presyn() const { return presyn_; }
    // Back to t = 0 with a fresh stream: the same train every run.
    void reset();
    // Calls emit(time) for each spike with time < limit, in time order.
    template <class Emit>
    void emit_before(double limit, Emit emit) {
        while (next_ < limit) {
            emit(next_);
            advance();
        }
    }

private:
    void advance();
    double poisson_after(double from);

    const SpikeGenerator* spec_;
    int gid_;
    int presyn_;
    std::size_t index_ = 0;  // players: the next time
    double next_ = 0;        // the next spike time (infinity when none)
    RandomStream stream_;
};

}  // namespace cornu::runtime

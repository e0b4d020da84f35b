#include "generators.hpp"

#include <algorithm>
#include <cmath>

namespace cornu::runtime {

namespace {
constexpr std::uint64_t purpose_poisson = 1;  // the stream purpose; others may draw for other reasons
}

GeneratorState::GeneratorState(const SpikeGenerator& spec, int gid, int presyn)
    : spec_(&spec), gid_(gid), presyn_(presyn) {
    reset();
}

void GeneratorState::reset() {
    index_ = 0;
    if (spec_->poisson) {
        stream_.reseed(spec_->poisson->seed, (static_cast<std::uint64_t>(gid_) << 8) | purpose_poisson);
        next_ = poisson_after(std::max(0.0, spec_->poisson->start));
    } else {
        next_ = spec_->times.empty() ? INFINITY : spec_->times[0];
    }
}

void GeneratorState::advance() {
    if (spec_->poisson) {
        next_ = poisson_after(next_);
    } else {
        ++index_;
        next_ = index_ < spec_->times.size() ? spec_->times[index_] : INFINITY;
    }
}

// The first spike after `from`: walk the rate's pieces until the integrated rate reaches an
// exponentially distributed amount.
double GeneratorState::poisson_after(double from) {
    const PoissonProcess& p = *spec_->poisson;
    double need = stream_.exponential(1.0);
    double t = from;
    // The piece holding t: the last rate time <= t (before the first one the rate is 0).
    auto after = std::upper_bound(p.rate_times.begin(), p.rate_times.end(), t);
    std::size_t piece = static_cast<std::size_t>(after - p.rate_times.begin());
    while (t < p.stop) {
        double rate = piece == 0 ? 0.0 : p.rates[piece - 1] * 1e-3;  // Hz -> 1/ms
        double end = piece < p.rate_times.size() ? p.rate_times[piece] : INFINITY;
        end = std::min(end, p.stop);
        if (rate > 0) {
            double spike = t + need / rate;
            if (spike < end) return spike;
            need -= (end - t) * rate;
        }
        if (!std::isfinite(end)) break;
        t = end;
        ++piece;
    }
    return INFINITY;
}

}  // namespace cornu::runtime

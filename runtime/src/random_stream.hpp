// A counter-based random stream (Random123 Philox4x32-10): the numbers depend only on the key
// (seed, stream id) and how many were drawn, so every mechanism instance has its own stream and
// results do not depend on the order instances are processed in or on the number of ranks.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace cornu::runtime {

class RandomStream {
public:
    RandomStream() = default;
    RandomStream(std::uint64_t seed, std::uint64_t stream) { reseed(seed, stream); }

    void reseed(std::uint64_t seed, std::uint64_t stream) {
        key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
        stream_ = stream;
        counter_ = 0;
        used_ = 4;
    }

    // Uniform on the open interval (0, 1): never 0, so -log(u) is finite.
    double uniform() {
        std::uint64_t bits = (static_cast<std::uint64_t>(next_word()) << 21) ^ next_word();
        bits &= (std::uint64_t{1} << 52) - 1;
        return (static_cast<double>(bits) + 0.5) / 4503599627370496.0;  // 2^52
    }
    double exponential(double mean) { return -mean * std::log(uniform()); }
    double normal(double mean, double sd) {
        // Box-Muller; the second deviate is dropped so the stream position stays simple.
        double u1 = uniform(), u2 = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::uint32_t next_word() {
        if (used_ == 4) {
            r123::Philox4x32::ctr_type ctr = {{static_cast<std::uint32_t>(counter_),
                                               static_cast<std::uint32_t>(counter_ >> 32),
                                               static_cast<std::uint32_t>(stream_),
                                               static_cast<std::uint32_t>(stream_ >> 32)}};
            block_ = r123::Philox4x32()(ctr, key_);
            ++counter_;
            used_ = 0;
        }
        return block_[used_++];
    }

    r123::Philox4x32::key_type key_ = {{0, 0}};
    r123::Philox4x32::ctr_type block_ = {{0, 0, 0, 0}};
    std::uint64_t stream_ = 0;
    std::uint64_t counter_ = 0;
    int used_ = 4;
};

}  // namespace cornu::runtime

// The simulator's side of the kernels' callbacks (cornu/compiler/runtime_hooks.h): C functions
// the JIT links by name, which forward to the HookTarget whose address the kernels carry in
// cornu_mech_data.runtime.
#pragma once

#include "cornu/compiler/compiler.hpp"

#include <cstdint>
#include <vector>

namespace cornu::runtime {

class HookTarget {
public:
    virtual ~HookTarget() = default;
    virtual void net_send(int32_t group, int64_t instance, double* weights, double time, double flag) = 0;
    virtual void net_event(int32_t group, int64_t instance, double time) = 0;
    virtual void net_move(int32_t group, int64_t instance, double time) = 0;
    virtual void watch(int32_t group, int64_t instance, int32_t clause, double flag) = 0;
    virtual int64_t netcon_count(int32_t group, int64_t instance) = 0;
    virtual double* netcon_weights(int32_t group, int64_t instance, int64_t k) = 0;
    virtual double random(int32_t group, int64_t instance, int32_t kind, double a, double b) = 0;
    virtual void set_seed(int32_t group, int64_t instance, double seed) = 0;
    virtual double play_time(int32_t group, int64_t instance, double index) = 0;
    virtual void solver_failed(int32_t group, int64_t instance, int32_t code) = 0;
    virtual double function_table(int32_t group, int32_t table, int32_t n, const double* args) = 0;
};

// The name-address pairs to give the mechanism compiler.
std::vector<HostSymbol> runtime_host_symbols();

}  // namespace cornu::runtime

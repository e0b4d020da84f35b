// The C functions JIT-compiled kernels call for numerics (cornu/compiler/runtime_hooks.h).
#include "cornu/compiler/runtime_hooks.h"
#include "newton.hpp"

#include <cmath>
#include <vector>

using namespace cornu::kernel_support;

extern "C" double cornu_hoc_exp(double x) {
    if (x < -700.0) return 0.0;
    if (x > 700.0) return std::exp(700.0);
    return std::exp(x);
}

// One derivimplicit step: backward Euler, F(s) = f(s) - (s - s_old)/dt = 0 by Newton, exactly as
// NEURON's generated code drives scopmath's nrn_newton_thread.
extern "C" int32_t cornu_derivimplicit(cornu_derivative_fn f, void* env, int32_t n, double* states, double dt) {
    std::vector<double> saved(states, states + n);
    std::vector<double> derivative(static_cast<std::size_t>(n));
    std::vector<double> value(static_cast<std::size_t>(n));
    auto evaluate = [&]() {
        f(env, states, derivative.data());
        for (int32_t i = 0; i < n; ++i) value[i] = derivative[i] - (states[i] - saved[i]) / dt;
    };
    return newton(n, states, value, evaluate);
}

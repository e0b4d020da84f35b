// The C functions JIT-compiled kernels call for numerics (cornu/compiler/runtime_hooks.h).
#include "cornu/compiler/runtime_hooks.h"
#include "newton.hpp"

#include <algorithm>
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

// A KINETIC step (NEURON_SEMANTICS §E4, §E5): backward Euler, Newton on the residual the
// generated function builds (with NEURON's approximate Jacobian), a dense LU solve per iteration.
// Linear schemes take exactly one iteration per step, as nocmodl's do; nonlinear ones iterate
// until the summed change is below 1e-6 and clamp negative states to 0. STEADYSTATE is the
// same with dt = 1e9 ms, iterated to convergence.
namespace {

constexpr int kinetic_max_iterations = 20;
constexpr double kinetic_converge = 1e-6;
constexpr double kinetic_roundoff = 1e-20;

// Gaussian elimination with partial pivoting; a (n*n, row-major) and b are overwritten, x = a^-1 b.
int solve_dense(int n, double* a, double* b, double* x) {
    for (int col = 0; col < n; ++col) {
        int pivot = col;
        for (int row = col + 1; row < n; ++row)
            if (std::fabs(a[row * n + col]) > std::fabs(a[pivot * n + col])) pivot = row;
        if (std::fabs(a[pivot * n + col]) <= kinetic_roundoff) return singular;
        if (pivot != col) {
            for (int k = 0; k < n; ++k) std::swap(a[col * n + k], a[pivot * n + k]);
            std::swap(b[col], b[pivot]);
        }
        for (int row = col + 1; row < n; ++row) {
            double factor = a[row * n + col] / a[col * n + col];
            if (factor == 0.0) continue;
            for (int k = col; k < n; ++k) a[row * n + k] -= factor * a[col * n + k];
            b[row] -= factor * b[col];
        }
    }
    for (int row = n - 1; row >= 0; --row) {
        double sum = b[row];
        for (int k = row + 1; k < n; ++k) sum -= a[row * n + k] * x[k];
        x[row] = sum / a[row * n + row];
    }
    return success;
}

}  // namespace

extern "C" int32_t cornu_kinetic_solve(cornu_kinetic_fn f, void* env, int32_t n, double* states, double dt,
                                       int32_t linear, int32_t steady) {
    if (steady) dt = 1e9;
    // Called per instance per step: the work arrays are reused, never allocated per call.
    thread_local std::vector<double> scratch;
    std::size_t size = static_cast<std::size_t>(n);
    if (scratch.size() < size * (size + 3)) scratch.resize(size * (size + 3));
    double* old = scratch.data();
    double* r = old + size;
    double* delta = r + size;
    double* j = delta + size;
    std::copy(states, states + n, old);
    for (int iteration = 0; iteration < kinetic_max_iterations; ++iteration) {
        f(env, states, old, dt, r, j);
        if (int error = solve_dense(n, j, r, delta)) return error;
        double change = 0.0;
        for (int32_t i = 0; i < n; ++i) {
            states[i] += delta[i];
            change += std::fabs(delta[i]);
            if (!linear && states[i] < 0.0) states[i] = 0.0;
        }
        if ((linear && !steady) || change <= kinetic_converge) {
            // scopmath's sparse evaluates the block once more at the solution, so assignments in
            // it (cabpump.mod's `cai = ca[0]`, fluxes) see the new states.
            f(env, states, old, dt, r, j);
            return success;
        }
    }
    return exceeded_iterations;
}

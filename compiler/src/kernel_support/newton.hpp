// Dense Newton iteration with a finite-difference Jacobian and Crout LU factorisation, as in
// NEURON 8.2's scopmath (newton_thread.c, crout_thread.c): the same constants, the same loop
// structure and the same order of floating-point operations, so that derivimplicit steps agree
// with NEURON's to the last bit. The code generator emits the same operations inline for small
// systems (ir_generator.cpp, newton_step and crout); keep the two the same.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace cornu::kernel_support {

// scopmath's error codes.
inline constexpr int success = 0;
inline constexpr int exceeded_iterations = 1;
inline constexpr int singular = 2;

// The work arrays of a Newton solve of n equations, kept between calls (resized, never shrunk).
struct NewtonWork {
    std::vector<double> jacobian;  // n x n, row-major
    std::vector<double> rowmax, delta, high, low;
    std::vector<int> perm;

    void resize(int n) {
        auto size = static_cast<std::size_t>(n);
        if (perm.size() >= size) return;
        jacobian.resize(size * size);
        for (std::vector<double>* v : {&rowmax, &delta, &high, &low}) v->resize(size);
        perm.resize(size);
    }
};

// Factorises a (n x n, row-major) in place with row permutation `perm`, using `rowmax` (n) as
// scratch. Returns success or singular.
int crout(int n, double* a, int* perm, double* rowmax);

// Solves the factorised system for right-hand side b into p.
void crout_solve(int n, const double* a, const double* b, const int* perm, double* p);

// Solves value(x) = 0 for x (in place). `evaluate` fills `value` (n) from the current x.
int newton(int n, double* x, double* value, const std::function<void()>& evaluate, NewtonWork& work);

}  // namespace cornu::kernel_support

// Dense Newton iteration with a finite-difference Jacobian and Crout LU factorisation, as in
// NEURON 8.2's scopmath (newton_thread.c, crout_thread.c): the same constants, the same loop
// structure and the same order of floating-point operations, so that derivimplicit steps agree
// with NEURON's to the last bit. The code generator emits the same operations inline for small
// systems (ir_generator.cpp, newton_step and crout); keep the two the same.
#pragma once

#include <functional>
#include <vector>

namespace cornu::kernel_support {

// scopmath's error codes.
inline constexpr int success = 0;
inline constexpr int exceeded_iterations = 1;
inline constexpr int singular = 2;

// Factorises a (n x n, rows a[i]) in place with row permutation `perm`. Returns success or singular.
int crout(int n, std::vector<std::vector<double>>& a, std::vector<int>& perm);

// Solves the factorised system for right-hand side b into p.
void crout_solve(int n, const std::vector<std::vector<double>>& a, const std::vector<double>& b,
                 const std::vector<int>& perm, std::vector<double>& p);

// Solves value(x) = 0 for x (in place). `evaluate` fills `value` from the current x.
int newton(int n, double* x, std::vector<double>& value, const std::function<void()>& evaluate);

}  // namespace cornu::kernel_support

// The C functions JIT-compiled kernels call for numerics (cornu/compiler/runtime_hooks.h).
#include "cornu/compiler/runtime_hooks.h"
#include "newton.hpp"
#include "sparse_order.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <vector>

using namespace cornu::kernel_support;

extern "C" double cornu_hoc_exp(double x) {
    if (x < -700.0) return 0.0;
    if (x > 700.0) return std::exp(700.0);
    return std::exp(x);
}

// One derivimplicit step: backward Euler, F(s) = f(s) - (s - s_old)/dt = 0 by Newton, exactly as
// NEURON's generated code drives scopmath's nrn_newton_thread.
//
// Used for systems of more than 6 states. For smaller ones the code generator emits the same
// operations inline in the state kernel (ir_generator.cpp, newton_step and crout); the two must
// stay operation for operation the same.
extern "C" int32_t cornu_derivimplicit(cornu_derivative_fn f, void* env, int32_t n, double* states, double dt) {
    // Called per instance per step: the work arrays are reused, never allocated per call.
    thread_local NewtonWork work;
    thread_local std::vector<double> scratch;
    auto size = static_cast<std::size_t>(n);
    if (scratch.size() < 3 * size) scratch.resize(3 * size);
    double* saved = scratch.data();
    double* derivative = saved + size;
    double* value = derivative + size;
    std::copy(states, states + n, saved);
    std::fill(derivative, derivative + n, 0.0);  // the block's D slots, zero before its first run
    auto evaluate = [&]() {
        f(env, states, derivative);
        for (int32_t i = 0; i < n; ++i) value[i] = derivative[i] - (states[i] - saved[i]) / dt;
    };
    return newton(n, states, value, evaluate, work);
}

// KINETIC blocks with METHOD sparse (NEURON_SEMANTICS §E4, §E5), reproducing NEURON 8.2's scopmath
// operation for operation (sparse_thread.c and sparse.c share the arithmetic; ssimplic_thread.c
// drives STEADYSTATE): a minimum-degree elimination order computed once from the structure of the
// Jacobian (sparse_order.hpp), LU with diagonal pivots in that order, then Newton on backward
// Euler. The generated function numbers rows and columns as nocmodl does, so the order, and hence
// every rounding, is NEURON's.
//
// Used for STEADYSTATE and for blocks whose structure is known only at run time (a reaction under
// an IF, or in a FROM loop with run-time bounds). For METHOD sparse on a block whose structure is
// known at compile time, the code generator emits the same operations inline in the state kernel
// (ir_generator.cpp, sparse_step); the two must stay operation for operation the same.
namespace {

constexpr int max_steps = 20;               // MAXSTEPS
constexpr double converge = 1e-6;           // CONVERGE
constexpr double roundoff = 1e-20;          // ROUNDOFF
constexpr double steady_dt = 1e9;           // _ss_sparse_thread's dt
constexpr int steady_passes = 7;            // _ss_sparse_thread's NIT
constexpr double steady_negative = -1e-6;   // check_state's threshold

// ---- The plan: the order and structure, kept in the caller's int32 array ----
// [0] built flag; [1, n] the equation eliminated at each step; [n + 1, 3n + 1] offsets into the
// entries, 2k and 2k + 1 opening step k's rows below the pivot and columns right of it; then the
// entries (at most n(n - 1)), each list in elimination order.
class Plan {
public:
    Plan(std::int32_t* data, int n) : data_(data), n_(n) {}

    bool built() const { return std::atomic_ref<std::int32_t>(data_[0]).load(std::memory_order_acquire) != 0; }

    void build(const MinimumDegree& ordering) {
        const std::vector<int>& order = ordering.order();
        std::int32_t* offsets = data_ + 1 + n_;
        std::int32_t* entries = offsets + 2 * n_ + 1;
        std::int32_t used = 0;
        for (int step = 0; step < n_; ++step) {
            data_[1 + step] = order[static_cast<std::size_t>(step)];
            offsets[2 * step] = used;
            for (int row : ordering.below(step)) entries[used++] = row;
            offsets[2 * step + 1] = used;
            for (int col : ordering.right(step)) entries[used++] = col;
        }
        offsets[2 * n_] = used;
        std::atomic_ref<std::int32_t>(data_[0]).store(1, std::memory_order_release);
    }

    int pivot(int step) const { return data_[1 + step]; }
    // Rows below the pivot of `step` with an element in its column (r_down from diag[step]).
    const std::int32_t* below_begin(int step) const { return entries() + offsets()[2 * step]; }
    const std::int32_t* below_end(int step) const { return entries() + offsets()[2 * step + 1]; }
    // Columns right of the pivot with an element in its row (c_right from diag[step]).
    const std::int32_t* right_begin(int step) const { return entries() + offsets()[2 * step + 1]; }
    const std::int32_t* right_end(int step) const { return entries() + offsets()[2 * step + 2]; }

private:
    const std::int32_t* offsets() const { return data_ + 1 + n_; }
    const std::int32_t* entries() const { return offsets() + 2 * n_ + 1; }

    std::int32_t* data_;
    int n_;
};

// Solves a x = b in place (x in b), a being n x n row-major, by scopmath's matsol: for each step,
// subrow for every row below the pivot (r = a_rp / a_pp; b_r -= b_p r; a_rc -= a_pc r along the
// pivot row), then bksub (b_p -= a_pc b_c along the pivot row, left to right; b_p /= a_pp).
int eliminate(const Plan& plan, int n, double* a, double* b) {
    auto at = [&](int row, int col) -> double& { return a[static_cast<std::size_t>(row) * n + col]; };
    for (int step = 0; step < n; ++step) {
        int p = plan.pivot(step);
        if (std::fabs(at(p, p)) <= roundoff) return singular;
        for (const std::int32_t* row = plan.below_begin(step); row != plan.below_end(step); ++row) {
            double r = at(*row, p) / at(p, p);
            b[*row] -= b[p] * r;
            for (const std::int32_t* col = plan.right_begin(step); col != plan.right_end(step); ++col)
                at(*row, *col) -= at(p, *col) * r;
        }
    }
    for (int step = n - 1; step >= 0; --step) {
        int p = plan.pivot(step);
        for (const std::int32_t* col = plan.right_begin(step); col != plan.right_end(step); ++col)
            b[p] -= at(p, *col) * b[*col];
        b[p] /= at(p, p);
    }
    return success;
}

// ---- Newton on backward Euler (sparse_thread, _ss_sparse_thread) ----

struct KineticSystem {
    cornu_kinetic_fn f;
    void* env;
    int n;
    Plan plan;
    double* old;             // states at the start of the step (the D slots)
    double* rhs;             // residual, then the Newton change
    double* jacobian;        // n x n
    std::uint8_t* used;      // the structure the block writes

    void evaluate(const double* states, double dt) const { f(env, states, old, dt, rhs, jacobian, used); }
};

// create_coef_list: the block runs once to find the structure and once more to build the element
// list; both runs are kept since the block may have side effects (PROTECT counters).
void build_plan(KineticSystem& system, double* states, double dt) {
    static std::mutex building;
    std::lock_guard<std::mutex> lock(building);
    if (system.plan.built()) return;
    std::size_t size = static_cast<std::size_t>(system.n) * system.n;
    std::copy(states, states + system.n, system.old);
    std::fill(system.used, system.used + size, 0);
    system.evaluate(states, dt);
    system.evaluate(states, dt);
    std::vector<std::uint8_t> present(system.used, system.used + size);
    for (int i = 0; i < system.n; ++i) present[static_cast<std::size_t>(i) * system.n + i] = 1;
    system.plan.build(MinimumDegree(system.n, std::move(present)));
}

// sparse_thread: iterate until the summed |change| is at most 1e-6 (a NaN stops it too), or once
// for a linear scheme; nonlinear schemes clamp negative states to 0. The iteration count is
// checked after the update, so the error comes after 22 iterations. The block runs once more at
// the solution so its assignments (cabpump.mod's `cai = ca[0]`) see the new states.
int sparse_step(KineticSystem& system, double* states, double dt, bool linear) {
    std::copy(states, states + system.n, system.old);
    for (int iteration = 0;; ++iteration) {
        system.evaluate(states, dt);
        if (int error = eliminate(system.plan, system.n, system.jacobian, system.rhs)) return error;
        double change = 0.0;
        for (int i = 0; i < system.n; ++i) {
            states[i] += system.rhs[i];
            if (!linear && states[i] < 0.0) states[i] = 0.0;
            change += std::fabs(system.rhs[i]);
        }
        if (iteration > max_steps) return exceeded_iterations;
        if (linear || !(change > converge)) break;
    }
    system.evaluate(states, dt);
    return success;
}

// _ss_sparse_thread: dt = 1e9. A linear scheme is iterated to convergence as a nonlinear one;
// a nonlinear one takes single linearised steps, setting states below -1e-6 to 0 after each
// (check_state), until none is, then iterates to convergence; 7 passes at most.
int steady_state(KineticSystem& system, double* states, bool linear) {
    if (linear) return sparse_step(system, states, steady_dt, false);
    for (int pass = 0; pass < steady_passes; ++pass) {
        if (int error = sparse_step(system, states, steady_dt, true)) return error;
        bool negative = false;
        for (int i = 0; i < system.n; ++i)
            if (states[i] < steady_negative) {
                states[i] = 0.0;
                negative = true;
            }
        if (!negative) return sparse_step(system, states, steady_dt, false);
    }
    return exceeded_iterations;
}

}  // namespace

extern "C" int32_t cornu_kinetic_solve(cornu_kinetic_fn f, void* env, int32_t n, double* states, double dt,
                                       int32_t linear, int32_t steady, int32_t* plan) {
    // Called per instance per step: the work arrays are reused, never allocated per call.
    thread_local std::vector<double> scratch;
    thread_local std::vector<std::uint8_t> used;
    std::size_t size = static_cast<std::size_t>(n);
    if (scratch.size() < size * (size + 2)) scratch.resize(size * (size + 2));
    if (used.size() < size * size) used.resize(size * size);
    KineticSystem system{f, env, n, Plan(plan, n), scratch.data(), scratch.data() + size,
                         scratch.data() + 2 * size, used.data()};
    if (steady) dt = steady_dt;
    if (!system.plan.built()) build_plan(system, states, dt);
    return steady ? steady_state(system, states, linear != 0) : sparse_step(system, states, dt, linear != 0);
}

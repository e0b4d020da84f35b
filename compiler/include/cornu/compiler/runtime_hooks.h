/*
 * Functions JIT-compiled kernels call by name. The compiler library provides the numerical ones
 * (exact exp, implicit solvers); the simulator provides the event and random-number ones and
 * registers them with the JIT (cornu::jit::HostSymbols). Tests register their own.
 */
#ifndef CORNU_RUNTIME_HOOKS_H
#define CORNU_RUNTIME_HOOKS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- provided by the compiler library (cornu/compiler/kernel_support.hpp) ---- */

/* NEURON's hoc_Exp: exp(x), but 0 below -700 and exp(700) above 700. */
double cornu_hoc_exp(double x);

/* A DERIVATIVE system for derivimplicit: f[k] = d(state k)/dt at the states in s. */
typedef void (*cornu_derivative_fn)(void* env, const double* s, double* f);
/* One backward-Euler step of n states (in/out) with Newton iteration, as NEURON 8.2's scopmath
 * derivimplicit. Returns 0 on success, an error code otherwise. Kernels call it for systems of
 * more than 6 states; smaller ones are generated inline with the same arithmetic. */
int32_t cornu_derivimplicit(cornu_derivative_fn f, void* env, int32_t n, double* states, double dt);

/* A KINETIC system for sparse: given states s, fills the residual r (length n) and the Jacobian
 * j (n*n, row-major) of the backward-Euler equations with step dt. Rows and columns are nocmodl's
 * equation numbers. It also sets used[row*n + col] = 1 for every Jacobian element it writes (the
 * structure scopmath's sparse solver builds); `used` is never null. */
typedef void (*cornu_kinetic_fn)(void* env, const double* s, const double* s_old, double dt, double* r,
                                 double* j, uint8_t* used);
/* int32s the solver needs in `plan` for n equations. */
#define CORNU_KINETIC_PLAN_SIZE(n) ((n) * (n) + 2 * (n) + 2)
/* One sparse step (or, with steady = 1, a steady-state solve) of n states, as NEURON's scopmath.
 * Kernels call it for STEADYSTATE and for KINETIC blocks whose structure is known only at run
 * time; other METHOD sparse solves are generated inline with the same arithmetic.
 * `linear` selects the single-iteration scheme NEURON uses for linear reaction schemes. `plan`
 * (CORNU_KINETIC_PLAN_SIZE(n) int32s, zero before the first call, one per KINETIC block like
 * scopmath's SparseObj) is where the solver keeps the elimination order it computes on first use. */
int32_t cornu_kinetic_solve(cornu_kinetic_fn f, void* env, int32_t n, double* states, double dt,
                            int32_t linear, int32_t steady, int32_t* plan);

/* ---- provided by the simulator ---- */

void cornu_rt_net_send(void* rt, int32_t mech, int64_t instance, double* weights, double time, double flag);
void cornu_rt_net_event(void* rt, int32_t mech, int64_t instance, double time);
void cornu_rt_net_move(void* rt, int32_t mech, int64_t instance, double time);
void cornu_rt_watch(void* rt, int32_t mech, int64_t instance, int32_t clause, double flag);
int64_t cornu_rt_netcon_count(void* rt, int32_t mech, int64_t instance);
double* cornu_rt_netcon_weights(void* rt, int32_t mech, int64_t instance, int64_t k);
/* kind: 0 unirand, 1 normrand(a = mean, b = sd), 2 exprand(a = mean), 3 scop_random */
double cornu_rt_random(void* rt, int32_t mech, int64_t instance, int32_t kind, double a, double b);
void cornu_rt_set_seed(void* rt, int32_t mech, int64_t instance, double seed);
double cornu_rt_play_time(void* rt, int32_t mech, int64_t instance, double index);
void cornu_rt_solver_failed(void* rt, int32_t mech, int64_t instance, int32_t code);
/* A FUNCTION_TABLE's value at args[0..n): `table` indexes the mechanism layout's function_tables. */
double cornu_rt_function_table(void* rt, int32_t mech, int32_t table, int32_t n, const double* args);

#ifdef __cplusplus
}
#endif

#endif /* CORNU_RUNTIME_HOOKS_H */

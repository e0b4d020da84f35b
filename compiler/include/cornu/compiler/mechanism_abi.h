/*
 * The C ABI between JIT-compiled mechanism kernels and the runtime.
 *
 * A mechanism's instances are stored as structure-of-arrays: one array of doubles per per-instance
 * variable ("field"), padded to a multiple of CORNU_ALIGN_WIDTH elements. Every kernel receives a
 * pointer to a cornu_mech_data that the runtime fills before the call; field and global numbering
 * comes from the mechanism's layout (cornu/compiler/layout.hpp).
 *
 * Kernels call back into the runtime only for things that are not arithmetic: events (net_send,
 * net_event, net_move, WATCH, FOR_NETCONS), random numbers and implicit solver failures. Those
 * callbacks are C functions the JIT links by name (see cornu/compiler/runtime_hooks.h).
 */
#ifndef CORNU_MECHANISM_ABI_H
#define CORNU_MECHANISM_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CORNU_ABI_VERSION 2
#define CORNU_ALIGN_WIDTH 8

/* The arrays of one ion species, indexed by ion node (see cornu_mech_data.ion_index). */
typedef struct cornu_ion_data {
    double* reversal;      /* e_x (mV) */
    double* conc_inside;   /* x_i (mM) */
    double* conc_outside;  /* x_o (mM) */
    double* current;       /* i_x accumulator (mA/cm2) */
    double* conductance;   /* di_x/dv accumulator (S/cm2) */
    double valence;
} cornu_ion_data;

typedef struct cornu_mech_data {
    int64_t n;              /* number of instances */
    int64_t stride;         /* padded length of each field array (>= n, multiple of CORNU_ALIGN_WIDTH) */
    double t;               /* time seen by the kernel (ms) */
    double dt;              /* time step (ms); halved for some methods when secondorder > 0 */
    double celsius;         /* temperature (degC) */
    int32_t secondorder;    /* 0: backward Euler; 1, 2: Crank-Nicolson variants */
    int32_t mechanism_id;   /* the runtime's id of this mechanism, passed back in callbacks */

    /* [field] -> double[stride]. The elements of an array variable are contiguous:
     * fields[f + e] == fields[f] + e * stride. */
    double** fields;
    double* globals;        /* [global] */
    double** tables;        /* [table] -> table storage (built by the table kernel) */

    const int32_t* node_index;  /* [n] -> node of each instance */
    const double* node_v;       /* [node] membrane potential (mV) */
    double* node_rhs;           /* [node] right-hand side accumulator */
    double* node_d;             /* [node] diagonal accumulator */
    const double* node_area;    /* [node] area (um2); 100 for zero-area nodes */
    const double* node_diam;    /* [node] diameter (um) */

    cornu_ion_data* ions;       /* [ion of this mechanism] */
    const int32_t** ion_index;  /* [ion] -> int32_t[n]: ion node of each instance */

    void* runtime;          /* opaque, handed back to runtime callbacks */

    /* Nonzero if n > 0, node_index[i] == node_index[0] + i and, for every ion k,
     * ion_index[k][i] == ion_index[k][0] + i: kernels may then read and accumulate into node and
     * ion arrays as contiguous vectors instead of gathers and scatters. 0 is always safe. */
    int32_t contiguous;
} cornu_mech_data;

/* Kernel entry points. A mechanism provides those its layout lists. */
typedef void (*cornu_kernel_fn)(cornu_mech_data*);
/* NET_RECEIVE: one event for one instance; `weights` is the NetCon's weight vector (modifiable). */
typedef void (*cornu_net_receive_fn)(cornu_mech_data*, int64_t instance, double* weights, double flag);
/* NET_RECEIVE's INITIAL: once per NetCon at initialisation. */
typedef void (*cornu_net_init_fn)(cornu_mech_data*, int64_t instance, double* weights);

#ifdef __cplusplus
}
#endif

#endif /* CORNU_MECHANISM_ABI_H */

// Hand-written C++ versions of the benchmarked kernels, written the way a careful C++ programmer
// would for structure-of-arrays data, with NEURON's arithmetic. reference_kernels.cpp is compiled
// twice (strict IEEE and -ffast-math) into two namespaces.
#pragma once

#include <cstdint>

#define CORNU_REFERENCE_KERNELS(NS)                                                                 \
    namespace NS {                                                                                  \
    struct HH {                                                                                     \
        double *gnabar, *gkbar, *gl, *el, *m, *h, *n, *ena, *ek, *gna, *gk, *ina, *ik, *il;         \
        double *minf, *hinf, *ninf, *mtau, *htau, *ntau, *g, *rhs;                                  \
    };                                                                                              \
    void hh_state(HH& d, const double* v, const std::int32_t* node, std::int64_t n, double dt,      \
                  double celsius);                                                                  \
    void hh_current(HH& d, const double* v, double* vec_rhs, double* vec_d, const std::int32_t* node,\
                    std::int64_t n, double* ina_ion, double* dina_ion, double* ik_ion,             \
                    double* dik_ion);                                                               \
    struct Exp2 {                                                                                   \
        double *tau1, *tau2, *e, *A, *B, *factor, *g, *i, *gg, *rhs;                                \
    };                                                                                              \
    void exp2_state(Exp2& d, std::int64_t n, double dt);                                            \
    void exp2_current(Exp2& d, const double* v, const double* area, double* vec_rhs, double* vec_d, \
                      const std::int32_t* node, std::int64_t n);                                    \
    struct Kin3 {                                                                                   \
        double *C1, *C2, *O;                                                                        \
    };                                                                                              \
    void kin3_state(Kin3& d, const double* v, const std::int32_t* node, std::int64_t n, double dt); \
    struct Table {                                                                                  \
        double *m, *h, *n, *minf, *hinf, *ninf, *mtau, *htau, *ntau;                                \
        const double* table; /* minf, mtau, hinf, htau, ninf, ntau: 201 values each */              \
    };                                                                                              \
    void hh_table_state(Table& d, const double* v, const std::int32_t* node, std::int64_t n,        \
                        double dt);                                                                 \
    void hh_build_table(double* table, double celsius);                                            \
    }

CORNU_REFERENCE_KERNELS(reference_strict)
CORNU_REFERENCE_KERNELS(reference_fast)

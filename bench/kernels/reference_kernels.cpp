// See reference_kernels.hpp. Compiled with REFERENCE_NAMESPACE set to reference_strict or
// reference_fast. The code follows NEURON's generated C: hoc's exp limits, the cnexp update in
// nocmodl's form, I(v + 0.001) and I(v) for the conductance.
#include "reference_kernels.hpp"

#include <cmath>

namespace REFERENCE_NAMESPACE {

namespace {

inline double hoc_exp(double x) { return x < -700 ? 0.0 : x > 700 ? std::exp(700.0) : std::exp(x); }

inline double vtrap(double x, double y) {
    if (std::fabs(x / y) < 1e-6) return y * (1 - x / y / 2);
    return x / (hoc_exp(x / y) - 1);
}

inline void hh_rates(double v, double q10, double& minf, double& mtau, double& hinf, double& htau, double& ninf,
                     double& ntau) {
    double alpha = .1 * vtrap(-(v + 40), 10), beta = 4 * hoc_exp(-(v + 65) / 18), sum = alpha + beta;
    mtau = 1 / (q10 * sum);
    minf = alpha / sum;
    alpha = .07 * hoc_exp(-(v + 65) / 20);
    beta = 1 / (hoc_exp(-(v + 35) / 10) + 1);
    sum = alpha + beta;
    htau = 1 / (q10 * sum);
    hinf = alpha / sum;
    alpha = .01 * vtrap(-(v + 55), 10);
    beta = .125 * hoc_exp(-(v + 65) / 80);
    sum = alpha + beta;
    ntau = 1 / (q10 * sum);
    ninf = alpha / sum;
}

inline double cnexp(double y, double inf, double tau, double dt) {
    return y + (1. - hoc_exp(dt * ((-1.0) / tau))) * (-(inf / tau) / ((-1.0) / tau) - y);
}

}  // namespace

void hh_state(HH& d, const double* v, const std::int32_t* node, std::int64_t n, double dt, double celsius) {
    double q10 = std::pow(3.0, (celsius - 6.3) / 10.0);
    for (std::int64_t i = 0; i < n; ++i) {
        double vi = v[node[i]];
        hh_rates(vi, q10, d.minf[i], d.mtau[i], d.hinf[i], d.htau[i], d.ninf[i], d.ntau[i]);
        d.m[i] = cnexp(d.m[i], d.minf[i], d.mtau[i], dt);
        d.h[i] = cnexp(d.h[i], d.hinf[i], d.htau[i], dt);
        d.n[i] = cnexp(d.n[i], d.ninf[i], d.ntau[i], dt);
    }
}

// As NEURON's nrn_cur and nrn_jacob: I and dI/dv by finite difference, the ion currents and their
// conductances accumulated per ion, the node's right-hand side and diagonal.
void hh_current(HH& d, const double* v, double* vec_rhs, double* vec_d, const std::int32_t* node, std::int64_t n,
                double* ina_ion, double* dina_ion, double* ik_ion, double* dik_ion) {
    for (std::int64_t i = 0; i < n; ++i) {
        auto currents = [&](double vv, double& ina, double& ik, double& il) {
            double gna = d.gnabar[i] * d.m[i] * d.m[i] * d.m[i] * d.h[i];
            ina = gna * (vv - d.ena[i]);
            double gk = d.gkbar[i] * d.n[i] * d.n[i] * d.n[i] * d.n[i];
            ik = gk * (vv - d.ek[i]);
            il = d.gl[i] * (vv - d.el[i]);
            d.gna[i] = gna;
            d.gk[i] = gk;
            return ina + ik + il;
        };
        double vi = v[node[i]], ina, ik, il;
        double g = currents(vi + .001, ina, ik, il);
        double dina = ina, dik = ik;
        double rhs = currents(vi, ina, ik, il);
        dina_ion[node[i]] += (dina - ina) / .001;
        dik_ion[node[i]] += (dik - ik) / .001;
        ina_ion[node[i]] += ina;
        ik_ion[node[i]] += ik;
        d.ina[i] = ina;
        d.ik[i] = ik;
        d.il[i] = il;
        d.g[i] = (g - rhs) / .001;
        d.rhs[i] = rhs;
    }
    for (std::int64_t i = 0; i < n; ++i) {
        vec_rhs[node[i]] -= d.rhs[i];
        vec_d[node[i]] += d.g[i];
    }
}

void exp2_state(Exp2& d, std::int64_t n, double dt) {
    for (std::int64_t i = 0; i < n; ++i) {
        d.A[i] = d.A[i] + (1. - hoc_exp(dt * ((-1.0) / d.tau1[i]))) * (-(0.0) / ((-1.0) / d.tau1[i]) - d.A[i]);
        d.B[i] = d.B[i] + (1. - hoc_exp(dt * ((-1.0) / d.tau2[i]))) * (-(0.0) / ((-1.0) / d.tau2[i]) - d.B[i]);
    }
}

void exp2_current(Exp2& d, const double* v, const double* area, double* vec_rhs, double* vec_d,
                  const std::int32_t* node, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        double vi = v[node[i]];
        double g = d.B[i] - d.A[i];
        double i1 = g * (vi + .001 - d.e[i]);
        double i0 = g * (vi - d.e[i]);
        d.g[i] = g;
        d.i[i] = i0;
        double factor = 1.e2 / area[node[i]];
        d.gg[i] = (i1 - i0) / .001 * factor;
        d.rhs[i] = i0 * factor;
    }
    for (std::int64_t i = 0; i < n; ++i) {
        vec_rhs[node[i]] -= d.rhs[i];
        vec_d[node[i]] += d.gg[i];
    }
}

// One backward-Euler step of C1 <-> C2 <-> O with C1 + C2 + O = 1: a 3x3 linear system solved
// by elimination, as a C++ programmer would inline it.
void kin3_state(Kin3& d, const double* v, const std::int32_t* node, std::int64_t n, double dt) {
    for (std::int64_t i = 0; i < n; ++i) {
        double vi = v[node[i]];
        double a1 = 0.1 * hoc_exp(vi / 20), b1 = 0.05 * hoc_exp(-vi / 30);
        double a2 = 0.2 * hoc_exp(vi / 25), b2 = 0.02 * hoc_exp(-vi / 15);
        double dt1 = 1.0 / dt;
        // Rows: C2 and O by backward Euler, C1 by conservation.
        double m[3][3] = {{1, 1, 1}, {-a1, dt1 + b1 + a2, -b2}, {0, -a2, dt1 + b2}};
        double r[3] = {1, dt1 * d.C2[i], dt1 * d.O[i]};
        for (int c = 0; c < 3; ++c) {
            int p = c;
            for (int k = c + 1; k < 3; ++k)
                if (std::fabs(m[k][c]) > std::fabs(m[p][c])) p = k;
            if (p != c) {
                for (int k = 0; k < 3; ++k) std::swap(m[c][k], m[p][k]);
                std::swap(r[c], r[p]);
            }
            for (int k = c + 1; k < 3; ++k) {
                double f = m[k][c] / m[c][c];
                for (int j = c; j < 3; ++j) m[k][j] -= f * m[c][j];
                r[k] -= f * r[c];
            }
        }
        double x[3];
        for (int k = 2; k >= 0; --k) {
            double s = r[k];
            for (int j = k + 1; j < 3; ++j) s -= m[k][j] * x[j];
            x[k] = s / m[k][k];
        }
        d.C1[i] = x[0];
        d.C2[i] = x[1];
        d.O[i] = x[2];
    }
}

void hh_build_table(double* table, double celsius) {
    double q10 = std::pow(3.0, (celsius - 6.3) / 10.0);
    double dx = (100.0 - -100.0) / 200.0, x = -100.0;
    for (int k = 0; k <= 200; ++k, x += dx)
        hh_rates(x, q10, table[k], table[201 + k], table[402 + k], table[603 + k], table[804 + k], table[1005 + k]);
}

void hh_table_state(Table& d, const double* v, const std::int32_t* node, std::int64_t n, double dt) {
    const double mfac = 1.0 / ((100.0 - -100.0) / 200.0);
    for (std::int64_t i = 0; i < n; ++i) {
        double xi = mfac * (v[node[i]] - -100.0);
        double out[6];
        for (int k = 0; k < 6; ++k) {
            const double* t = d.table + 201 * k;
            if (xi <= 0.) out[k] = t[0];
            else if (xi >= 200.) out[k] = t[200];
            else {
                int j = static_cast<int>(xi);
                double theta = xi - j;
                out[k] = t[j] + theta * (t[j + 1] - t[j]);
            }
        }
        d.minf[i] = out[0];
        d.mtau[i] = out[1];
        d.hinf[i] = out[2];
        d.htau[i] = out[3];
        d.ninf[i] = out[4];
        d.ntau[i] = out[5];
        d.m[i] = cnexp(d.m[i], d.minf[i], d.mtau[i], dt);
        d.h[i] = cnexp(d.h[i], d.hinf[i], d.htau[i], dt);
        d.n[i] = cnexp(d.n[i], d.ninf[i], d.ntau[i], dt);
    }
}

}  // namespace REFERENCE_NAMESPACE

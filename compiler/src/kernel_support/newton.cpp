#include "newton.hpp"

#include <cmath>

namespace cornu::kernel_support {

namespace {

constexpr double converge = 1e-6;   // relative change that counts as converged
constexpr double max_change = 0.05; // rebuild the Jacobian when the solution moved more than this
constexpr int max_iterations = 50;
constexpr double zero = 1e-8;       // residual that counts as zero; states below it are not relative
constexpr double step = 1e-6;       // smallest finite-difference increment
constexpr double roundoff = 1e-20;  // smallest acceptable pivot

}  // namespace

int crout(int n, double* a, int* perm, double* rowmax) {
    auto at = [&](int row, int col) -> double& { return a[static_cast<std::size_t>(row) * n + col]; };
    for (int i = 0; i < n; ++i) {
        perm[i] = i;
        int k = 0;
        for (int j = 1; j < n; ++j)
            if (std::fabs(at(i, j)) > std::fabs(at(i, k))) k = j;
        rowmax[i] = at(i, k);
    }
    int save_i = 0;
    for (int r = 0; r < n; ++r) {
        for (int i = r; i < n; ++i) {
            double sum = 0.0;
            int irow = perm[i];
            for (int k = 0; k < r; ++k) sum += at(irow, k) * at(perm[k], r);
            at(irow, r) -= sum;
        }
        int pivot = perm[r];
        double equil_1 = std::fabs(at(pivot, r) / rowmax[pivot]);
        for (int i = r + 1; i < n; ++i) {
            int irow = perm[i];
            double equil_2 = std::fabs(at(irow, r) / rowmax[irow]);
            if (equil_2 > equil_1) {
                pivot = irow;
                save_i = i;
                equil_1 = equil_2;
            }
        }
        if (pivot != perm[r]) {
            perm[save_i] = perm[r];
            perm[r] = pivot;
        }
        if (std::fabs(at(pivot, r)) < roundoff) return singular;
        for (int j = r + 1; j < n; ++j) {
            double sum = 0.0;
            for (int k = 0; k < r; ++k) sum += at(pivot, k) * at(perm[k], j);
            at(pivot, j) = (at(pivot, j) - sum) / at(pivot, r);
        }
    }
    return success;
}

void crout_solve(int n, const double* a, const double* b, const int* perm, double* p) {
    auto at = [&](int row, int col) { return a[static_cast<std::size_t>(row) * n + col]; };
    for (int i = 0; i < n; ++i) {
        int pivot = perm[i];
        double sum = 0.0;
        for (int j = 0; j < i; ++j) sum += at(pivot, j) * p[j];
        p[i] = (b[pivot] - sum) / at(pivot, i);
    }
    for (int i = n - 1; i >= 0; --i) {
        int pivot = perm[i];
        double sum = 0.0;
        for (int j = i + 1; j < n; ++j) sum += at(pivot, j) * p[j];
        p[i] -= sum;
    }
}

namespace {

// Central differences, column by column; x is restored (by adding the increment back, as
// scopmath does) and the function re-evaluated after each column.
void build_jacobian(int n, double* x, const double* value, const std::function<void()>& evaluate, NewtonWork& work) {
    double* high = work.high.data();
    double* low = work.low.data();
    for (int j = 0; j < n; ++j) {
        double increment = std::fabs(0.02 * x[j]) > step ? std::fabs(0.02 * x[j]) : step;
        x[j] += increment;
        evaluate();
        for (int i = 0; i < n; ++i) high[i] = value[i];
        x[j] -= 2.0 * increment;
        evaluate();
        for (int i = 0; i < n; ++i) {
            low[i] = value[i];
            work.jacobian[static_cast<std::size_t>(i) * n + j] = (high[i] - low[i]) / (2.0 * increment);
        }
        x[j] += increment;
        evaluate();
    }
}

}  // namespace

int newton(int n, double* x, double* value, const std::function<void()>& evaluate, NewtonWork& work) {
    work.resize(n);
    double* delta = work.delta.data();
    double change = 1.0;
    int error = success;
    int count = 0;
    while (count++ < max_iterations) {
        if (change > max_change) {
            build_jacobian(n, x, value, evaluate, work);
            for (int i = 0; i < n; ++i) value[i] = -value[i];
            if ((error = crout(n, work.jacobian.data(), work.perm.data(), work.rowmax.data())) != success) break;
        }
        crout_solve(n, work.jacobian.data(), value, work.perm.data(), delta);
        change = 0.0;
        for (int i = 0; i < n; ++i) {
            double temp;
            if (std::fabs(x[i]) > zero && (temp = std::fabs(delta[i] / x[i])) > change) change = temp;
            x[i] += delta[i];
        }
        evaluate();
        double max_dev = 0.0;
        for (int i = 0; i < n; ++i) {
            value[i] = -value[i];
            double temp = std::fabs(value[i]);
            if (temp > max_dev) max_dev = temp;
        }
        if (change <= converge && max_dev <= zero) break;
        if (count == max_iterations) {
            error = exceeded_iterations;
            break;
        }
    }
    return error;
}

}  // namespace cornu::kernel_support

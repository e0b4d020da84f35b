#include "cornu/compiler/function_table.hpp"

#include <fmt/format.h>

#include <cmath>

namespace cornu {

FunctionTableAxis FunctionTableAxis::explicit_points(std::vector<double> points) {
    FunctionTableAxis a;
    a.size = static_cast<int>(points.size());
    a.points = std::move(points);
    return a;
}

FunctionTableAxis FunctionTableAxis::even(double from, double to, int size) {
    FunctionTableAxis a;
    a.from = from;
    a.to = to;
    a.size = size;
    return a;
}

FunctionTable FunctionTable::constant(double value) {
    FunctionTable t;
    t.constant_ = true;
    t.value_ = value;
    return t;
}

FunctionTable FunctionTable::sampled(std::vector<double> values, std::vector<FunctionTableAxis> axes) {
    FunctionTable t;
    t.values_ = std::move(values);
    t.axes_ = std::move(axes);
    return t;
}

std::string FunctionTable::problem(int arity) const {
    if (constant_) return {};
    if (static_cast<int>(axes_.size()) != arity)
        return fmt::format("the table has {} axes but the function takes {} argument{}", axes_.size(), arity,
                           arity == 1 ? "" : "s");
    std::size_t expected = 1;
    for (std::size_t k = 0; k < axes_.size(); ++k) {
        const FunctionTableAxis& a = axes_[k];
        if (a.size < 1) return fmt::format("axis {} has no points", k + 1);
        if (a.points.empty() && !(a.to >= a.from))
            return fmt::format("axis {} runs from {} to {}: 'to' must not be below 'from'", k + 1, a.from, a.to);
        for (std::size_t i = 1; i < a.points.size(); ++i)
            if (!(a.points[i] > a.points[i - 1]))
                return fmt::format("the points of axis {} must increase (point {} is {}, after {})", k + 1, i + 1,
                                   a.points[i], a.points[i - 1]);
        expected *= static_cast<std::size_t>(a.size);
    }
    if (values_.size() != expected)
        return fmt::format("{} values given for {} points", values_.size(), expected);
    return {};
}

namespace {

// The index of the point at or below x on the axis, and the fraction of the way to the next
// point (0 at or beyond the ends), as hoc_func_table's arg_index.
int axis_index(const FunctionTableAxis& a, double x, double& frac) {
    frac = 0;
    int last = a.size - 1;
    if (!a.points.empty()) {
        if (x <= a.points[0]) return 0;
        if (x >= a.points[static_cast<std::size_t>(last)]) return last;
        int lo = 0, hi = last;
        while (lo < hi - 1) {
            int mid = (lo + hi) / 2;
            if (a.points[static_cast<std::size_t>(mid)] <= x) lo = mid;
            else hi = mid;
        }
        frac = (x - a.points[static_cast<std::size_t>(lo)]) /
               (a.points[static_cast<std::size_t>(lo) + 1] - a.points[static_cast<std::size_t>(lo)]);
        return lo;
    }
    if (x <= a.from) return 0;
    if (x >= a.to) return last;
    double step = (a.to - a.from) / static_cast<double>(last);
    double position = (x - a.from) / step;
    int j = static_cast<int>(position);
    frac = position - static_cast<double>(j);
    return j;
}

double between(double frac, double a, double b) { return frac > 0 ? (1. - frac) * a + frac * b : a; }

}  // namespace

double FunctionTable::operator()(const double* args, int n) const {
    if (constant_) return value_;
    // NEURON would index with (int)NaN; a NaN argument gives NaN here.
    for (int i = 0; i < n; ++i)
        if (std::isnan(args[i])) return args[i];
    std::size_t j = 0;
    double frac[2] = {0, 0};
    for (int i = 0; i < n; ++i) {
        double f = 0;
        int k = axis_index(axes_[static_cast<std::size_t>(i)], args[i], f);
        if (i < 2) frac[i] = f;
        j = j * static_cast<std::size_t>(axes_[static_cast<std::size_t>(i)].size) + static_cast<std::size_t>(k);
    }
    auto at = [&](std::size_t k) { return values_[k]; };
    if (n == 1) return between(frac[0], at(j), frac[0] > 0 ? at(j + 1) : 0);
    if (n == 2) {
        double fy = frac[1];
        double y1 = between(fy, at(j), fy > 0 ? at(j + 1) : 0);
        if (frac[0] == 0) return y1;
        std::size_t j1 = j + static_cast<std::size_t>(axes_[1].size);
        double y2 = between(fy, at(j1), fy > 0 ? at(j1 + 1) : 0);
        return between(frac[0], y1, y2);
    }
    return at(j);
}

}  // namespace cornu

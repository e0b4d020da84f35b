// The values behind an NMODL FUNCTION_TABLE: a function of one or more arguments whose values the
// user supplies (in NEURON, from hoc or Python with table_<name>_<suffix>(...)); the mechanism
// only declares and calls it. Looked up as NEURON 8.2's hoc_func_table does:
//  * a constant table returns its value whatever the arguments;
//  * per argument, an axis of `size` points, either explicit increasing points or `size` points
//    evenly spaced from `from` to `to`; an argument at or beyond an end takes that end's value;
//  * one argument: linear interpolation between the two points around it;
//    two arguments: interpolation along the second axis, then along the first;
//    three or more: no interpolation, the value at the point at or below each argument.
// Values are row-major: the last argument's index varies fastest.
#pragma once

#include <string>
#include <vector>

namespace cornu {

struct FunctionTableAxis {
    std::vector<double> points;  // explicit points, increasing; empty for an even grid
    double from = 0, to = 0;     // the even grid's ends
    int size = 0;                // number of points

    static FunctionTableAxis explicit_points(std::vector<double> points);
    static FunctionTableAxis even(double from, double to, int size);
};

class FunctionTable {
public:
    static FunctionTable constant(double value);
    // values.size() must be the product of the axes' sizes (checked by problem()).
    static FunctionTable sampled(std::vector<double> values, std::vector<FunctionTableAxis> axes);

    // Empty if the table can serve a FUNCTION_TABLE of `arity` arguments; otherwise what is wrong.
    std::string problem(int arity) const;

    double operator()(const double* args, int n) const;

private:
    bool constant_ = false;
    double value_ = 0;
    std::vector<double> values_;
    std::vector<FunctionTableAxis> axes_;
};

}  // namespace cornu

: Exercises VERBATIM ... ENDVERBATIM at file level: C declarations (including braces, quotes and
: a colon, which NMODL must not interpret) used from a FUNCTION's own VERBATIM block.
NEURON {
    SUFFIX verbatim_file
    RANGE x
}

VERBATIM
#include <math.h>
static double halve(double y) { /* "a string: with { braces" */ return y / 2.0; }
ENDVERBATIM

ASSIGNED { x }

INITIAL {
    x = half(4)
}

FUNCTION half(y) {
VERBATIM
    _lhalf = halve(_ly);
ENDVERBATIM
}

: Exercises a CONSTANT assigned in code: nocmodl makes a CONSTANT a C static, so NEURON accepts
: the assignment and the value changes for every instance. cornu accepts it too, warns (see
: constant_assigned.expect) and keeps the CONSTANT as a global that can change.
NEURON {
    SUFFIX constant_assigned
    RANGE x
}

CONSTANT {
    scale = 1
}

ASSIGNED { x }

INITIAL {
    scale = 2
    x = scale
}

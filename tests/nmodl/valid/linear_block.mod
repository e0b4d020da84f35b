: Exercises a LINEAR block of `~ lhs = rhs` equations in two states, SOLVEd from INITIAL
: (NEURON solves it with simeq), to start two coupled pools at their equilibrium.
NEURON {
    SUFFIX linear_block
    RANGE total, ratio
}

PARAMETER {
    total = 1
    ratio = 3
}

STATE { a b }

INITIAL {
    SOLVE equilibrium
}

LINEAR equilibrium {
    ~ a + b = total
    ~ a - ratio*b = 0
}

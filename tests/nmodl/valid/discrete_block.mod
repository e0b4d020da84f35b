: Exercises a DISCRETE block SOLVEd once per step, `a@1` (the STATE's value one step back), and
: the implicit global `a0` nocmodl gives every STATE a (its value before INITIAL), listed in GLOBAL
: as NEURON's own documentation does. (cornu lists DISCRETE as unsupported; it parses it.)
NEURON {
    SUFFIX discrete_block
    GLOBAL k, a0
}

PARAMETER {
    k = 0.5
}

STATE {
    a
}

INITIAL {
    a = a0
}

BREAKPOINT {
    SOLVE update
}

DISCRETE update {
    a = a - k*a@1
}

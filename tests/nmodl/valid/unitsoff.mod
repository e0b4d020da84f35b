: Exercises UNITSOFF and UNITSON, at file level around a FUNCTION and inside a block: unit
: checking (which cornu never enforces) is switched off and on again.
NEURON {
    SUFFIX unitsoff
    NONSPECIFIC_CURRENT i
    RANGE g
}

PARAMETER {
    g = 1e-4 (S/cm2)
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    UNITSOFF
    i = g*sig(v)*(v - e)
    UNITSON
}

UNITSOFF
FUNCTION sig(v) {
    sig = 1/(1 + exp(-v/10))
}
UNITSON

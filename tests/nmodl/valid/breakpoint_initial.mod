: Exercises INITIAL and BREAKPOINT blocks of a mechanism without states: INITIAL sets an
: ASSIGNED value once, BREAKPOINT computes a current from it every step.
NEURON {
    SUFFIX breakpoint_initial
    NONSPECIFIC_CURRENT i
    RANGE g, e, vrest
}

PARAMETER {
    g = 5e-5 (S/cm2)
    e = -65 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
    vrest (mV)
}

INITIAL {
    vrest = v
}

BREAKPOINT {
    i = g*(v - e) + 0*vrest
}

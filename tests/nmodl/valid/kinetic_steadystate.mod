: Exercises `SOLVE ... STEADYSTATE sparse` in INITIAL, which starts a kinetic scheme at its
: equilibrium, and SOLVEFOR naming the states a KINETIC block solves.
NEURON {
    SUFFIX kinetic_steadystate
    NONSPECIFIC_CURRENT i
    RANGE g
}

PARAMETER {
    g = 1e-3 (S/cm2)
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
    kon (/ms)
    koff (/ms)
}

STATE { R D }

INITIAL {
    kon = 0.1*exp(v/20)
    koff = 0.1
    SOLVE binding STEADYSTATE sparse
}

BREAKPOINT {
    SOLVE binding METHOD sparse
    i = g*D*(v - e)
}

KINETIC binding SOLVEFOR R, D {
    kon = 0.1*exp(v/20)
    ~ R <-> D (kon, koff)
    CONSERVE R + D = 1
}

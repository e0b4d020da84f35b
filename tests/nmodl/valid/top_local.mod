: Exercises a file-scope LOCAL: a variable shared by all instances of the mechanism (nocmodl
: makes it a C static), written in a PROCEDURE and read in BREAKPOINT.
NEURON {
    SUFFIX top_local
    NONSPECIFIC_CURRENT i
    RANGE g
}

LOCAL factor, cache[2]

PARAMETER {
    g = 1e-4 (S/cm2)
    e = -70 (mV)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    i (mA/cm2)
}

INITIAL {
    setfactor()
}

BREAKPOINT {
    i = g*factor*(v - e)
}

PROCEDURE setfactor() {
    factor = 2^((celsius - 20)/10)
    cache[0] = factor
    cache[1] = celsius
}

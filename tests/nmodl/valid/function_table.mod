: Exercises FUNCTION_TABLE: a function of voltage whose values the user supplies from hoc or
: Python (table_tauf(...)); the mechanism only declares it and calls it.
NEURON {
    SUFFIX function_table
    NONSPECIFIC_CURRENT i
    RANGE g
}

PARAMETER {
    g = 1e-4 (S/cm2)
    e = -30 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

STATE { s }

FUNCTION_TABLE tauf(v (mV)) (ms)
FUNCTION_TABLE sinf(v (mV))

INITIAL { s = sinf(v) }

BREAKPOINT {
    SOLVE states METHOD cnexp
    i = g*s*(v - e)
}

DERIVATIVE states {
    s' = (sinf(v) - s)/tauf(v)
}

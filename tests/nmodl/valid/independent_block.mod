: Exercises the legacy INDEPENDENT block (`t FROM 0 TO 1 WITH 1 (ms)`), which NEURON ignores:
: time is always the independent variable.
NEURON {
    SUFFIX independent_block
    NONSPECIFIC_CURRENT i
    RANGE g
}

INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }

PARAMETER {
    g = 1e-4 (S/cm2)
    e = -70 (mV)
    tau = 5 (ms)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

STATE { s }

INITIAL { s = 0 }

BREAKPOINT {
    SOLVE act METHOD cnexp
    i = g*s*(v - e)
}

DERIVATIVE act {
    s' = (1 - s)/tau
}

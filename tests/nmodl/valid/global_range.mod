: Exercises RANGE and GLOBAL lists: a RANGE PARAMETER (per segment), a PARAMETER left global
: (one value for all), a GLOBAL ASSIGNED, and a RANGE ASSIGNED, several names per statement.
NEURON {
    SUFFIX global_range
    NONSPECIFIC_CURRENT i
    RANGE gbar, g
    GLOBAL vhalf, k, scale
}

PARAMETER {
    gbar = 1e-3 (S/cm2)
    vhalf = -50 (mV)
    k = 5 (mV)
    e = -80 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
    g (S/cm2)
    scale
}

INITIAL { scale = 1 }

BREAKPOINT {
    g = gbar*scale/(1 + exp(-(v - vhalf)/k))
    i = g*(v - e)
}

: Exercises the ASSIGNED block: several entries per line, units, arrays, and an ASSIGNED variable
: that is RANGE, one that is GLOBAL and one that is neither (per-instance but hidden).
NEURON {
    SUFFIX assigned_block
    NONSPECIFIC_CURRENT i
    RANGE g, rate
    GLOBAL tadj
}

PARAMETER {
    gmax = 0.001 (S/cm2)
    e = -65 (mV)
}

ASSIGNED {
    v (mV)  celsius (degC)
    i (mA/cm2)
    g (S/cm2)  rate (/ms)
    tadj
    hist[3]
    hidden
}

INITIAL {
    tadj = 3^((celsius - 23)/10)
    hist[0] = 0  hist[1] = 0  hist[2] = 0
}

BREAKPOINT {
    hidden = 1/(1 + exp(-v/10))
    rate = tadj*hidden
    hist[2] = hist[1]  hist[1] = hist[0]  hist[0] = rate
    g = gmax*hidden
    i = g*(v - e)
}

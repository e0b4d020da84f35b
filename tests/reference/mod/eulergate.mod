: A gate integrated with METHOD euler (no NEURON demo file uses it), written for the
: secondorder_methods reference case: m' = (minf - m)/tau with a sigmoid minf(v).
NEURON {
    SUFFIX eulergate
    NONSPECIFIC_CURRENT i
    RANGE gbar, e, m
}
UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}
PARAMETER {
    gbar = 0.002 (S/cm2)
    e = -80 (mV)
    tau = 4 (ms)
}
ASSIGNED {
    v (mV)
    i (mA/cm2)
}
STATE { m }
INITIAL { m = 1/(1 + exp(-(v + 40)/6)) }
BREAKPOINT {
    SOLVE states METHOD euler
    i = gbar*m*(v - e)
}
DERIVATIVE states {
    m' = (1/(1 + exp(-(v + 40)/6)) - m)/tau
}

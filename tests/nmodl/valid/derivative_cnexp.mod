: Exercises a DERIVATIVE block solved with METHOD cnexp: each equation is linear in its own state,
: so NEURON integrates it exactly over a step.
NEURON {
    SUFFIX derivative_cnexp
    USEION k READ ek WRITE ik
    RANGE gbar
}

PARAMETER {
    gbar = 0.01 (S/cm2)
    vhalf = -30 (mV)
    k = 8 (mV)
    tau = 4 (ms)
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
}

STATE { n }

INITIAL {
    n = ninf(v)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*n^4*(v - ek)
}

DERIVATIVE states {
    n' = (ninf(v) - n)/tau
}

FUNCTION ninf(v (mV)) {
    ninf = 1/(1 + exp(-(v - vhalf)/k))
}

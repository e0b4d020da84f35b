: Exercises NONSPECIFIC_CURRENT with two currents in one list: an Ih-like cation current and a
: leak, both contributing to the membrane current.
NEURON {
    SUFFIX nonspecific_current
    NONSPECIFIC_CURRENT ih, il
    RANGE gh, gl, eh, el
}

PARAMETER {
    gh = 1e-4 (S/cm2)
    eh = -30 (mV)
    gl = 3e-5 (S/cm2)
    el = -70 (mV)
}

ASSIGNED {
    v (mV)
    ih (mA/cm2)
    il (mA/cm2)
}

STATE { q }

INITIAL { q = qinf(v) }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ih = gh*q*(v - eh)
    il = gl*(v - el)
}

DERIVATIVE states {
    q' = (qinf(v) - q)/50
}

FUNCTION qinf(v (mV)) {
    qinf = 1/(1 + exp((v + 80)/8))
}

: Exercises DEFINEd names where numbers belong, as in NEURON's hhwatch.mod: WATCH flags, the
: flags of net_send, and comparisons of `flag` with DEFINEd names in NET_RECEIVE.
NEURON {
    POINT_PROCESS define_flags
    NONSPECIFIC_CURRENT i
    RANGE e, g
}

DEFINE INIT 1
DEFINE RISE 2
DEFINE FALL 3

PARAMETER {
    gpas = 1e-4 (uS)
    gon = 0.01 (uS)
    erev = -65 (mV)
    eon = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    e (mV)
    g (uS)
}

INITIAL {
    g = gpas
    e = erev
    net_send(0, INIT)
}

BREAKPOINT {
    i = g*(v - e)
}

NET_RECEIVE(w) {
    if (flag == INIT) {
        WATCH (v > -55) RISE
    } else if (flag == RISE) {
        g = gon
        e = eon
        WATCH (v > 10) FALL
    } else if (flag == FALL) {
        g = gpas
        e = erev
        WATCH (v > -55) RISE
    }
}

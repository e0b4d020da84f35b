: Exercises NET_RECEIVE with its own INITIAL block (run once per NetCon), extra per-connection
: arguments that keep state between events, and `flag` to tell external from self events.
NEURON {
    POINT_PROCESS net_receive_initial
    NONSPECIFIC_CURRENT i
    RANGE tau, e, dmax
}

PARAMETER {
    tau = 5 (ms)
    e = 0 (mV)
    dmax = 0.5
    taud = 200 (ms)
}

ASSIGNED {
    v (mV)
    i (nA)
}

STATE { g (uS) }

INITIAL { g = 0 }

BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g*(v - e)
}

DERIVATIVE state {
    g' = -g/tau
}

NET_RECEIVE(weight (uS), d, tlast (ms)) {
    INITIAL {
        d = 1
        tlast = -1e9
    }
    if (flag == 0) {
        d = 1 - (1 - d)*exp(-(t - tlast)/taud)
        g = g + weight*d
        d = d*(1 - dmax)
        tlast = t
    }
}

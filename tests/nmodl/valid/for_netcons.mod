: Exercises FOR_NETCONS in NET_RECEIVE: on a postsynaptic spike, every NetCon's per-connection
: state is updated (STDP potentiation); the loop's arguments match NET_RECEIVE's.
NEURON {
    POINT_PROCESS for_netcons
    NONSPECIFIC_CURRENT i
    RANGE tau, e, dw, tauplus
}

PARAMETER {
    tau = 2 (ms)
    e = 0 (mV)
    dw = 0.01 (uS)
    tauplus = 20 (ms)
    thresh = -20 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
}

STATE { g (uS) }

INITIAL {
    g = 0
    net_send(0, 1)
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g*(v - e)
}

DERIVATIVE state { g' = -g/tau }

NET_RECEIVE(w (uS), tpre (ms)) {
    INITIAL { tpre = -1e9 }
    if (flag == 0) {
        g = g + w
        tpre = t
    } else if (flag == 1) {
        WATCH (v > thresh) 2
    } else if (flag == 2) {
        FOR_NETCONS(w1, tp) {
            w1 = w1 + dw*exp(-(t - tp)/tauplus)
        }
    }
}

: Exercises WATCH with several clauses in one statement, each `(a > b) flag` or `(a < b) flag`,
: armed from NET_RECEIVE after a self-event sent in INITIAL (a threshold detector).
NEURON {
    POINT_PROCESS watch_clauses
    RANGE vhigh, vlow, nup, ndown
}

PARAMETER {
    vhigh = -20 (mV)
    vlow = -60 (mV)
}

ASSIGNED {
    v (mV)
    nup
    ndown
}

INITIAL {
    nup = 0
    ndown = 0
    net_send(0, 1)
}

NET_RECEIVE(w) {
    if (flag == 1) {
        WATCH (v > vhigh) 2, (v < vlow) 3
    } else if (flag == 2) {
        nup = nup + 1
    } else if (flag == 3) {
        ndown = ndown + 1
    }
}

: Exercises ARTIFICIAL_CELL (an IntFire1-like integrate-and-fire cell): state kept without a
: membrane potential, analytic decay in NET_RECEIVE, spikes through net_event, and a
: refractory period through a self-event.
NEURON {
    ARTIFICIAL_CELL artificial_cell
    RANGE tau, refrac, m
}

PARAMETER {
    tau = 10 (ms)
    refrac = 5 (ms)
}

ASSIGNED {
    m
    t0 (ms)
    refractory
}

INITIAL {
    m = 0
    t0 = t
    refractory = 0
}

NET_RECEIVE(w) {
    if (refractory == 0) {
        m = m*exp(-(t - t0)/tau)
        t0 = t
        m = m + w
        if (m > 1) {
            refractory = 1
            m = 2
            net_send(refrac, 3)
            net_event(t)
        }
    } else if (flag == 3) {
        refractory = 0
        m = 0
        t0 = t
    }
}

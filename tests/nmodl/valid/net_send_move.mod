: Exercises the event calls: net_send(delay, flag) from INITIAL and NET_RECEIVE, net_move(t) to
: postpone a pending self-event, and net_event(t) to emit a spike, in an ARTIFICIAL_CELL.
NEURON {
    ARTIFICIAL_CELL net_send_move
    RANGE interval, refractory
}

PARAMETER {
    interval = 10 (ms)
    refractory = 2 (ms)
}

ASSIGNED {
    tnext (ms)
}

INITIAL {
    tnext = interval
    net_send(interval, 1)
}

NET_RECEIVE(w) {
    if (flag == 1) {
        net_event(t)
        tnext = t + interval
        net_send(interval, 1)
    } else if (flag == 0) {
        : an input event postpones the next spike
        tnext = tnext + refractory
        net_move(tnext)
    }
}

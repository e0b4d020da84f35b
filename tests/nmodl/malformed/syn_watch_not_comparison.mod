: A WATCH condition with >=, which NEURON does not accept (only > and <).
NEURON { POINT_PROCESS syn_watch_not_comparison }
ASSIGNED { v }
INITIAL { net_send(0, 1) }
NET_RECEIVE(w) {
    WATCH (v >= -20) 2
}

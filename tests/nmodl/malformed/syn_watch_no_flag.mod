: A WATCH clause without its flag.
NEURON { POINT_PROCESS syn_watch_no_flag }
ASSIGNED { v }
INITIAL { net_send(0, 1) }
NET_RECEIVE(w) {
    WATCH (v > -20)
}

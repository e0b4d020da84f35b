: WATCH in BREAKPOINT: it is only armed from NET_RECEIVE.
NEURON { POINT_PROCESS sem_watch_outside_net_receive }
ASSIGNED { v }
BREAKPOINT {
    WATCH (v > -20) 2
}
NET_RECEIVE(w) { }

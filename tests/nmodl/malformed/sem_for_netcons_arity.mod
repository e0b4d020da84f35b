: FOR_NETCONS with fewer arguments than NET_RECEIVE.
NEURON { POINT_PROCESS sem_for_netcons_arity }
NET_RECEIVE(w, tpre) {
    FOR_NETCONS(w1) {
        w1 = w1*2
    }
}

: FOR_NETCONS in INITIAL: it only exists in NET_RECEIVE.
NEURON { POINT_PROCESS sem_for_netcons_outside }
INITIAL {
    FOR_NETCONS(w) { }
}
NET_RECEIVE(w) { }

: NET_RECEIVE in a density mechanism (SUFFIX): events go to point processes.
NEURON { SUFFIX sem_net_receive_density }
ASSIGNED { g }
NET_RECEIVE(w) {
    g = g + w
}

: NET_RECEIVE with no arguments: it needs at least the connection's weight.
NEURON { POINT_PROCESS syn_net_receive_empty_args }
ASSIGNED { count }
NET_RECEIVE() {
    count = count + 1
}

: A name where a number belongs (a WATCH flag) that was never DEFINEd.
NEURON { POINT_PROCESS syn_number_not_defined }
ASSIGNED { v }
INITIAL { net_send(0, 1) }
NET_RECEIVE(w) {
    WATCH (v > -20) RISE
}

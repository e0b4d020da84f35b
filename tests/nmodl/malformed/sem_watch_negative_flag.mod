: A WATCH flag that is negative (nocmodl's WATCH takes a flag >= 0).
NEURON { POINT_PROCESS sem_watch_negative_flag }
ASSIGNED { v }
INITIAL { net_send(0, 1) }
NET_RECEIVE(w) {
    WATCH (v > -20) -1
}

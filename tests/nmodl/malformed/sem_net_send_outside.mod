: net_send in BREAKPOINT, net_event in INITIAL and net_move in a PROCEDURE.
NEURON { POINT_PROCESS sem_net_send_outside }
ASSIGNED { v }
INITIAL {
    net_event(t)
}
BREAKPOINT {
    if (v > 0) { net_send(0, 1) }
}
PROCEDURE later() {
    net_move(t + 1)
}
NET_RECEIVE(w) { }

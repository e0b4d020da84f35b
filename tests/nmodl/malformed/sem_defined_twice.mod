: Two FUNCTIONs with the same name, and two NET_RECEIVE blocks.
NEURON { POINT_PROCESS sem_defined_twice }
ASSIGNED { g }
FUNCTION rate(v) { rate = v }
FUNCTION rate(v) { rate = 2*v }
NET_RECEIVE(w) { g = g + w }
NET_RECEIVE(w) { g = g - w }

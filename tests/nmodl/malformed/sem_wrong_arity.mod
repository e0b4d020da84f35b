: Calls with the wrong number of arguments, to a FUNCTION and to a built-in.
NEURON { SUFFIX sem_wrong_arity }
ASSIGNED { v x }
FUNCTION boltz(v, vh, k) {
    boltz = 1/(1 + exp(-(v - vh)/k))
}
INITIAL {
    x = boltz(v, -40)
    x = exp(v, 2)
}

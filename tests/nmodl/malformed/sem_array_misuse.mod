: Array misuse: an array without its index, and an index on a scalar.
NEURON { SUFFIX sem_array_misuse }
ASSIGNED { w[4] x }
INITIAL {
    x = w + 1
    x[0] = 2
}

: The same LOCAL declared twice in one block.
NEURON { SUFFIX sem_local_declared_twice }
ASSIGNED { x }
INITIAL {
    LOCAL a, b, a
    a = 1
    x = a
}

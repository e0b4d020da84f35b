: A STATE listed as GLOBAL: states belong to each instance.
NEURON {
    SUFFIX sem_global_state
    GLOBAL m
}
STATE { m }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states { m' = -m }

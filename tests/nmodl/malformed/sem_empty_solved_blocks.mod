: A DERIVATIVE block that assigns no derivative, and a KINETIC block without reactions.
NEURON { SUFFIX sem_empty_solved_blocks }
STATE { m C O }
ASSIGNED { minf }
BREAKPOINT {
    SOLVE states METHOD cnexp
    SOLVE scheme METHOD sparse
}
DERIVATIVE states {
    minf = 1
}
KINETIC scheme {
    CONSERVE C + O = 1
}

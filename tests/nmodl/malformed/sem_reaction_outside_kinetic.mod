: A reaction and a CONSERVE statement in a DERIVATIVE block instead of KINETIC.
NEURON { SUFFIX sem_reaction_outside_kinetic }
STATE { C O }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states {
    ~ C <-> O (1, 2)
    CONSERVE C + O = 1
    C' = -C
}

: A reversible reaction with only one rate.
NEURON { SUFFIX syn_reaction_missing_rate }
STATE { C O }
BREAKPOINT { SOLVE scheme METHOD sparse }
KINETIC scheme {
    ~ C <-> O (0.1)
}

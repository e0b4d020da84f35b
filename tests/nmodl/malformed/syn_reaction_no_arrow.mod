: A reaction without its arrow.
NEURON { SUFFIX syn_reaction_no_arrow }
STATE { C O }
BREAKPOINT { SOLVE scheme METHOD sparse }
KINETIC scheme {
    ~ C O (0.1, 0.2)
}

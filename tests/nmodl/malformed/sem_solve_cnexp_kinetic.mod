: METHOD cnexp (for DERIVATIVE blocks) used on a KINETIC block.
NEURON { SUFFIX sem_solve_cnexp_kinetic }
STATE { C O }
BREAKPOINT { SOLVE scheme METHOD cnexp }
KINETIC scheme { ~ C <-> O (1, 2) }

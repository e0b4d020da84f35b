: METHOD sparse (for KINETIC blocks) used on a DERIVATIVE block.
NEURON { SUFFIX sem_solve_sparse_derivative }
STATE { m }
BREAKPOINT { SOLVE states METHOD sparse }
DERIVATIVE states { m' = -m }

: SOLVE names a block that does not exist (a typo of `states`).
NEURON { SUFFIX sem_solve_missing_block }
STATE { m }
BREAKPOINT { SOLVE state METHOD cnexp }
DERIVATIVE states { m' = -m }

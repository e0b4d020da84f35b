: SOLVE without the name of the block to solve.
NEURON { SUFFIX syn_solve_missing_name }
STATE { m }
BREAKPOINT {
    SOLVE METHOD cnexp
}
DERIVATIVE states { m' = -m }

: A LINEAR block solved with newton, a method for NONLINEAR blocks.
NEURON { SUFFIX sem_solve_method_linear }
STATE { a b }
INITIAL { SOLVE eq METHOD newton }
LINEAR eq {
    ~ a + b = 1
    ~ a - b = 0
}

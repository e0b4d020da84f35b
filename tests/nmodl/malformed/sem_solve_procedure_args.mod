: SOLVE of a PROCEDURE that takes arguments: a SOLVEd procedure is called without any.
NEURON { SUFFIX sem_solve_procedure_args }
ASSIGNED { v x }
BREAKPOINT { SOLVE step_state }
PROCEDURE step_state(v) {
    x = v
}

: A derivative of an ASSIGNED variable: only STATEs have derivatives.
NEURON { SUFFIX sem_derivative_not_state }
STATE { m }
ASSIGNED { h }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states {
    m' = -m
    h' = -h
}

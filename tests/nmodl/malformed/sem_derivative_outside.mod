: A derivative of an ASSIGNED variable in BREAKPOINT. (For a STATE, x' outside a DERIVATIVE
: block is NEURON's variable Dx: accepted with a warning. For anything else NEURON's C fails.)
NEURON { SUFFIX sem_derivative_outside }
ASSIGNED { x }
BREAKPOINT {
    x' = 1
}

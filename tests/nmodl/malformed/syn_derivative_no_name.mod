: A DERIVATIVE block without a name, so SOLVE cannot refer to it.
NEURON { SUFFIX syn_derivative_no_name }
STATE { m }
DERIVATIVE {
    m' = -m
}

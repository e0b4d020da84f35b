: A PARAMETER with '=' but no value.
NEURON { SUFFIX syn_parameter_missing_value }
PARAMETER {
    gbar = (S/cm2)
}

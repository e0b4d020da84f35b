: PARAMETER limits written without the comma.
NEURON { SUFFIX syn_parameter_bad_limits }
PARAMETER {
    gbar = 0.1 (S/cm2) <0 1>
}

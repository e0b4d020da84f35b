: PARAMETER forms nocmodl refuses: an array with a value, and a negative limit.
NEURON { SUFFIX sem_parameter_forms }
PARAMETER {
    w[3] = 0.5
    erev = -70 (mV) <-100, 100>
}

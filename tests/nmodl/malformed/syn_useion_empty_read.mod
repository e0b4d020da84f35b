: USEION with READ followed by nothing.
NEURON {
    SUFFIX syn_useion_empty_read
    USEION na READ WRITE ina
}
ASSIGNED { ina }

: USEION without the ion's name.
NEURON {
    SUFFIX syn_useion_no_ion
    USEION READ ena WRITE ina
}

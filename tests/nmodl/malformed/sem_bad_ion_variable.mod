: USEION na naming ek (a potassium variable) and nai written as nain.
NEURON {
    SUFFIX sem_bad_ion_variable
    USEION na READ ena, ek, nain WRITE ina
}
ASSIGNED { ena ek ina }

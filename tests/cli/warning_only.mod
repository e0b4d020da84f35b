: A valid mechanism with one warning: RANGE lists a name that is not declared.
NEURON {
    SUFFIX warned
    RANGE g, nothere
}
PARAMETER { g = 0.001 (S/cm2) }

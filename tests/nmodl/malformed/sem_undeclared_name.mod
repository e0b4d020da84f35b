: A misspelt name (gnabr for gnabar): "did you mean" names the declared one.
NEURON {
    SUFFIX sem_undeclared_name
    USEION na READ ena WRITE ina
}
PARAMETER { gnabar = 0.12 }
ASSIGNED { v ena ina }
BREAKPOINT {
    ina = gnabr*(v - ena)
}

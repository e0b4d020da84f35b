: Exercises REPRESENTS: ontology ids for the mechanism (`REPRESENTS NCIT:C17145`) and for an ion
: (`USEION ... REPRESENTS CHEBI:29101`), kept as metadata.
NEURON {
    SUFFIX represents
    REPRESENTS NCIT:C17145
    USEION na READ ena WRITE ina REPRESENTS CHEBI:29101
    RANGE g
}

PARAMETER { g = 1e-3 (S/cm2) }

ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
}

BREAKPOINT {
    ina = g*(v - ena)
}

: A UNITS alias written without parentheses.
NEURON { SUFFIX syn_units_missing_parens }
UNITS {
    mV = millivolt
}

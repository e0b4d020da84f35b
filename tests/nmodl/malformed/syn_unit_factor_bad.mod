: A UNITS factor with only one unit: `NAME = (unit) (unit)` needs both.
NEURON { SUFFIX syn_unit_factor_bad }
UNITS {
    (mV) = (millivolt)
    FARADAY = (faraday)
}

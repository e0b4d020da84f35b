: Names in a RANGE list separated by blanks instead of commas.
NEURON {
    SUFFIX syn_range_without_commas
    RANGE gbar ek
}
PARAMETER { gbar = 1  ek = -90 }

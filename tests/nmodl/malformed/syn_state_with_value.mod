: A STATE declared with an initial value, as in a PARAMETER; states start in INITIAL.
NEURON { SUFFIX syn_state_with_value }
STATE {
    m = 0
}

: A reserved word of NMODL (TABLE) used as a PARAMETER name.
NEURON { SUFFIX syn_keyword_as_name }
PARAMETER {
    gbar = 1
    TABLE = 2
}

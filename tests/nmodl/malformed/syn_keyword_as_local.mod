: A reserved word (FROM) used as a LOCAL name.
NEURON { SUFFIX syn_keyword_as_local }
ASSIGNED { x }
INITIAL {
    LOCAL FROM
    x = 1
}

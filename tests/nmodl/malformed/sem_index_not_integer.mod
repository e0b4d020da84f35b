: Array indices and FROM bounds must be integer expressions (nocmodl: "Illegal integer expression").
NEURON { SUFFIX sem_index_not_integer }
ASSIGNED { w[4] x }
INITIAL {
    x = w[0.5]
    x = w[floor(x)]
    FROM i = 0 TO 3.5 { w[i] = 0 }
}

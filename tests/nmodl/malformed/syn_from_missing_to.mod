: A FROM loop without TO.
NEURON { SUFFIX syn_from_missing_to }
ASSIGNED { x[4] }
INITIAL {
    FROM i = 0 3 {
        x[i] = 0
    }
}

: An else with no if before it.
NEURON { SUFFIX syn_else_without_if }
ASSIGNED { x }
INITIAL {
    x = 1
    else { x = 2 }
}

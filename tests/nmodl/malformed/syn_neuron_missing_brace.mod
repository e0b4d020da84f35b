: The NEURON block's closing brace is missing; the next block's keyword shows it.
NEURON {
    SUFFIX syn_neuron_missing_brace
    RANGE g

PARAMETER { g = 1 }

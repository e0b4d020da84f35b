: A file cut off in the middle of a block (a failed download).
NEURON { SUFFIX syn_truncated_file }
PARAMETER { g = 0.001 }
ASSIGNED { v i }
BREAKPOINT {
    i = g*(v -

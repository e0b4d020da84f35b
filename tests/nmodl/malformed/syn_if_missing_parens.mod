: An if condition written without parentheses.
NEURON { SUFFIX syn_if_missing_parens }
ASSIGNED { v x }
BREAKPOINT {
    if v > 0 {
        x = 1
    }
}

: An expression with a parenthesis that is never closed.
NEURON { SUFFIX syn_missing_paren }
PARAMETER { a = 1  b = 2 }
ASSIGNED { x }
INITIAL {
    x = (a + b*(a - 1)
}

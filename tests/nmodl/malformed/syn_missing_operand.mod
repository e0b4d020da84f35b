: An expression that ends in an operator.
NEURON { SUFFIX syn_missing_operand }
PARAMETER { a = 1 }
ASSIGNED { x }
INITIAL {
    x = a *
}

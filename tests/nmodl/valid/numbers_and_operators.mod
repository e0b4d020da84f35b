: Exercises number formats (integers, `.5`, `5.`, `1e-3`, `2.5E+2`) and operator precedence:
: right-associative ^, unary minus binding looser than ^, and parenthesised sub-expressions.
NEURON {
    SUFFIX numbers_and_operators
    RANGE x, y, z
}

ASSIGNED { x y z }

INITIAL {
    x = .5 + 5. + 1e-3 + 2.5E+2 + 7
    y = -2^2 + 2^3^2 - (1 - 2)*3/4
    z = !(x > y) + (x >= 1)*(y <= 1e9) + (x == x) - (x != y)
}

: A character with no meaning in NMODL ('$') in an expression.
NEURON { SUFFIX lex_stray_character }
PARAMETER { a = 1 }
ASSIGNED { x }
INITIAL {
    x = a $ 2
}

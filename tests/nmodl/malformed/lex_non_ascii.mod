: A micro sign typed in code instead of "u" (non-ASCII outside comments).
NEURON { SUFFIX lex_non_ascii }
PARAMETER {
    d = 0.1 (µm)
}
ASSIGNED { x }
INITIAL { x = d * 2µ }

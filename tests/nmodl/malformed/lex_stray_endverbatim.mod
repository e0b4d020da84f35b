: ENDVERBATIM without VERBATIM.
NEURON { SUFFIX lex_stray_endverbatim }
ASSIGNED { x }
INITIAL {
    x = 1
ENDVERBATIM
}

: A VERBATIM block that is never closed.
NEURON { SUFFIX lex_unterminated_verbatim }
ASSIGNED { x }
INITIAL {
    x = 1
VERBATIM
    x = 2;
}

: A string without its closing quote.
NEURON { SUFFIX lex_unterminated_string }
INITIAL {
    printf("starting\n)
}

: A C habit: statements terminated with ';'.
NEURON { SUFFIX lex_semicolon }
ASSIGNED { x }
INITIAL {
    x = 1;
}

: Exercises VERBATIM inside blocks: in a PROCEDURE (the trivial `return 0;` idiom of SOLVEd
: procedures), in INITIAL between NMODL statements, and in a nested block.
NEURON {
    SUFFIX verbatim_block
    RANGE count
}

ASSIGNED { count }

INITIAL {
    count = 0
VERBATIM
    count = count + 1.0;
ENDVERBATIM
    if (count > 0) {
VERBATIM
        /* nothing to do */
ENDVERBATIM
    }
}

BREAKPOINT {
    SOLVE advance
}

PROCEDURE advance() {
    count = count + 1
VERBATIM
    return 0;
ENDVERBATIM
}

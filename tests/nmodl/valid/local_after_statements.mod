: Exercises a cornu-only leniency: a LOCAL declared after other statements of a block, and a
: second LOCAL statement. nocmodl rejects both ("Illegal statement": it takes one LOCAL, first in
: the block); cornu accepts them and warns (see local_after_statements.expect).
NEURON {
    SUFFIX local_after_statements
    RANGE x
}

ASSIGNED { x }

INITIAL {
    LOCAL a
    LOCAL b
    a = 1
    b = 2
    LOCAL c
    c = a + b
    x = c
}

: Exercises bare nested blocks `{ ... }` inside code blocks, each opening its own LOCAL scope,
: and several statements on one line with no separators.
NEURON {
    SUFFIX nested_blocks
    RANGE a, b
}

ASSIGNED { a b }

INITIAL {
    a = 1  b = 2
    {
        LOCAL tmp
        tmp = a  a = b  b = tmp
        {
            LOCAL tmp
            tmp = 0  a = a + tmp
        }
    }
}

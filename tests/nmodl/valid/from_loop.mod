: Exercises FROM ... TO loops: with the default step, with BY, with bounds that are integer
: expressions over a DEFINE, and nested loops over an ASSIGNED array.
NEURON {
    SUFFIX from_loop
    RANGE total
}

DEFINE N 6

ASSIGNED {
    w[N]
    total
}

INITIAL {
    FROM i = 0 TO N - 1 {
        w[i] = 0
    }
    FROM i = 0 TO N - 1 BY 2 {
        w[i] = 1
        FROM j = 0 TO i/2 {
            w[i] = w[i] + j
        }
    }
    total = 0
    FROM i = 0 TO N - 1 {
        total = total + w[i]
    }
}

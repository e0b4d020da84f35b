: Exercises DEFINE: named integer sizes for PARAMETER, ASSIGNED and STATE arrays and for LOCAL
: arrays, DEFINEd names in loop bounds and expressions, and indexing with integer expressions.
NEURON {
    SUFFIX define_arrays
    RANGE w, total
}

DEFINE NW 4
DEFINE NS 2

PARAMETER {
    w[NW] (1)
}

ASSIGNED {
    total
    part[NS]
}

STATE {
    s[NS]
}

INITIAL {
    LOCAL tmp[NW]
    FROM i = 0 TO NW - 1 {
        tmp[i] = w[i]*(i + 1)
    }
    part[0] = tmp[0] + tmp[1]
    part[NS - 1] = tmp[NW - 2] + tmp[NW - 1]
    total = part[0] + part[1]
    s[0] = total/NW
    s[1] = total/NS
}

: Exercises if / else if / else chains (lower-case keywords), comparisons with all six operators,
: && || and !, nested ifs, and an if without else.
NEURON {
    SUFFIX if_else
    NONSPECIFIC_CURRENT i
    RANGE g, mode
}

PARAMETER {
    g = 1e-4 (S/cm2)
    e = -70 (mV)
    mode = 1
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
    f
}

BREAKPOINT {
    if (mode == 0) {
        f = 0
    } else if (mode == 1 && v >= -80) {
        f = 1
    } else if (mode != 2 || !(v <= -90)) {
        if (v > 0) {
            f = 0.5
        }
    } else {
        f = 0.25
    }
    if (v < -100) { f = 0 }
    i = g*f*(v - e)
}

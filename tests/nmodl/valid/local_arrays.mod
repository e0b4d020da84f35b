: Exercises LOCAL declarations: several names in one LOCAL, LOCAL arrays with a literal and a
: DEFINEd size, locals in nested blocks that shadow nothing, and locals in a FUNCTION.
NEURON {
    SUFFIX local_arrays
    NONSPECIFIC_CURRENT i
    RANGE g
}

DEFINE NTERMS 3

PARAMETER {
    g = 1e-4 (S/cm2)
    e = -70 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    LOCAL x, y, w[NTERMS]
    x = poly(v/100)
    w[0] = 1  w[1] = 0.5  w[2] = 0.25
    y = w[0] + w[1] + w[2]
    if (x > 0) {
        LOCAL scaled
        scaled = x/y
        i = g*scaled*(v - e)
    } else {
        i = 0
    }
}

FUNCTION poly(x) {
    LOCAL c[3], k, sum
    c[0] = 1  c[1] = 2  c[2] = 3
    sum = 0
    FROM k = 0 TO 2 {
        sum = sum + c[k]*x^k
    }
    poly = sum
}

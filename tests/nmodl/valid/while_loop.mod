: Exercises a while loop (with a guard counter) that finds where a Boltzmann curve crosses a
: level by bisection in INITIAL.
NEURON {
    SUFFIX while_loop
    RANGE vcross
}

PARAMETER {
    level = 0.5
}

ASSIGNED {
    vcross (mV)
}

INITIAL {
    LOCAL lo, hi, mid, n
    lo = -100  hi = 50  n = 0
    while (hi - lo > 1e-6 && n < 100) {
        mid = (lo + hi)/2
        if (act(mid) < level) { lo = mid } else { hi = mid }
        n = n + 1
    }
    vcross = (lo + hi)/2
}

FUNCTION act(v (mV)) {
    act = 1/(1 + exp(-(v + 20)/7))
}

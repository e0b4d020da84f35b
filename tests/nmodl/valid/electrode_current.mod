: Exercises ELECTRODE_CURRENT in an IClamp-like POINT_PROCESS: a current injected by an
: electrode (positive depolarises), with at_time-free pulse logic in BREAKPOINT.
NEURON {
    POINT_PROCESS electrode_current
    ELECTRODE_CURRENT i
    RANGE del, dur, amp, i
}

UNITS { (nA) = (nanoamp) }

PARAMETER {
    del = 10 (ms)
    dur = 100 (ms)
    amp = 0.1 (nA)
}

ASSIGNED { i (nA) }

INITIAL { i = 0 }

BREAKPOINT {
    if (t < del + dur && t >= del) {
        i = amp
    } else {
        i = 0
    }
}

: IClamp - current pulse injected through an electrode (NEURON's standard POINT_PROCESS IClamp).
:
: Behaviour: i = amp (nA) while del <= t < del + dur, and 0 otherwise. Positive current
: depolarises (ELECTRODE_CURRENT: the current enters the cell, it is not a membrane current).
: Names, defaults (del = dur = amp = 0) and units are NEURON 8.2's.
: Arithmetic: the same window test on t (the mid-step time t_n + dt/2 in the fixed step) against
: del and del + dur as NEURON's built-in; at_time() marks the two discontinuities for variable
: step methods and does nothing in the fixed step.
: Deliberate differences from NEURON's file: none.

NEURON {
    POINT_PROCESS IClamp
    RANGE del, dur, amp, i
    ELECTRODE_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
}

PARAMETER {
    del (ms)            : onset of the pulse
    dur (ms) <0,1e9>    : duration of the pulse
    amp (nA)            : amplitude of the pulse
}

ASSIGNED {
    i (nA)
}

INITIAL {
    i = 0
}

BREAKPOINT {
    at_time(del)
    at_time(del+dur)
    if (t < del + dur && t >= del) {
        i = amp
    } else {
        i = 0
    }
}

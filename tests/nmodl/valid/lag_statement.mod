: Exercises LAG in a BEFORE STEP block: `LAG v BY dur` makes the variable lag_v_dur, v as it was
: dur ago. (cornu lists LAG as unsupported; it parses and checks it.)
NEURON {
    POINT_PROCESS lag_statement
    RANGE vl, dur
}

PARAMETER {
    dur = 1 (ms)
}

ASSIGNED {
    v (mV)
    vl (mV)
}

BEFORE STEP {
    LAG v BY dur
    vl = lag_v_dur
}

: Exercises BEFORE and AFTER blocks: BEFORE BREAKPOINT, AFTER SOLVE, BEFORE INITIAL, AFTER
: INITIAL and BEFORE STEP, each run by NEURON at that point of the time step.
NEURON {
    POINT_PROCESS before_after
    RANGE vmax, nsteps, vstart
}

ASSIGNED {
    v (mV)
    vmax (mV)
    nsteps
    vstart (mV)
}

BEFORE INITIAL {
    vmax = -1e9
    nsteps = 0
}

AFTER INITIAL {
    vstart = v
}

BEFORE BREAKPOINT {
    if (v > vmax) { vmax = v }
}

AFTER SOLVE {
    nsteps = nsteps + 1
}

BEFORE STEP {
    vstart = vstart + 0
}

: Exercises POINTER: a graded synapse reads the presynaptic voltage through a pointer that the
: user connects with setpointer; the pointer is used like a variable.
NEURON {
    POINT_PROCESS pointer
    POINTER vpre
    NONSPECIFIC_CURRENT i
    RANGE g, e, vth
}

PARAMETER {
    g = 1e-3 (uS)
    e = -80 (mV)
    vth = -40 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    vpre (mV)
}

BREAKPOINT {
    i = g/(1 + exp(-(vpre - vth)/5))*(v - e)
}

: Exercises a KINETIC block solved with METHOD sparse: reversible reactions `~ A <-> B (kf, kb)`
: between channel states, CONSERVE, rates computed in a PROCEDURE called from the KINETIC
: block, STEADYSTATE sparse in INITIAL, and the open state used in the current.
NEURON {
    SUFFIX kinetic_sparse
    USEION na READ ena WRITE ina
    RANGE gbar
}

PARAMETER {
    gbar = 0.05 (S/cm2)
    a0 = 2 (/ms)
    b0 = 0.5 (/ms)
    kd = 0.01 (/ms)
}

ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
    a (/ms)
    b (/ms)
}

STATE { C1 C2 O I }

INITIAL {
    SOLVE scheme STEADYSTATE sparse
}

BREAKPOINT {
    SOLVE scheme METHOD sparse
    ina = gbar*O*(v - ena)
}

KINETIC scheme {
    rates(v)
    ~ C1 <-> C2 (a, b)
    ~ C2 <-> O (a, b)
    ~ O <-> I (kd, kd/10)
    CONSERVE C1 + C2 + O + I = 1
}

PROCEDURE rates(v (mV)) {
    a = a0*exp(v/30)
    b = b0*exp(-v/30)
}

: Exercises `SOLVE proc` of a PROCEDURE without METHOD, the way old channel files step their gates
: themselves once per time step, with `dt` (declared in ASSIGNED, as nocmodl wants) used in the
: update and a PROCEDURE with arguments called from it.
NEURON {
    SUFFIX procedure_solve
    USEION k READ ek WRITE ik
    RANGE gbar
}

PARAMETER {
    gbar = 0.02 (S/cm2)
}

ASSIGNED {
    v (mV)
    dt (ms)
    ek (mV)
    ik (mA/cm2)
    ninf
    nexp
}

STATE { n }

INITIAL {
    rates(v)
    n = ninf
}

BREAKPOINT {
    SOLVE states
    ik = gbar*n*n*n*n*(v - ek)
}

PROCEDURE states() {
    rates(v)
    n = n + nexp*(ninf - n)
}

PROCEDURE rates(v (mV)) {
    LOCAL tau
    ninf = 1/(1 + exp(-(v + 30)/10))
    tau = 5/(1 + exp((v + 40)/20)) + 1
    nexp = 1 - exp(-dt/tau)
}

: Exercises the CONDUCTANCE hint in BREAKPOINT (`CONDUCTANCE g USEION k`), which tells NEURON
: the conductance of an ion current so it can skip the numerical dI/dV.
NEURON {
    SUFFIX conductance_hint
    USEION k READ ek WRITE ik
    RANGE gbar, g
}

PARAMETER { gbar = 1e-3 (S/cm2) }

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
}

BREAKPOINT {
    CONDUCTANCE g USEION k
    g = gbar/(1 + exp(-(v + 20)/10))
    ik = g*(v - ek)
}

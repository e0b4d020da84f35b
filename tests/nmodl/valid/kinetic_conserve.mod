: Exercises CONSERVE in a KINETIC block: a buffer whose free and bound forms add up to a total,
: with a stoichiometric coefficient on a reactant (`~ 2 ca + B <-> CaB`).
NEURON {
    SUFFIX kinetic_conserve
    RANGE Btot, kf, kb
}

UNITS { (mM) = (milli/liter) }

PARAMETER {
    Btot = 0.1 (mM)
    kf = 10 (/mM2-ms)
    kb = 0.5 (/ms)
}

STATE {
    ca (mM)
    B (mM)
    CaB (mM)
}

INITIAL {
    ca = 1e-4
    B = Btot
    CaB = 0
}

BREAKPOINT {
    SOLVE buffering METHOD sparse
}

KINETIC buffering {
    ~ 2 ca + B <-> CaB (kf, kb)
    CONSERVE B + CaB = Btot
}

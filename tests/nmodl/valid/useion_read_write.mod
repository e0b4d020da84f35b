: Exercises USEION with READ and WRITE lists: reading a reversal potential and concentrations,
: writing a current, and a second ion whose current is only read (a calcium-activated channel).
NEURON {
    SUFFIX useion_read_write
    USEION k READ ek WRITE ik
    USEION ca READ cai, ica
    RANGE gbar
}

UNITS { (mM) = (milli/liter) }

PARAMETER {
    gbar = 0.01 (S/cm2)
    kd = 1e-3 (mM)
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    cai (mM)
    ica (mA/cm2)
}

BREAKPOINT {
    ik = gbar*cai/(cai + kd)*(v - ek)
}

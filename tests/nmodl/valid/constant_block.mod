: Exercises the CONSTANT block: named constants with and without units, a negative constant,
: used in expressions but never assigned.
NEURON {
    SUFFIX constant_block
    USEION ca READ cai, cao WRITE ica
    RANGE pbar
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (mM) = (milli/liter)
}

CONSTANT {
    F = 96485.309 (coul)
    R = 8.31441 (joule/degC)
    zca = 2
    offset = -0.5 (mV)
}

PARAMETER {
    pbar = 1e-6 (cm/s)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
}

BREAKPOINT {
    LOCAL z
    z = (1e-3)*zca*F*(v - offset)/(R*(celsius + 273.15))
    ica = (1e-3)*pbar*zca*F*z*(cai - cao*exp(-z))/(1 - exp(-z))
}

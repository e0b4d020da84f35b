: Exercises a DERIVATIVE block solved with METHOD derivimplicit: the equations are coupled and
: nonlinear (a calcium pool buffering), which needs the implicit Newton iteration.
NEURON {
    SUFFIX derivative_derivimplicit
    USEION ca READ ica WRITE cai
    RANGE kon, koff, btotal
}

UNITS {
    (mM) = (milli/liter)
    (mA) = (milliamp)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    kon = 100 (/mM-ms)
    koff = 0.1 (/ms)
    btotal = 0.05 (mM)
    depth = 0.2 (um)
}

ASSIGNED {
    ica (mA/cm2)
}

STATE {
    cai (mM)
    cab (mM)
}

INITIAL {
    cai = 5e-5
    cab = btotal*kon*cai/(kon*cai + koff)
}

BREAKPOINT {
    SOLVE chem METHOD derivimplicit
}

DERIVATIVE chem {
    LOCAL bind
    bind = kon*cai*(btotal - cab) - koff*cab
    cai' = -ica*(1e4)/(2*FARADAY*depth) - bind
    cab' = bind
}

: Exercises the STATE block: states with units, an absolute tolerance `<1e-6>` as CVODE uses it,
: a FROM ... TO range and a START value; solved with derivimplicit.
NEURON {
    SUFFIX state_tolerance
    USEION ca READ ica WRITE cai
    RANGE tau
}

UNITS {
    (mM) = (milli/liter)
    (mA) = (milliamp)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    tau = 20 (ms)
    depth = 0.1 (um)
    cainf = 5e-5 (mM)
}

ASSIGNED {
    ica (mA/cm2)
}

STATE {
    cai (mM) <1e-6>
    buf FROM 0 TO 1 (1) <1e-4>
    store START 0.5
}

INITIAL {
    cai = cainf
    buf = 0
}

BREAKPOINT {
    SOLVE pool METHOD derivimplicit
}

DERIVATIVE pool {
    cai' = -ica*(1e4)/(2*FARADAY*depth) + (cainf - cai)/tau
    buf' = (cai - buf)/tau
    store' = -store/tau
}

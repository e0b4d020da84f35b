: Exercises units inside expressions: unit factors written as a number with units, `(1e4)` and
: `1(um)` / `(1/ms)` style conversions, and units after numbers in arguments.
NEURON {
    SUFFIX unit_factors_expr
    USEION ca READ ica WRITE cai
    RANGE depth, taur
}

UNITS {
    (mM) = (milli/liter)
    (um) = (micron)
    (mA) = (milliamp)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    depth = 0.1 (um)
    taur = 200 (ms)
    cainf = 1e-4 (mM)
}

ASSIGNED {
    ica (mA/cm2)
    drive (mM/ms)
}

STATE { cai (mM) }

INITIAL { cai = cainf }

BREAKPOINT {
    SOLVE state METHOD cnexp
}

DERIVATIVE state {
    drive = -(10000)*ica/(2*FARADAY*depth*1(um)/1(um))
    if (drive <= 0 (mM/ms)) { drive = 0 (mM/ms) }
    cai' = drive + (cainf - cai)/taur*1(ms)/1(ms)
}

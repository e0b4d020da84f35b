: Exercises a DERIVATIVE block solved with METHOD euler (forward Euler), with a state that
: decays towards a resting value.
NEURON {
    SUFFIX derivative_euler
    USEION ca READ ica WRITE cai
    RANGE taur
}

UNITS {
    (mM) = (milli/liter)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    taur = 200 (ms)
    cainf = 1e-4 (mM)
    depth = 0.1 (um)
}

ASSIGNED { ica (mA/cm2) }

STATE { cai (mM) }

INITIAL { cai = cainf }

BREAKPOINT {
    SOLVE state METHOD euler
}

DERIVATIVE state {
    cai' = -(1e4)*ica/(2*FARADAY*depth) + (cainf - cai)/taur
}

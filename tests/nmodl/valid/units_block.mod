: Exercises every form of a UNITS entry: aliases `(mV) = (millivolt)`, named factors
: `FARADAY = (faraday) (coulomb)` and `R = (k-mole) (joule/degC)`, a factor with an arrow
: `foo = (a) -> (b)`, and a named value `F = 96485.3 (coul)`; the factors are used in code.
NEURON {
    SUFFIX units_block
    USEION ca READ cai, cao WRITE eca
    RANGE ktf
}

UNITS {
    (mV) = (millivolt)
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
    PI = (pi) (1)
    um2cm = (micron) -> (cm)
}

ASSIGNED {
    celsius (degC)
    cai (mM)
    cao (mM)
    eca (mV)
    ktf (mV)
}

INITIAL {
    ktf = (1000)*R*(celsius + 273.15)/FARADAY
    eca = ktf/2*log(cao/cai)
}

BREAKPOINT {
    eca = ktf/2*log(cao/cai) + 0*um2cm*PI
}

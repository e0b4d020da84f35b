: Exercises FUNCTIONs: arguments with units, a unit on the result, recursion-free calls between
: functions, a FUNCTION with no arguments, the function's own name as its result variable, and
: calls from BREAKPOINT.
NEURON {
    SUFFIX function_block
    USEION ca READ cai, cao WRITE ica
    RANGE pmax
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (mM) = (milli/liter)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
}

PARAMETER {
    pmax = 2e-6 (cm/s)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
}

BREAKPOINT {
    ica = pmax*ghk(v, cai, cao)*scale()
}

FUNCTION ghk(v (mV), ci (mM), co (mM)) (0.001 coul/cm3) {
    LOCAL z, eci, eco
    z = (1e-3)*2*FARADAY*v/(R*(celsius + 273.15))
    eco = co*efun(z)
    eci = ci*efun(-z)
    ghk = (0.001)*2*FARADAY*(eci - eco)
}

FUNCTION efun(z) {
    if (fabs(z) < 1e-4) {
        efun = 1 - z/2
    } else {
        efun = z/(exp(z) - 1)
    }
}

FUNCTION scale() {
    scale = 1
}

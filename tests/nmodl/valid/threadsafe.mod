: Exercises THREADSAFE: a mechanism that assigns a GLOBAL in a PROCEDURE, which NEURON would
: otherwise refuse to run on several threads; THREADSAFE makes such GLOBALs per-thread.
NEURON {
    SUFFIX threadsafe
    USEION na READ ena WRITE ina
    RANGE gbar
    GLOBAL minf, mtau
    THREADSAFE
}

PARAMETER { gbar = 0.01 (S/cm2) }

ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
    minf
    mtau (ms)
}

STATE { m }

INITIAL {
    rates(v)
    m = minf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = gbar*m*m*m*(v - ena)
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
}

PROCEDURE rates(v (mV)) {
    minf = 1/(1 + exp(-(v + 38)/7))
    mtau = 0.1 + 0.4/(1 + exp((v + 40)/10))
}

: Exercises TABLE in a PROCEDURE: the procedure's results (GLOBAL ASSIGNED variables) are tabled
: over voltage, `TABLE a, b DEPEND celsius FROM -100 TO 100 WITH 200`.
NEURON {
    SUFFIX table_procedure
    USEION k READ ek WRITE ik
    RANGE gbar
    GLOBAL inf, tau
}

PARAMETER {
    gbar = 0.01 (S/cm2)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    inf
    tau (ms)
}

STATE { w }

INITIAL {
    rates(v)
    w = inf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*w*(v - ek)
}

DERIVATIVE states {
    rates(v)
    w' = (inf - w)/tau
}

PROCEDURE rates(v (mV)) {
    LOCAL q10
    TABLE inf, tau DEPEND celsius FROM -100 TO 100 WITH 200
    q10 = 3^((celsius - 22)/10)
    inf = 1/(1 + exp(-(v + 35)/5))
    tau = 100/(q10*(exp((v + 35)/20) + exp(-(v + 35)/20)))
}

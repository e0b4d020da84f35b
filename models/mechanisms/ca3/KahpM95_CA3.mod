TITLE KahpM95_CA3   slow Ca-activated K channel, AHP (CA3 pyramidal cell)

: KahpM95_CA3 - slow afterhyperpolarisation K(Ca) current of the Liao et al. (2024) CA3 pyramidal
: cell (original file KahpM95_CA3.mod; Migliore's Borg-Graham-type K-AHP). Written from
: reference/MODEL.md section 5.1.
:
: ik = gbar*w*(v - ek); w is solved by cnexp, w = winf at start.
:   alp = a0*cai^n (n = 4, a0 = 1e8 /ms/mM^4), b0 = 0.005 /ms, qt = q10^((celsius - 24)/10) (q10 = 3)
:   tau = 1/(qt*(alp + b0)),  inf = alp*tau*qt  (= alp/(alp + b0))
:
: Choices where MODEL.md is silent (Migliore forms): the power is a0*cai^n with n a PARAMETER;
: inf and tau are GLOBAL; gbar defaults to 0.003 S/cm2 (the model always sets it).

NEURON {
    SUFFIX KahpM95_CA3
    USEION k READ ek WRITE ik
    USEION ca READ cai
    RANGE gbar, gkahp, ik
    GLOBAL inf, tau
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
}

PARAMETER {
    gbar = 0.003 (mho/cm2)
    n = 4
    a0 = 1e8 (/ms-mM-mM-mM-mM)
    b0 = .5e-2 (/ms)
    q10 = 3
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    cai (mM)
    ik (mA/cm2)
    gkahp (mho/cm2)
    inf
    tau (ms)
}

STATE {
    w
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gkahp = gbar*w
    ik = gkahp*(v - ek)
}

INITIAL {
    rate(cai)
    w = inf
}

DERIVATIVE states {
    rate(cai)
    w' = (inf - w)/tau
}

FUNCTION alp(c (mM)) {
    alp = a0*c^n
}

PROCEDURE rate(c (mM)) {
    LOCAL a, qt
    qt = q10^((celsius - 24)/10)
    a = alp(c)
    tau = 1/(qt*(a + b0))
    inf = a*tau*qt
}

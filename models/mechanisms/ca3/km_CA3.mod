TITLE km_CA3   M-type K channel (CA3 pyramidal cell)

: km_CA3 - muscarinic (M-type) K current of the Liao et al. (2024) CA3 pyramidal cell (original
: file km_CA3.mod; Migliore-style channel). Written from reference/MODEL.md section 5.1.
:
: ik = gbar*m^st*(v - ek) with st = 1; m solved by cnexp, m = inf at start.
:   inf = 1/(1 + exp((v - vhalfl - sh)/kl))
:   tau = b0 + bett/(a0t*(1 + alpt)), alpt = exp(0.0378*zetat*(v - vhalft - sh)),
:         bett = exp(0.0378*zetat*gmt*(v - vhalft - sh))
: Quirk kept (MODEL.md flags it): qt = q10^((celsius - 35)/10) is computed but not applied, so
: the kinetics do not depend on temperature.
:
: Choices where MODEL.md is silent (Migliore forms): sh is RANGE like in the other CA3 channels
: (the model leaves it at 24 mV); inf and tau are GLOBAL; gbar defaults to 0.0001 S/cm2 (the model
: always sets it); the power m^st is written with ^ as in the original.

NEURON {
    SUFFIX km_CA3
    USEION k READ ek WRITE ik
    RANGE gbar, ik, sh
    GLOBAL inf, tau
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    gbar = 0.0001 (mho/cm2)
    vhalfl = -40 (mV)
    kl = -10 (mV)
    vhalft = -42 (mV)
    a0t = 0.003 (/ms)
    zetat = 7 (1)
    gmt = 0.4 (1)
    q10 = 5
    b0 = 60 (ms)
    st = 1 (1)
    sh = 24 (mV)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    inf
    tau (ms)
}

STATE {
    m
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*m^st*(v - ek)
}

INITIAL {
    rate(v)
    m = inf
}

DERIVATIVE states {
    rate(v)
    m' = (inf - m)/tau
}

FUNCTION alpt(v (mV)) {
    alpt = exp(0.0378*zetat*(v - vhalft - sh))
}

FUNCTION bett(v (mV)) {
    bett = exp(0.0378*zetat*gmt*(v - vhalft - sh))
}

PROCEDURE rate(v (mV)) {
    LOCAL a, qt
    qt = q10^((celsius - 35)/10)     : computed, never used (as in the original)
    inf = (1/(1 + exp((v - vhalfl - sh)/kl)))
    a = alpt(v)
    tau = b0 + bett(v)/(a0t*(1 + a))
}

TITLE cagk_CA3   Ca- and voltage-activated K channel, BK type (CA3 pyramidal cell)

: cagk_CA3 - BK-like K(Ca) current of the Liao et al. (2024) CA3 pyramidal cell (original file
: cagk_CA3.mod; the Moczydlowski-Latorre (1983) two-site model in Migliore's form). Written from
: reference/MODEL.md section 5.1.
:
: ik = gbar*o^st*(v - ek), st = 1; the open fraction o is solved by cnexp, o = oinf at start.
:   exp1(k, d, v) = k*exp(-2*d*FARADAY*v/R/(273.15 + celsius)), FARADAY = (faraday)(kilocoulombs)
:                   = 96.4853321 (NEURON 8.2 units), R = 8.313424 J/(mol K)
:   alp = c*abar/(c + exp1(k1, d1, v)),  bet = bbar/(1 + c/exp1(k2, d2, v))  with c = cai
:   tau = 1/(alp + bet), oinf = alp*tau
:
: Choices where MODEL.md is silent (Migliore forms): oinf and tau are GLOBAL; gbar defaults to
: 0.01 S/cm2 (the model always sets it); the power o^st is written with ^ as in the original.

NEURON {
    SUFFIX cagk_CA3
    USEION ca READ cai
    USEION k READ ek WRITE ik
    RANGE gbar, gkca, ik
    GLOBAL oinf, tau
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
    (molar) = (1/liter)
    (mM) = (millimolar)
    FARADAY = (faraday) (kilocoulombs)
    R = 8.313424 (joule/degC)
}

PARAMETER {
    gbar = 0.01 (mho/cm2)
    d1 = 0.84
    d2 = 1.
    k1 = 0.48e-3 (mM)
    k2 = 0.13e-6 (mM)
    abar = 0.28 (/ms)
    bbar = 0.48 (/ms)
    st = 1 (1)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    ek (mV)
    ik (mA/cm2)
    oinf
    tau (ms)
    gkca (mho/cm2)
}

STATE {
    o       : fraction of open channels
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gkca = gbar*o^st
    ik = gkca*(v - ek)
}

INITIAL {
    rate(v, cai)
    o = oinf
}

DERIVATIVE states {
    rate(v, cai)
    o' = (oinf - o)/tau
}

FUNCTION alp(v (mV), c (mM)) (/ms) {
    alp = c*abar/(c + exp1(k1, d1, v))
}

FUNCTION bet(v (mV), c (mM)) (/ms) {
    bet = bbar/(1 + c/exp1(k2, d2, v))
}

FUNCTION exp1(k (mM), d, v (mV)) (mM) {
    exp1 = k*exp(-2*d*FARADAY*v/R/(273.15 + celsius))
}

PROCEDURE rate(v (mV), c (mM)) {
    LOCAL a
    a = alp(v, c)
    tau = 1/(a + bet(v, c))
    oinf = a*tau
}

TITLE mykca   Ca- and voltage-activated K channel, BK type (PV basket cell)

: mykca - BK-like K(Ca) current of the PV basket cell of the Liao et al. (2024) CA3 model (original
: file cagkCA3.mod, Moczydlowski-Latorre two-site model as in Santhakumar et al. 2005). Written
: from reference/MODEL.md section 5.2.
:
: ik = gkbar*o*(v - ek). With exp1(k, d, v) = k*exp(-2*d*FARADAY*v/R/(273.15 + celsius)),
: FARADAY = (faraday)(kilocoulombs) = 96.4853321, R = 8.313424 J/(mol K):
:   alp = abar/(1 + exp1(k1, d1, v)/cai),  bet = bbar/(1 + cai/exp1(k2, d2, v))
:   otau = 1/(alp + bet),  oinf = alp*otau,  fac = 1 - exp(-dt/otau)
: The open fraction is advanced once per step by the SOLVEd PROCEDURE `states` (no METHOD):
: o = o + fac*(oinf - o), the explicit exponential step of the original; o = oinf at start.
: Kept from the original (MODEL.md sections 5.2, 10): the file-scope LOCAL fac, the trivial
: VERBATIM `return 0;` ending the SOLVEd PROCEDURE, and the legacy INDEPENDENT declaration.
: In the model the "ca" ion's cai is the constant 5e-5 mM, so this current is negligible.
:
: Choices where MODEL.md is silent (Santhakumar forms): oinf and otau are GLOBAL; gkbar defaults
: to 0.01 S/cm2 (the model sets 0.0002).

INDEPENDENT { t FROM 0 TO 1 WITH 100 (ms) }

NEURON {
    SUFFIX mykca
    USEION ca READ cai
    USEION k READ ek WRITE ik
    RANGE gkbar, gkca, ik
    GLOBAL oinf, otau
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
    (molar) = (1/liter)
    (mM) = (millimolar)
    FARADAY = (faraday) (kilocoulombs)
    R = 8.313424 (joule/degC)
}

PARAMETER {
    gkbar = 0.01 (mho/cm2)
    d1 = 0.84
    d2 = 1.
    k1 = 0.18 (mM)
    k2 = 0.011 (mM)
    bbar = 0.28 (/ms)
    abar = 0.48 (/ms)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    dt (ms)
    ek (mV)
    cai (mM)
    ik (mA/cm2)
    oinf
    otau (ms)
    gkca (mho/cm2)
}

STATE {
    o       : fraction of open channels
}

LOCAL fac

BREAKPOINT {
    SOLVE states
    gkca = gkbar*o
    ik = gkca*(v - ek)
}

INITIAL {
    rate(v, cai)
    o = oinf
}

PROCEDURE states() {
    rate(v, cai)
    o = o + fac*(oinf - o)
    VERBATIM
    return 0;
    ENDVERBATIM
}

FUNCTION alp(v (mV), c (mM)) (/ms) {
    alp = abar/(1 + exp1(k1, d1, v)/c)
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
    otau = 1/(a + bet(v, c))
    oinf = a*otau
    fac = (1 - exp(-dt/otau))
}

TITLE lca   L-type Ca channel, GHK current (PV basket cell)

: lca - L-type Ca current of the PV basket cell of the Liao et al. (2024) CA3 model (original file
: lca.mod, after Santhakumar et al. 2005). Written from reference/MODEL.md section 5.2.
:
: ilca = glcabar*m^2*h2(cai)*ghk(v, cai, cao), carried by the private ion lca (valence 2); the
: driving term uses the "ca" ion's cai and cao, which nothing writes in the PV basket cell
: (5e-5 mM and 2 mM). h2(c) = ki/(ki + c), ki = 0.001 mM; ghk = -f*(1 - (ci/co)*exp(v/f))*efun(v/f),
: f = KTF/2, KTF = (25/293.15)*(celsius + 273.15) mV, efun(z) = z/(exp(z) - 1) (1 - z/2 for
: |z| < 1e-4). m solved by cnexp, m = minf at start:
:   alp = 15.69*(81.5 - v)/(exp((81.5 - v)/10) - 1),  bet = 0.29*exp(-v/10.86)
:   matu = 1/(tfa*(alp + bet)),  minf = tfa*alp*matu  (tfa = 1)
: alp and bet are FUNCTION tables FROM -150 TO 150 WITH 200 (1.5 mV steps, no DEPEND).
: elca is read (the lca ion's reversal, written by ccanl) but the GHK current does not use it.
: THREADSAFE as in the original (MODEL.md section 10.2).
:
: Choices where MODEL.md is silent (Santhakumar forms): the rate expressions are written
: (-1.0*v + 81.5); minf and matu are GLOBAL; glcabar has no default (0) - the model sets it.

NEURON {
    SUFFIX lca
    USEION lca READ elca WRITE ilca VALENCE 2
    USEION ca READ cai, cao VALENCE 2
    RANGE glcabar, ilca, elca
    GLOBAL minf, matu
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
}

PARAMETER {
    glcabar (mho/cm2)
    ki = 0.001 (mM)
    tfa = 1
}

ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    cao (mM)
    ilca (mA/cm2)
    elca (mV)
    glca (mho/cm2)
    minf
    matu (ms)
}

STATE {
    m
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    glca = glcabar*m*m*h2(cai)
    ilca = glca*ghk(v, cai, cao)
}

INITIAL {
    rate(v)
    m = minf
}

DERIVATIVE states {
    rate(v)
    m' = (minf - m)/matu
}

FUNCTION h2(cai (mM)) {
    h2 = ki/(ki + cai)
}

FUNCTION ghk(v (mV), ci (mM), co (mM)) (mV) {
    LOCAL nu, f
    f = KTF(celsius)/2
    nu = v/f
    ghk = -f*(1. - (ci/co)*exp(nu))*efun(nu)
}

FUNCTION KTF(celsius (degC)) (mV) {
    KTF = ((25./293.15)*(celsius + 273.15))
}

FUNCTION efun(z) {
    if (fabs(z) < 1e-4) {
        efun = 1 - z/2
    } else {
        efun = z/(exp(z) - 1)
    }
}

FUNCTION alp(v (mV)) (/ms) {
    TABLE FROM -150 TO 150 WITH 200
    alp = 15.69*(-1.0*v + 81.5)/(exp((-1.0*v + 81.5)/10.0) - 1.0)
}

FUNCTION bet(v (mV)) (/ms) {
    TABLE FROM -150 TO 150 WITH 200
    bet = 0.29*exp(-v/10.86)
}

PROCEDURE rate(v (mV)) {
    LOCAL a
    a = alp(v)
    matu = 1/(tfa*(a + bet(v)))
    minf = tfa*a*matu
}

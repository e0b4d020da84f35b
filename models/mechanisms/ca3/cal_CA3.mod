TITLE cal_CA3   L-type Ca channel, GHK current (CA3 pyramidal cell)

: cal_CA3 - L-type Ca current of the Liao et al. (2024) CA3 pyramidal cell (original file
: cal2_CA3.mod; Migliore-style channel). Written from reference/MODEL.md section 5.1.
:
: ica = gcalbar*m^2*h2(cai)*ghk(v, cai, cao), with Ca-dependent inactivation h2(c) = ki/(ki + c)
: and the GHK driving term ghk = -f*(1 - (ci/co)*exp(v/f))*efun(v/f), f = KTF/2,
: KTF = (25/293.15)*(celsius + 273.15) mV, efun(z) = z/(exp(z) - 1) (1 - z/2 for |z| < 1e-4).
: m solved by cnexp, m = minf at start:
:   alp = 15.69*(81.5 - v)/(exp((81.5 - v)/10) - 1)  (no guard at v = 81.5), bet = 0.29*exp(-v/10.86)
:   minf = alp/(alp + bet)
:   tau = betmt/(qt*a0m*(1 + alpmt)) floored at mmin/qt, alpmt = exp(0.0378*zetam*(v - vhalfm)),
:   betmt = exp(0.0378*zetam*gmm*(v - vhalfm)), qt = q10^((celsius - 25)/10)
: The UNITS constants FARADAY, R and KTOMV of the original are declared and unused.
:
: Choices where MODEL.md is silent (Migliore's cal2 forms): minf is computed as a*(1/(a + b));
: the rate expressions are written (-1.0*v + 81.5); minf and tau are GLOBAL; gcalbar defaults to
: 0.003 S/cm2 (the model always sets it).

NEURON {
    SUFFIX cal_CA3
    USEION ca READ cai, cao WRITE ica
    RANGE gcalbar, ica, gcal
    GLOBAL minf, tau
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
    FARADAY = 96520 (coul)
    R = 8.3134 (joule/degC)
    KTOMV = .0853 (mV/degC)
}

PARAMETER {
    gcalbar = 0.003 (mho/cm2)
    ki = 0.001 (mM)         : half-inactivating [Ca]i
    q10 = 5
    mmin = 0.2 (ms)
    tfa = 1
    a0m = 0.1 (/ms)
    zetam = 2 (1)
    vhalfm = 4 (mV)
    gmm = 0.1 (1)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
    gcal (mho/cm2)
    minf
    tau (ms)
}

STATE {
    m
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gcal = gcalbar*m*m*h2(cai)
    ica = gcal*ghk(v, cai, cao)
}

INITIAL {
    rate(v)
    m = minf
}

DERIVATIVE states {
    rate(v)
    m' = (minf - m)/tau
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
    alp = 15.69*(-1.0*v + 81.5)/(exp((-1.0*v + 81.5)/10.0) - 1.0)
}

FUNCTION bet(v (mV)) (/ms) {
    bet = 0.29*exp(-v/10.86)
}

FUNCTION alpmt(v (mV)) {
    alpmt = exp(0.0378*zetam*(v - vhalfm))
}

FUNCTION betmt(v (mV)) {
    betmt = exp(0.0378*zetam*gmm*(v - vhalfm))
}

PROCEDURE rate(v (mV)) {
    LOCAL a, b, qt
    qt = q10^((celsius - 25)/10)
    a = alp(v)
    b = 1/(a + bet(v))
    minf = a*b
    tau = betmt(v)/(qt*a0m*(1 + alpmt(v)))
    if (tau < mmin/qt) { tau = mmin/qt }
}

TITLE can_CA3   N-type Ca channel, GHK current (CA3 pyramidal cell)

: can_CA3 - N-type Ca current of the Liao et al. (2024) CA3 pyramidal cell (original file
: can2_CA3.mod; Migliore-style channel). Written from reference/MODEL.md section 5.1.
:
: ica = gcanbar*m^2*h*h2(cai)*ghk(v, cai, cao); h2, ghk, KTF and efun as in cal_CA3.
: m, h solved by cnexp, at their steady states at start.
:   m: alpm = 0.1967*(19.88 - v)/(exp((19.88 - v)/10) - 1), betm = 0.046*exp(-v/20.73),
:      minf = alpm/(alpm + betm); taum = betmt/(qt*a0m*(1 + alpmt)) floored at mmin/qt with
:      alpmt = exp(0.0378*zetam*(v - vhalfm)), betmt = exp(0.0378*zetam*gmm*(v - vhalfm))
:      (zetam 2, gmm 0.1, vhalfm -14 mV, a0m 0.03 /ms, mmin 0.2 ms), qt = q10^((celsius - 25)/10)
:   h: alph = 1.6e-4*exp(-v/48.4), beth = 1/(exp((39 - v)/10) + 1), hinf = alph/(alph + beth);
:      tauh = 80 ms (constant), floored at hmin = 3 ms
: The UNITS constants FARADAY, R and KTOMV of the original are declared and unused.
:
: Choices where MODEL.md is silent (Migliore's can2 forms): the steady states are computed as
: a*(1/(a + b)); minf, hinf, taum, tauh are GLOBAL; gcanbar defaults to 0.003 S/cm2 (the model
: always sets it).

NEURON {
    SUFFIX can_CA3
    USEION ca READ cai, cao WRITE ica
    RANGE gcanbar, ica, gcan
    GLOBAL hinf, minf, taum, tauh
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
    gcanbar = 0.003 (mho/cm2)
    ki = 0.001 (mM)
    q10 = 5
    mmin = 0.2 (ms)
    hmin = 3 (ms)
    a0m = 0.03 (/ms)
    zetam = 2 (1)
    vhalfm = -14 (mV)
    gmm = 0.1 (1)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
    gcan (mho/cm2)
    minf
    hinf
    taum (ms)
    tauh (ms)
}

STATE {
    m
    h
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gcan = gcanbar*m*m*h*h2(cai)
    ica = gcan*ghk(v, cai, cao)
}

INITIAL {
    rates(v)
    m = minf
    h = hinf
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m)/taum
    h' = (hinf - h)/tauh
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

FUNCTION alph(v (mV)) {
    alph = 1.6e-4*exp(-v/48.4)
}

FUNCTION beth(v (mV)) {
    beth = 1/(exp((-v + 39.0)/10.) + 1.)
}

FUNCTION alpm(v (mV)) {
    alpm = 0.1967*(-1.0*v + 19.88)/(exp((-1.0*v + 19.88)/10.0) - 1.0)
}

FUNCTION betm(v (mV)) {
    betm = 0.046*exp(-v/20.73)
}

FUNCTION alpmt(v (mV)) {
    alpmt = exp(0.0378*zetam*(v - vhalfm))
}

FUNCTION betmt(v (mV)) {
    betmt = exp(0.0378*zetam*gmm*(v - vhalfm))
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b, qt
    qt = q10^((celsius - 25)/10)
    a = alpm(v)
    b = 1/(a + betm(v))
    minf = a*b
    taum = betmt(v)/(qt*a0m*(1 + alpmt(v)))
    if (taum < mmin/qt) { taum = mmin/qt }
    a = alph(v)
    b = 1/(a + beth(v))
    hinf = a*b
    tauh = 80
    if (tauh < hmin) { tauh = hmin }
}

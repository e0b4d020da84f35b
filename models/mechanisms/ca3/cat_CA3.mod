TITLE cat_CA3   T-type Ca channel, GHK current (CA3 pyramidal cell)

: cat_CA3 - T-type Ca current of the Liao et al. (2024) CA3 pyramidal cell (original file
: cat_CA3.mod; Migliore-style channel). Written from reference/MODEL.md section 5.1.
:
: ica = gcatbar*m^2*h*ghk(v, cai, cao) (no Ca-dependent inactivation); ghk, KTF, efun as in cal_CA3.
: m, h solved by cnexp, at their steady states at start. qt = q10^((celsius - 25)/10).
:   m: a = 0.2*(19.26 - v)/(exp((19.26 - v)/10) - 1), b = 0.009*exp(-v/22.03), minf = a/(a + b);
:      mtau = betmt/(qt*a0m*(1 + alpmt)) floored at mmin = 0.2 ms (no qt in the floor), with
:      alpmt = exp(0.0378*zetam*(v - vhalfm)), betmt = exp(0.0378*zetam*gmm*(v - vhalfm))
:      (zetam 2, gmm 0.1, vhalfm -28 mV, a0m 0.04 /ms)
:   h: a = 1e-6*exp(-v/16.26), b = 1/(exp((29.79 - v)/10) + 1), hinf = a/(a + b);
:      htau = beth/(a0h*(1 + alph)) floored at hmin = 10 ms (no qt), with
:      alph = exp(0.0378*zetah*(v - vhalfh)), beth = exp(0.0378*zetah*gmh*(v - vhalfh))
:      (zetah 3.5, gmh 0.6, vhalfh -75 mV, a0h 0.015 /ms)
: The UNITS constants FARADAY, R and KTOMV of the original are declared and unused.
:
: Choices where MODEL.md is silent (Migliore's cat forms): the rates are computed inline in
: `rates`; minf, hinf, mtau, htau are GLOBAL; gcatbar defaults to 0.003 S/cm2 (the model always
: sets it).

NEURON {
    SUFFIX cat_CA3
    USEION ca READ cai, cao WRITE ica
    RANGE gcatbar, ica, gcat
    GLOBAL hinf, minf, mtau, htau
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
    gcatbar = 0.003 (mho/cm2)
    q10 = 5
    mmin = 0.2 (ms)
    hmin = 10 (ms)
    a0h = 0.015 (/ms)
    zetah = 3.5 (1)
    vhalfh = -75 (mV)
    gmh = 0.6 (1)
    a0m = 0.04 (/ms)
    zetam = 2 (1)
    vhalfm = -28 (mV)
    gmm = 0.1 (1)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
    gcat (mho/cm2)
    minf
    hinf
    mtau (ms)
    htau (ms)
}

STATE {
    m
    h
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gcat = gcatbar*m*m*h
    ica = gcat*ghk(v, cai, cao)
}

INITIAL {
    rates(v)
    m = minf
    h = hinf
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
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
    alph = exp(0.0378*zetah*(v - vhalfh))
}

FUNCTION beth(v (mV)) {
    beth = exp(0.0378*zetah*gmh*(v - vhalfh))
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

    a = 0.2*(-1.0*v + 19.26)/(exp((-1.0*v + 19.26)/10.0) - 1.0)
    b = 0.009*exp(-v/22.03)
    minf = a/(a + b)
    mtau = betmt(v)/(qt*a0m*(1 + alpmt(v)))
    if (mtau < mmin) { mtau = mmin }

    a = 1.e-6*exp(-v/16.26)
    b = 1/(exp((-v + 29.79)/10.) + 1.)
    hinf = a/(a + b)
    htau = beth(v)/(a0h*(1 + alph(v)))
    if (htau < hmin) { htau = hmin }
}

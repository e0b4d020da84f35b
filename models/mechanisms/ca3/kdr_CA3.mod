TITLE kdr_CA3   delayed-rectifier K channel (CA3 pyramidal cell)

: kdr_CA3 - delayed-rectifier K current of the Liao et al. (2024) CA3 pyramidal cell (original
: file kdrca1_CA3.mod; Migliore-style channel). Written from reference/MODEL.md section 5.1.
:
: ik = gkdrbar*n*(v - ek)  (first power of n), n solved by cnexp, n = ninf at start.
: With the Boltzmann factors (vh = vhalfn + sh)
:   alpn = exp(1e-3*zetan*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius)))
:   betn = exp(1e-3*zetan*gmn*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius)))
: ninf = 1/(1 + alpn), taun = betn/(qt*a0n*(1 + alpn)); if taun < nmax then taun = nmax/qt,
: qt = q10^((celsius - 24)/10) (= 1 with q10 = 1).
:
: Choices where MODEL.md is silent (Migliore forms): sh is RANGE (set per section by the model),
: ninf and taun are GLOBAL, gkdrbar defaults to 0.003 S/cm2 (the model always sets it).

NEURON {
    SUFFIX kdr_CA3
    USEION k READ ek WRITE ik
    RANGE gkdr, gkdrbar, sh
    GLOBAL ninf, taun
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    sh = 24 (mV)            : shift of the voltage dependence
    gkdrbar = 0.003 (mho/cm2)
    vhalfn = 13 (mV)
    a0n = 0.02 (/ms)
    zetan = -3 (1)
    gmn = 0.7 (1)
    nmax = 2 (ms)           : floor of the time constant
    q10 = 1
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    ninf
    gkdr (mho/cm2)
    taun (ms)
}

STATE {
    n
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gkdr = gkdrbar*n
    ik = gkdr*(v - ek)
}

INITIAL {
    rates(v)
    n = ninf
}

DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/taun
}

FUNCTION alpn(v (mV)) {
    alpn = exp(1.e-3*zetan*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius)))
}

FUNCTION betn(v (mV)) {
    betn = exp(1.e-3*zetan*gmn*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius)))
}

PROCEDURE rates(v (mV)) {
    LOCAL a, qt
    qt = q10^((celsius - 24)/10)
    a = alpn(v)
    ninf = 1/(1 + a)
    taun = betn(v)/(qt*a0n*(1 + a))
    if (taun < nmax) { taun = nmax/qt }
}

TITLE kd_CA3   D-type K channel (CA3 pyramidal cell)

: kd_CA3 - slowly inactivating D-type K current of the Liao et al. (2024) CA3 pyramidal cell
: (original file kd_CA3.mod; Migliore-style channel). Written from reference/MODEL.md section 5.1:
: the same form as kdr_CA3 with vhalfn = -33 mV, a0n = 0.01 /ms, zetan = 3, gmn = 0.7, nmax = 2 ms,
: q10 = 1, sh = 0. In the model it is inserted in the soma with gkdbar = 0, so it carries no current.
:
: ik = gkdbar*n*(v - ek);  alpn = exp(1e-3*zetan*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius))),
: betn likewise with zetan*gmn; ninf = 1/(1 + alpn); taun = betn/(qt*a0n*(1 + alpn)), and
: nmax/qt when below nmax; qt = q10^((celsius - 24)/10).
:
: Choices where MODEL.md is silent: as in kdr_CA3 (sh RANGE, ninf/taun GLOBAL); gkdbar defaults
: to 0, the value the model uses.

NEURON {
    SUFFIX kd_CA3
    USEION k READ ek WRITE ik
    RANGE gkd, gkdbar, sh
    GLOBAL ninf, taun
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    sh = 0 (mV)
    gkdbar = 0 (mho/cm2)
    vhalfn = -33 (mV)
    a0n = 0.01 (/ms)
    zetan = 3 (1)
    gmn = 0.7 (1)
    nmax = 2 (ms)
    q10 = 1
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    ninf
    gkd (mho/cm2)
    taun (ms)
}

STATE {
    n
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gkd = gkdbar*n
    ik = gkd*(v - ek)
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

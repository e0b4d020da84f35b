TITLE kap_CA3   proximal A-type K channel (CA3 pyramidal cell)

: kap_CA3 - proximal A-type K current of the Liao et al. (2024) CA3 pyramidal cell (original file
: kaprox_CA3.mod; Migliore-style channel). Written from reference/MODEL.md section 5.1.
:
: ik = gkabar*n*l*(v - ek), gates n (activation) and l (inactivation) solved by cnexp, at their
: steady states at start. qt = q10^((celsius - 24)/10), F/RT factor 1e-3*9.648e4/(8.315*(273.16 + celsius)).
:   zeta(v) = zetan + pw/(1 + exp((v - tq - sh)/qq))
:   alpn = exp(1e-3*zeta*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius))), betn likewise with
:   zeta*gmn; ninf = 1/(1 + alpn); taun = betn/(qt*a0n*(1 + alpn)) floored at nmin
:   alpl = exp(1e-3*zetal*(v - vhalfl - sh)*...); linf = 1/(1 + alpl);
:   taul = 0.26*(v + 50 - sh)/qtl floored at lmin/qtl
:
: Choices where MODEL.md is silent (Migliore forms): sh is RANGE (the model sets 24 mV, 0 in the
: axon); the steady states and time constants are GLOBAL; gkabar defaults to 0.008 S/cm2 (the
: model always sets it). The original's unused a0l, gml and the l rate betl are left out.

NEURON {
    SUFFIX kap_CA3
    USEION k READ ek WRITE ik
    RANGE gkabar, gka, sh
    GLOBAL ninf, linf, taul, taun, lmin
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    sh = 24 (mV)
    gkabar = 0.008 (mho/cm2)
    vhalfn = 11 (mV)
    vhalfl = -56 (mV)
    a0n = 0.05 (/ms)
    zetan = -1.5 (1)
    zetal = 3 (1)
    gmn = 0.55 (1)
    lmin = 2 (ms)
    nmin = 0.1 (ms)
    pw = -1 (1)
    tq = -40 (mV)
    qq = 5 (mV)
    q10 = 5
    qtl = 1
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    ninf
    linf
    taul (ms)
    taun (ms)
    gka (mho/cm2)
}

STATE {
    n
    l
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gka = gkabar*n*l
    ik = gka*(v - ek)
}

INITIAL {
    rates(v)
    n = ninf
    l = linf
}

DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/taun
    l' = (linf - l)/taul
}

FUNCTION alpn(v (mV)) {
    LOCAL zeta
    zeta = zetan + pw/(1 + exp((v - tq - sh)/qq))
    alpn = exp(1.e-3*zeta*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius)))
}

FUNCTION betn(v (mV)) {
    LOCAL zeta
    zeta = zetan + pw/(1 + exp((v - tq - sh)/qq))
    betn = exp(1.e-3*zeta*gmn*(v - vhalfn - sh)*9.648e4/(8.315*(273.16 + celsius)))
}

FUNCTION alpl(v (mV)) {
    alpl = exp(1.e-3*zetal*(v - vhalfl - sh)*9.648e4/(8.315*(273.16 + celsius)))
}

PROCEDURE rates(v (mV)) {
    LOCAL a, qt
    qt = q10^((celsius - 24)/10)
    a = alpn(v)
    ninf = 1/(1 + a)
    taun = betn(v)/(qt*a0n*(1 + a))
    if (taun < nmin) { taun = nmin }
    a = alpl(v)
    linf = 1/(1 + a)
    taul = 0.26*(v + 50 - sh)/qtl
    if (taul < lmin/qtl) { taul = lmin/qtl }
}

TITLE borgka   A-type K channel, Borg-Graham form (PV basket cell)

: borgka - transient A-type K current of the PV basket cell of the Liao et al. (2024) CA3 model
: (original file borgka.mod, Borg-Graham-type channel as in Santhakumar et al. 2005). Written from
: reference/MODEL.md section 5.2.
:
: ik = gkabar*n*l*(v - ek); n, l solved by cnexp, at their steady states at start.
: Boltzmann factors B(z, vh) = exp(1e-3*z*(v - vh)*9.648e4/(8.315*(273.16 + celsius))) and
: qt = q10^((celsius - 30)/10) with q10 = 3:
:   ninf = 1/(1 + B(zetan, vhalfn)),  taun = B(zetan*gmn, vhalfn)/(qt*a0n*(1 + B(zetan, vhalfn)))
:   linf = 1/(1 + B(zetal, vhalfl)),  taul = B(zetal*gml, vhalfl)/(qt*a0l*(1 + B(zetal, vhalfl)))
: with zetan = -3, gmn = 0.6, vhalfn = -33.6 mV, a0n = 0.02 /ms, zetal = 4, gml = 1,
: vhalfl = -83 mV, a0l = 0.08 /ms. No floors on the time constants (MODEL.md gives none).
: THREADSAFE as in the original (MODEL.md section 10.2).
:
: Choices where MODEL.md is silent (Migliore/Borg-Graham forms): the rate functions alpn, betn,
: alpl, betl; ninf, linf, taun, taul are GLOBAL; gkabar defaults to 0.01 S/cm2 (the model sets
: 0.00015).

NEURON {
    SUFFIX borgka
    USEION k READ ek WRITE ik
    RANGE gkabar, gka, ik
    GLOBAL ninf, linf, taul, taun
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    gkabar = 0.01 (mho/cm2)
    vhalfn = -33.6 (mV)
    vhalfl = -83 (mV)
    a0l = 0.08 (/ms)
    a0n = 0.02 (/ms)
    zetan = -3 (1)
    zetal = 4 (1)
    gmn = 0.6 (1)
    gml = 1 (1)
    q10 = 3
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
    alpn = exp(1.e-3*zetan*(v - vhalfn)*9.648e4/(8.315*(273.16 + celsius)))
}

FUNCTION betn(v (mV)) {
    betn = exp(1.e-3*zetan*gmn*(v - vhalfn)*9.648e4/(8.315*(273.16 + celsius)))
}

FUNCTION alpl(v (mV)) {
    alpl = exp(1.e-3*zetal*(v - vhalfl)*9.648e4/(8.315*(273.16 + celsius)))
}

FUNCTION betl(v (mV)) {
    betl = exp(1.e-3*zetal*gml*(v - vhalfl)*9.648e4/(8.315*(273.16 + celsius)))
}

PROCEDURE rates(v (mV)) {
    LOCAL a, qt
    qt = q10^((celsius - 30)/10)
    a = alpn(v)
    ninf = 1/(1 + a)
    taun = betn(v)/(qt*a0n*(1 + a))
    a = alpl(v)
    linf = 1/(1 + a)
    taul = betl(v)/(qt*a0l*(1 + a))
}

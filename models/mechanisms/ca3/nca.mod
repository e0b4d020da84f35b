TITLE nca   N-type Ca channel (PV basket cell)

: nca - N-type Ca current of the PV basket cell of the Liao et al. (2024) CA3 model (original
: file nca.mod, after Aradi & Holmes 1999 / Santhakumar et al. 2005). Written from
: reference/MODEL.md section 5.2.
:
: inca = gncabar*c^2*d*(v - enca), carried by the private ion nca (valence 2; enca is written by
: ccanl). c, d solved by cnexp, at their steady states at start. With
: vtrap(x, y) = x/(exp(x/y) - 1), y*(1 - x/y/2) when |x/y| < 1e-6:
:   c: alpha = -0.19*vtrap(v - 19.88, -10),  beta = 0.046*exp(-v/20.73)
:   d: alpha = 1.6e-4*exp(-v/48.4),          beta = 1/(exp((39 - v)/10) + 1)
:   xinf = alpha/(alpha + beta), xtau = 1/(alpha + beta)
: Quirks kept on purpose (MODEL.md flags them): no temperature scaling in effect - the file-scope
: LOCAL q10 = 3^((celsius - 6.3)/10) only enters the unused cexp, dexp; `trates` is tabulated
: (cinf, cexp, dinf, dexp, ctau, dtau) DEPEND dt, celsius FROM -100 TO 100 WITH 200.
: THREADSAFE as in the original (MODEL.md section 10.2).
:
: Choices where MODEL.md is silent: d's alpha is 1.6e-4*exp(-v/48.4) as MODEL.md gives it (some
: published versions of this file divide by the exponential instead); gncabar has no default (0)
: as in the original - the model sets it; dt and celsius are declared in PARAMETER as in the
: original.

NEURON {
    SUFFIX nca
    USEION nca READ enca WRITE inca VALENCE 2
    RANGE gnca
    RANGE gncabar
    RANGE cinf, ctau, dinf, dtau, inca
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    v (mV)
    celsius (degC)
    dt (ms)
    gncabar (mho/cm2)
}

STATE {
    c
    d
}

ASSIGNED {
    gnca (mho/cm2)
    inca (mA/cm2)
    enca (mV)
    cinf
    dinf
    ctau (ms)
    dtau (ms)
    cexp
    dexp
}

LOCAL q10

BREAKPOINT {
    SOLVE states METHOD cnexp
    gnca = gncabar*c*c*d
    inca = gnca*(v - enca)
}

UNITSOFF

INITIAL {
    trates(v)
    c = cinf
    d = dinf
}

DERIVATIVE states {
    trates(v)
    c' = (cinf - c)/ctau
    d' = (dinf - d)/dtau
}

PROCEDURE rates(v) {
    LOCAL alpha, beta, sum
    q10 = 3^((celsius - 6.3)/10)

    alpha = -0.19*vtrap(v - 19.88, -10)     : c, activation
    beta = 0.046*exp(-v/20.73)
    sum = alpha + beta
    ctau = 1/sum
    cinf = alpha/sum

    alpha = 0.00016*exp(-v/48.4)            : d, inactivation
    beta = 1/(exp((-v + 39)/10) + 1)
    sum = alpha + beta
    dtau = 1/sum
    dinf = alpha/sum
}

PROCEDURE trates(v) {
    LOCAL tinc
    TABLE cinf, cexp, dinf, dexp, ctau, dtau DEPEND dt, celsius FROM -100 TO 100 WITH 200
    rates(v)
    tinc = -dt*q10
    cexp = 1 - exp(tinc/ctau)
    dexp = 1 - exp(tinc/dtau)
}

FUNCTION vtrap(x, y) {
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}

UNITSON

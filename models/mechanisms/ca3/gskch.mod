TITLE gskch   small-conductance Ca-activated K channel, SK (PV basket cell)

: gskch - SK-type K(Ca) current of the PV basket cell of the Liao et al. (2024) CA3 model (original
: file gskch.mod, after Santhakumar et al. 2005). Written from reference/MODEL.md section 5.2.
:
: isk = gskbar*q^2*(v - esk), carried by the private ion sk (valence 1). It is activated by the
: total Ca of the three pools of ccanl, cai = ncai + lcai + tcai (read from the ions nca, lca, tca):
:   alpha = 12.5*cai^2 (1/ms/mM^2),  beta = 2.5e-4 /ms,  qtau = 1/(alpha + beta),  qinf = alpha*qtau
: q solved by cnexp, q = qinf at start.
: Quirk kept on purpose (MODEL.md flags it): the file-scope LOCAL q10 = 3^((celsius - 6.3)/10) only
: enters qexp = 1 - exp(-dt*q10/qtau)*q10, which nothing uses.
: THREADSAFE as in the original (MODEL.md section 10.2).
:
: Choices where MODEL.md is silent (Santhakumar forms): alpha is written 1.25e1*cai*cai; cai is a
: per-instance ASSIGNED variable of this mechanism (not the "ca" ion); gskbar has no default (0) -
: the model sets it.

NEURON {
    SUFFIX gskch
    USEION sk READ esk WRITE isk VALENCE 1
    USEION nca READ ncai VALENCE 2
    USEION lca READ lcai VALENCE 2
    USEION tca READ tcai VALENCE 2
    RANGE gsk, gskbar, qinf, qtau, isk
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
}

PARAMETER {
    gskbar (mho/cm2)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    dt (ms)
    esk (mV)
    ncai (mM)
    lcai (mM)
    tcai (mM)
    isk (mA/cm2)
    gsk (mho/cm2)
    cai (mM)
    qinf
    qtau (ms)
    qexp
}

STATE {
    q
}

LOCAL q10

BREAKPOINT {
    SOLVE states METHOD cnexp
    gsk = gskbar*q*q
    isk = gsk*(v - esk)
}

UNITSOFF

INITIAL {
    cai = ncai + lcai + tcai
    rate(cai)
    q = qinf
}

DERIVATIVE states {
    cai = ncai + lcai + tcai
    rate(cai)
    q' = (qinf - q)/qtau
}

PROCEDURE rate(c (mM)) {
    LOCAL alpha, beta, tinc
    q10 = 3^((celsius - 6.3)/10)
    alpha = 1.25e1*c*c
    beta = 0.00025
    qtau = 1/(alpha + beta)
    qinf = alpha*qtau
    tinc = -dt*q10
    qexp = 1 - exp(tinc/qtau)*q10
}

UNITSON

TITLE hd_CA3   hyperpolarisation-activated cation channel Ih (CA3 pyramidal cell)

: hd_CA3 - h current of the Liao et al. (2024) CA3 pyramidal cell (original file h_CA3.mod;
: Migliore-style channel). Written from reference/MODEL.md section 5.1.
:
: i = ghdbar*l*(v - ehd) (nonspecific), ehd = -30 mV; l solved by cnexp, l = linf at start.
:   linf = 1/(1 + exp(-(v - vhalfl)/kl))
:   taul = bett/(qtl*qt*a0t*(1 + alpt)), alpt = exp(0.0378*zetat*(v - vhalft)),
:          bett = exp(0.0378*zetat*gmt*(v - vhalft)),  qt = q10^((celsius - 33)/10)
:
: Choices where MODEL.md is silent (Migliore forms): ehd is a GLOBAL parameter (one value, -30 mV,
: for the whole model); vhalfl is RANGE; linf and taul are GLOBAL; ghdbar defaults to
: 0.0001 S/cm2 (the model always sets it).

NEURON {
    SUFFIX hd_CA3
    NONSPECIFIC_CURRENT i
    RANGE ghdbar, vhalfl
    GLOBAL linf, taul
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    ehd = -30 (mV)          : reversal potential of the h current
    ghdbar = 0.0001 (mho/cm2)
    vhalfl = -73 (mV)
    kl = -8 (mV)
    vhalft = -75 (mV)
    a0t = 0.011 (/ms)
    zetat = 2.2 (1)
    gmt = 0.4 (1)
    q10 = 4.5
    qtl = 1
}

ASSIGNED {
    v (mV)
    celsius (degC)
    i (mA/cm2)
    linf
    taul (ms)
    ghd (mho/cm2)
}

STATE {
    l
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ghd = ghdbar*l
    i = ghd*(v - ehd)
}

INITIAL {
    rate(v)
    l = linf
}

DERIVATIVE states {
    rate(v)
    l' = (linf - l)/taul
}

FUNCTION alpt(v (mV)) {
    alpt = exp(0.0378*zetat*(v - vhalft))
}

FUNCTION bett(v (mV)) {
    bett = exp(0.0378*zetat*gmt*(v - vhalft))
}

PROCEDURE rate(v (mV)) {
    LOCAL a, qt
    qt = q10^((celsius - 33)/10)
    a = alpt(v)
    linf = 1/(1 + exp(-(v - vhalfl)/kl))
    taul = bett(v)/(qtl*qt*a0t*(1 + a))
}

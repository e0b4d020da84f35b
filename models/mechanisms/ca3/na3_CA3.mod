TITLE na3_CA3   Na channel with slow inactivation (CA3 pyramidal cell)

: na3_CA3 - transient Na current with an additional slow inactivation gate s, as used in the
: pyramidal cells of the Liao et al. (2024) CA3 model (original file na3n_CA3.mod; Migliore-style
: channel). Written from reference/MODEL.md section 5.1.
:
: i_na = gbar*m^3*h*s*(v - ena), gates solved by cnexp (x' = (xinf - x)/xtau), x = xinf at start.
: qt = q10^((celsius - 24)/10); trap0(v, th, a, q) = a*(v - th)/(1 - exp(-(v - th)/q)), or a*q
: within 1e-6 mV of th.
:   m: alpha = trap0(v, tha+sh, Ra, qa), beta = trap0(-v, -tha-sh, Rb, qa),
:      minf = alpha/(alpha + beta), mtau = 1/(alpha + beta)/qt floored at mmin
:   h: alpha = trap0(v, thi1+sh, Rd, qd), beta = trap0(-v, -thi2-sh, Rg, qg),
:      htau = 1/(alpha + beta)/qt floored at hmin, hinf = 1/(1 + exp((v - thinf - sh)/qinf))
:   s: c = 1/(1 + exp((v - vvh - sh)/vvs)), sinf = c + ar*(1 - c)  (= 1 with ar = 1),
:      taus = B(zetas*gms)/(a0s*(1 + B(zetas))) floored at smax, with the Boltzmann factor
:      B(z) = exp(1e-3*z*(v - vhalfs - sh)*9.648e4/(8.315*(273.16 + celsius)))
: The file-scope LOCAL mexp, hexp, sexp of the original is kept (declared, never used).
:
: Choices where MODEL.md is silent (NEURON-conventional / Migliore forms): the time constants are
: computed as 1/(a+b)/qt; sh and ar are RANGE (the model sets sh per section); the steady states
: and time constants are GLOBAL, as in Migliore's files; gbar defaults to 0.010 S/cm2 (the model
: always sets it).

NEURON {
    SUFFIX na3_CA3
    USEION na READ ena WRITE ina
    RANGE gbar, ar, sh
    GLOBAL minf, hinf, mtau, htau, sinf, taus, qinf, thinf
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    sh = 24 (mV)        : shift of all voltage dependences
    gbar = 0.010 (mho/cm2)
    tha = -30 (mV)      : m: half activation
    qa = 7.2 (mV)       : m: slope
    Ra = 0.4 (/ms)      : m: opening rate
    Rb = 0.124 (/ms)    : m: closing rate
    thi1 = -45 (mV)     : h: half potentials of the two rates
    thi2 = -45 (mV)
    qd = 1.5 (mV)       : h: slopes of the two rates
    qg = 1.5 (mV)
    mmin = 0.02 (ms)    : floors of the time constants
    hmin = 0.5 (ms)
    q10 = 2
    Rg = 0.01 (/ms)     : h: recovery rates
    Rd = 0.03 (/ms)
    thinf = -50 (mV)    : h: steady-state half inactivation
    qinf = 4 (mV)       : h: steady-state slope
    vhalfs = -60 (mV)   : s: slow inactivation
    a0s = 0.0003 (ms)
    zetas = 12 (1)
    gms = 0.2 (1)
    smax = 10 (ms)
    vvh = -58 (mV)
    vvs = 2 (mV)
    ar = 1 (1)          : 1 = no slow inactivation, 0 = full
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ena (mV)
    ina (mA/cm2)
    thegna (mho/cm2)
    minf
    hinf
    mtau (ms)
    htau (ms)
    sinf
    taus (ms)
}

STATE {
    m
    h
    s
}

LOCAL mexp, hexp, sexp

BREAKPOINT {
    SOLVE states METHOD cnexp
    thegna = gbar*m*m*m*h*s
    ina = thegna*(v - ena)
}

INITIAL {
    trates(v, ar, sh)
    m = minf
    h = hinf
    s = sinf
}

DERIVATIVE states {
    trates(v, ar, sh)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
    s' = (sinf - s)/taus
}

FUNCTION alpv(v (mV)) {
    : voltage dependence of the steady state of s
    alpv = 1/(1 + exp((v - vvh - sh)/vvs))
}

FUNCTION alps(v (mV)) {
    alps = exp(1.e-3*zetas*(v - vhalfs - sh)*9.648e4/(8.315*(273.16 + celsius)))
}

FUNCTION bets(v (mV)) {
    bets = exp(1.e-3*zetas*gms*(v - vhalfs - sh)*9.648e4/(8.315*(273.16 + celsius)))
}

PROCEDURE trates(vm (mV), a2, sh2 (mV)) {
    LOCAL a, b, c, qt
    qt = q10^((celsius - 24)/10)

    a = trap0(vm, tha + sh2, Ra, qa)
    b = trap0(-vm, -tha - sh2, Rb, qa)
    mtau = 1/(a + b)/qt
    if (mtau < mmin) { mtau = mmin }
    minf = a/(a + b)

    a = trap0(vm, thi1 + sh2, Rd, qd)
    b = trap0(-vm, -thi2 - sh2, Rg, qg)
    htau = 1/(a + b)/qt
    if (htau < hmin) { htau = hmin }
    hinf = 1/(1 + exp((vm - thinf - sh2)/qinf))

    c = alpv(vm)
    sinf = c + a2*(1 - c)
    taus = bets(vm)/(a0s*(1 + alps(vm)))
    if (taus < smax) { taus = smax }
}

FUNCTION trap0(v (mV), th (mV), a (/ms), q (mV)) (/ms) {
    : a*(v - th)/(1 - exp(-(v - th)/q)) and its limit a*q at v = th
    if (fabs(v - th) > 1e-6) {
        trap0 = a*(v - th)/(1 - exp(-(v - th)/q))
    } else {
        trap0 = a*q
    }
}

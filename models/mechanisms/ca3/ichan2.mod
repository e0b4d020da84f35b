TITLE ichan2   fast Na, fast and slow delayed-rectifier K and leak currents (PV basket cell)

: ichan2 - Hodgkin-Huxley-type Na ("nat"), fast K ("kf"), slow K ("ks") and leak currents of the
: PV basket cell of the Liao et al. (2024) CA3 model (original file ichan2.mod, after Santhakumar
: et al. 2005 / Aradi & Holmes 1999). Written from reference/MODEL.md section 5.2.
:
: inat = gnatbar*m^3*h*(v - enat), ikf = gkfbar*nf^4*(v - ekf), iks = gksbar*ns^4*(v - eks),
: il = gl*(v - el); the Na and K currents are carried by the private ions nat, kf, ks (valence 1).
: Gates solved by cnexp (x' = (xinf - x)/xtau), at their steady states at start. With
: vtrap(x, y) = x/(exp(x/y) - 1), y*(1 - x/y/2) when |x/y| < 1e-6:
:   m:  alpha = -0.3*vtrap(v + 43, -5),     beta = 0.3*vtrap(v + 15, 5)
:   h:  alpha = 0.23/exp((v + 65)/20),       beta = 3.33/(1 + exp((v + 12.5)/-10))
:   ns: alpha = -0.028*vtrap(v + 30, -6),    beta = 0.1056/exp((v + 55)/40)
:   nf: alpha = -0.07*vtrap(v + 18, -6),     beta = 0.264/exp((v + 43)/40)
:   xinf = alpha/(alpha + beta), xtau = 1/(alpha + beta)
: Quirks kept on purpose (MODEL.md flags them): there is no temperature scaling of the kinetics -
: the file-scope LOCAL q10 = 3^((celsius - 6.3)/10) only enters the exp factors mexp, hexp, nfexp,
: nsexp, which nothing uses; and `trates` is tabulated (minf, mexp, hinf, hexp, nfinf, nfexp,
: nsinf, nsexp, mtau, htau, nftau, nstau) DEPEND dt, celsius FROM -100 TO 100 WITH 200.
: THREADSAFE as in the original (MODEL.md section 10.2).
:
: Choices where MODEL.md is silent: the voltage offsets are written as MODEL.md gives them
: (v + 43, ...; the Santhakumar file writes v + 60 - 17, ...); all conductances and el have no
: default (0), as in the original - the model sets them; dt and celsius are declared in
: PARAMETER as in the original.

NEURON {
    SUFFIX ichan2
    USEION nat READ enat WRITE inat VALENCE 1
    USEION kf READ ekf WRITE ikf VALENCE 1
    USEION ks READ eks WRITE iks VALENCE 1
    NONSPECIFIC_CURRENT il
    RANGE gnat, gkf, gks
    RANGE gnatbar, gkfbar, gksbar
    RANGE gl, el
    RANGE minf, mtau, hinf, htau, nfinf, nftau, inat, ikf, nsinf, nstau, iks
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
    enat (mV)
    gnatbar (mho/cm2)
    ekf (mV)
    gkfbar (mho/cm2)
    eks (mV)
    gksbar (mho/cm2)
    gl (mho/cm2)
    el (mV)
}

STATE {
    m
    h
    nf
    ns
}

ASSIGNED {
    gnat (mho/cm2)
    gkf (mho/cm2)
    gks (mho/cm2)
    inat (mA/cm2)
    ikf (mA/cm2)
    iks (mA/cm2)
    il (mA/cm2)
    minf
    hinf
    nfinf
    nsinf
    mtau (ms)
    htau (ms)
    nftau (ms)
    nstau (ms)
    mexp
    hexp
    nfexp
    nsexp
}

LOCAL q10

BREAKPOINT {
    SOLVE states METHOD cnexp
    gnat = gnatbar*m*m*m*h
    inat = gnat*(v - enat)
    gkf = gkfbar*nf*nf*nf*nf
    ikf = gkf*(v - ekf)
    gks = gksbar*ns*ns*ns*ns
    iks = gks*(v - eks)
    il = gl*(v - el)
}

UNITSOFF

INITIAL {
    trates(v)
    m = minf
    h = hinf
    nf = nfinf
    ns = nsinf
}

DERIVATIVE states {
    trates(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
    nf' = (nfinf - nf)/nftau
    ns' = (nsinf - ns)/nstau
}

PROCEDURE rates(v) {
    LOCAL alpha, beta, sum
    q10 = 3^((celsius - 6.3)/10)

    alpha = -0.3*vtrap(v + 43, -5)          : m, Na activation
    beta = 0.3*vtrap(v + 15, 5)
    sum = alpha + beta
    mtau = 1/sum
    minf = alpha/sum

    alpha = 0.23/exp((v + 65)/20)           : h, Na inactivation
    beta = 3.33/(1 + exp((v + 12.5)/-10))
    sum = alpha + beta
    htau = 1/sum
    hinf = alpha/sum

    alpha = -0.028*vtrap(v + 30, -6)        : ns, slow delayed rectifier
    beta = 0.1056/exp((v + 55)/40)
    sum = alpha + beta
    nstau = 1/sum
    nsinf = alpha/sum

    alpha = -0.07*vtrap(v + 18, -6)         : nf, fast delayed rectifier
    beta = 0.264/exp((v + 43)/40)
    sum = alpha + beta
    nftau = 1/sum
    nfinf = alpha/sum
}

PROCEDURE trates(v) {
    LOCAL tinc
    TABLE minf, mexp, hinf, hexp, nfinf, nfexp, nsinf, nsexp, mtau, htau, nftau, nstau
        DEPEND dt, celsius FROM -100 TO 100 WITH 200
    rates(v)
    tinc = -dt*q10
    mexp = 1 - exp(tinc/mtau)
    hexp = 1 - exp(tinc/htau)
    nfexp = 1 - exp(tinc/nftau)
    nsexp = 1 - exp(tinc/nstau)
}

FUNCTION vtrap(x, y) {
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}

UNITSON

TITLE hh.mod   Hodgkin-Huxley sodium, potassium and leak currents

: hh - NEURON's standard Hodgkin-Huxley mechanism (SUFFIX hh).
:
: Source of the equations: A. L. Hodgkin and A. F. Huxley, J. Physiol. 117:500-544 (1952),
: rewritten in NEURON's convention: absolute membrane potential in mV, polarity reversed and
: shifted so that rest is -65 mV. Rate constants (1/ms), with q10 = 3^((celsius - 6.3)/10):
:   m: alpha = 0.1*vtrap(-(v+40), 10)     beta = 4*exp(-(v+65)/18)
:   h: alpha = 0.07*exp(-(v+65)/20)       beta = 1/(exp(-(v+35)/10) + 1)
:   n: alpha = 0.01*vtrap(-(v+55), 10)    beta = 0.125*exp(-(v+65)/80)
:   x_inf = alpha/(alpha + beta),  tau_x = 1/(q10*(alpha + beta))
: with vtrap(x, y) = x/(exp(x/y) - 1), replaced by its first-order expansion y*(1 - x/y/2)
: when |x/y| < 1e-6 (the removable singularity of the alpha functions).
: Currents: ina = gnabar*m^3*h*(v - ena), ik = gkbar*n^4*(v - ek), il = gl*(v - el).
:
: Arithmetic follows NEURON 8.2's built-in hh expression for expression, so cornu's kernels can
: be compared with NEURON bit for bit: the powers are repeated products (m*m*m*h, n*n*n*n), the
: gates obey x' = (xinf - x)/xtau (solved by cnexp), and `rates` is tabulated FROM -100 TO 100
: WITH 200 DEPEND celsius, as NEURON does by default (usetable_hh = 1).
: Deliberate differences from NEURON's file: none (REPRESENTS/CONDUCTANCE annotations omitted;
: they do not change the numerics).

NEURON {
    SUFFIX hh
    USEION na READ ena WRITE ina
    USEION k READ ek WRITE ik
    NONSPECIFIC_CURRENT il
    RANGE gnabar, gkbar, gl, el, gna, gk
    GLOBAL minf, hinf, ninf, mtau, htau, ntau
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gnabar = 0.12 (S/cm2) <0,1e9>     : peak sodium conductance
    gkbar = 0.036 (S/cm2) <0,1e9>     : peak potassium conductance
    gl = 0.0003 (S/cm2) <0,1e9>       : leak conductance
    el = -54.3 (mV)                   : leak reversal potential
}

STATE {
    m   : Na activation
    h   : Na inactivation
    n   : K activation
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ena (mV)
    ek (mV)
    gna (S/cm2)
    gk (S/cm2)
    ina (mA/cm2)
    ik (mA/cm2)
    il (mA/cm2)
    minf
    hinf
    ninf
    mtau (ms)
    htau (ms)
    ntau (ms)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gna = gnabar*m*m*m*h
    ina = gna*(v - ena)
    gk = gkbar*n*n*n*n
    ik = gk*(v - ek)
    il = gl*(v - el)
}

INITIAL {
    : gates start at their steady state for the initial potential
    rates(v)
    m = minf
    h = hinf
    n = ninf
}

DERIVATIVE states {
    rates(v)
    m' = (minf-m)/mtau
    h' = (hinf-h)/htau
    n' = (ninf-n)/ntau
}

UNITSOFF

PROCEDURE rates(v (mV)) {
    : steady states and time constants of the three gates at potential v
    LOCAL alpha, beta, sum, q10
    TABLE minf, mtau, hinf, htau, ninf, ntau DEPEND celsius FROM -100 TO 100 WITH 200

    q10 = 3^((celsius - 6.3)/10)

    alpha = .1 * vtrap(-(v+40),10)          : m
    beta = 4 * exp(-(v+65)/18)
    sum = alpha + beta
    mtau = 1/(q10*sum)
    minf = alpha/sum

    alpha = .07 * exp(-(v+65)/20)           : h
    beta = 1 / (exp(-(v+35)/10) + 1)
    sum = alpha + beta
    htau = 1/(q10*sum)
    hinf = alpha/sum

    alpha = .01*vtrap(-(v+55),10)           : n
    beta = .125*exp(-(v+65)/80)
    sum = alpha + beta
    ntau = 1/(q10*sum)
    ninf = alpha/sum
}

FUNCTION vtrap(x, y) {
    : x/(exp(x/y) - 1) with its limit near x = 0
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}

UNITSON

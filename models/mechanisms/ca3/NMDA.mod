TITLE NMDA   NMDA receptor synapse with Mg block and short-term plasticity

: NMDA - NMDA receptor conductance of the Liao et al. (2024) CA3 model (original file nmda.mod,
: after Durstewitz & Gabriel 2006), placed alongside every excitatory projection onto the
: pyramidal cells. Written from reference/MODEL.md section 5.3.
:
: Conductance: difference of exponentials g = b - a with a' = -a/tcon, b' = -b/tcoff (solved by
: derivimplicit, as in the original); i = gNMDAmax*g*s(v)*(v - enmda) (nonspecific), with the Mg
: block s(v) = 1.50265/(1 + 0.33*exp(-0.0625*v)).
: Each NetCon keeps its own short-term plasticity state in its weight vector,
: NET_RECEIVE(wgt, R, u, tlast, nspike) (no NET_RECEIVE INITIAL, so they start at 0): for the first
: event of a NetCon R = 1 and u = util; afterwards, with dt_ev = t - tlast,
:   u = util + (1 - util)*u*exp(-dt_ev/tauF)           (facilitation)
:   R = 1 + (R*(1 - u) - 1)*exp(-dt_ev/tauD)           (depression, with the updated u)
: Then x = wgt*factor*R*u, factor = tcon*tcoff/(tcoff - tcon) (not peak-normalised), is added to
: both a and b through state_discontinuity; tlast = t and nspike += 1.
:
: Choices where MODEL.md is silent: factor is computed once in INITIAL; the exponential factors are
: written exp(-(t - tlast)/tau); defaults tcon = 2.3 ms, tcoff = 95 ms, enmda = 0 mV,
: gNMDAmax = 0 uS (MODEL.md's defaults; the model sets tcoff = 100 ms and gNMDAmax = 1).

NEURON {
    POINT_PROCESS NMDA
    NONSPECIFIC_CURRENT i
    RANGE tcon, tcoff, enmda, gNMDAmax, g, i, s, factor
    RANGE util, tauD, tauF
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tcon = 2.3 (ms)         : rise time constant
    tcoff = 95 (ms)         : decay time constant
    enmda = 0 (mV)          : reversal potential
    gNMDAmax = 0 (uS)       : conductance scale
    util = 0.3              : utilisation of resources by a spike
    tauD = 800 (ms)         : recovery from depression
    tauF = 800 (ms)         : decay of facilitation
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    s                       : Mg block, 0..1.50265
    factor
}

STATE {
    a (uS)
    b (uS)
}

INITIAL {
    a = 0
    b = 0
    factor = tcon*tcoff/(tcoff - tcon)
}

BREAKPOINT {
    SOLVE states METHOD derivimplicit
    s = 1.50265/(1 + 0.33*exp(-0.0625*v))
    g = b - a
    i = gNMDAmax*g*s*(v - enmda)
}

DERIVATIVE states {
    a' = -a/tcon
    b' = -b/tcoff
}

NET_RECEIVE(wgt (uS), R, u, tlast (ms), nspike) {
    LOCAL x
    if (nspike == 0) {
        R = 1
        u = util
    } else {
        u = util + (1 - util)*u*exp(-(t - tlast)/tauF)
        R = 1 + (R*(1 - u) - 1)*exp(-(t - tlast)/tauD)
    }
    x = wgt*factor*R*u
    state_discontinuity(a, a + x)
    state_discontinuity(b, b + x)
    tlast = t
    nspike = nspike + 1
}

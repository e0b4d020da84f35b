: Exp2Syn - synaptic conductance as the difference of two exponentials, rise time constant tau1
: and decay time constant tau2 (NEURON's standard POINT_PROCESS Exp2Syn).
:
: Equations: A' = -A/tau1, B' = -B/tau2, g = B - A, i = g*(v - e). An event of weight w adds
: w*factor to both A and B, where factor normalises the response so that its peak conductance
: is w: the peak of exp(-t/tau2) - exp(-t/tau1) is at tp = tau1*tau2/(tau2 - tau1)*log(tau2/tau1),
: and factor = 1/(exp(-tp/tau2) - exp(-tp/tau1)).
: tau1 must be smaller than tau2: INITIAL caps tau1 at 0.9999*tau2 (close to an alpha function)
: and raises it to at least 1e-9*tau2 (close to a single exponential), as NEURON 8.2 does.
: Names, defaults (tau1 = 0.1 ms, tau2 = 10 ms, e = 0 mV) and units are NEURON 8.2's.
: Arithmetic: the same expressions in the same order as NEURON 8.2's built-in (factor is first
: -exp(-tp/tau1) + exp(-tp/tau2), then inverted), cnexp on A' = -A/tau1 and B' = -B/tau2, and
: plain additions A + w*factor, B + w*factor for an event.
: Deliberate differences from NEURON's file: none.

NEURON {
    POINT_PROCESS Exp2Syn
    RANGE tau1, tau2, e, i
    NONSPECIFIC_CURRENT i
    RANGE g
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau1 = 0.1 (ms) <1e-9,1e9>  : rise time constant
    tau2 = 10 (ms) <1e-9,1e9>   : decay time constant
    e = 0 (mV)                  : reversal potential
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    factor      : peak normalisation of one event
}

STATE {
    A (uS)
    B (uS)
}

INITIAL {
    LOCAL tp
    if (tau1/tau2 > 0.9999) {
        tau1 = 0.9999*tau2
    }
    if (tau1/tau2 < 1e-9) {
        tau1 = tau2*1e-9
    }
    A = 0
    B = 0
    tp = (tau1*tau2)/(tau2 - tau1) * log(tau2/tau1)   : time of the peak
    factor = -exp(-tp/tau1) + exp(-tp/tau2)
    factor = 1/factor
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    g = B - A
    i = g*(v - e)
}

DERIVATIVE state {
    A' = -A/tau1
    B' = -B/tau2
}

NET_RECEIVE(weight (uS)) {
    A = A + weight*factor
    B = B + weight*factor
}

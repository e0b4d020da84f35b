: ExpSyn - synaptic conductance with instantaneous rise and exponential decay
: (NEURON's standard POINT_PROCESS ExpSyn).
:
: g' = -g/tau; an event of weight w (uS) adds w to g; i = g*(v - e) (nA).
: Names, defaults (tau = 0.1 ms, e = 0 mV) and units are NEURON 8.2's.
: Arithmetic: the decay is written g' = -g/tau as in NEURON's built-in, so cnexp produces the same
: update g + (1 - exp(dt*(-1/tau)))*(-0/(-1/tau) - g) (see NEURON_SEMANTICS E1); the event is a
: plain addition g + w.
: Deliberate differences from NEURON's file: none.

NEURON {
    POINT_PROCESS ExpSyn
    RANGE tau, e, i
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau = 0.1 (ms) <1e-9,1e9>   : decay time constant
    e = 0 (mV)                  : reversal potential
}

ASSIGNED {
    v (mV)
    i (nA)
}

STATE {
    g (uS)
}

INITIAL {
    g = 0
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g*(v - e)
}

DERIVATIVE state {
    g' = -g/tau
}

NET_RECEIVE(weight (uS)) {
    g = g + weight
}

: pas - passive leak membrane current (NEURON's standard `pas` mechanism).
:
: Equation: i = g*(v - e), an ohmic leak with conductance g (S/cm2) and reversal e (mV).
: Names, defaults and units are NEURON 8.2's: g_pas = 0.001 S/cm2, e_pas = -70 mV.
: Arithmetic: the current is the same single expression g*(v - e) as NEURON's own file, so the
: membrane conductance comes out of the usual finite difference (I(v+0.001) - I(v))/0.001.
: Deliberate differences from NEURON's file: none.

NEURON {
    SUFFIX pas
    NONSPECIFIC_CURRENT i
    RANGE g, e
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g = 0.001 (S/cm2) <0,1e9>   : leak conductance
    e = -70 (mV)                : leak reversal potential
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = g*(v - e)
}

: Exercises INCLUDE "file": the PARAMETER block lives in include_main.inc next to this file and
: is spliced in where the INCLUDE stands.
NEURON {
    SUFFIX include_main
    NONSPECIFIC_CURRENT i
    RANGE gbar
}

INCLUDE "include_main.inc"

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = gbar*(v - erev)
}

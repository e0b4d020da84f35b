: A three-state voltage-gated channel as a KINETIC scheme, for the kernel benchmark:
: C1 <-> C2 <-> O with exponential voltage dependence, conserved occupancy, GHK-free current.
NEURON {
    SUFFIX kin3
    USEION k READ ek WRITE ik
    RANGE gbar
}
PARAMETER { gbar = 0.01 (S/cm2) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) a1 b1 a2 b2 }
STATE { C1 C2 O }
BREAKPOINT {
    SOLVE scheme METHOD sparse
    ik = gbar*O*(v - ek)
}
INITIAL { C1 = 1 C2 = 0 O = 0 }
KINETIC scheme {
    rates(v)
    ~ C1 <-> C2 (a1, b1)
    ~ C2 <-> O (a2, b2)
    CONSERVE C1 + C2 + O = 1
}
PROCEDURE rates(v (mV)) {
    a1 = 0.1*exp(v/20)
    b1 = 0.05*exp(-v/30)
    a2 = 0.2*exp(v/25)
    b2 = 0.02*exp(-v/15)
}

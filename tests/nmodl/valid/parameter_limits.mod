: Exercises the PARAMETER block: values with and without units, negative values, limits (which
: NEURON only accepts >= 0) `<lo,hi>`, an entry with no value, and simulator variables (v, celsius)
: declared as PARAMETERs the way old files do.
NEURON {
    SUFFIX parameter_limits
    NONSPECIFIC_CURRENT i
    RANGE gbar, erev
}

PARAMETER {
    gbar = 0.002 (S/cm2) <0, 1e9>
    erev = -80 (mV)
    q10 = 3 <1, 10>
    vhalf = -40.5 (mV)
    slope (mV)
    v (mV)
    celsius (degC)
}

ASSIGNED {
    i (mA/cm2)
}

INITIAL {
    slope = 9
}

BREAKPOINT {
    i = gbar*q10^((celsius - 22)/10)/(1 + exp(-(v - vhalf)/slope))*(v - erev)
}

TITLE ds_CA3   running maximum of the membrane potential (CA3 pyramidal cell)

: ds_CA3 - recorder of the peak membrane potential vmax since initialisation, inserted in the
: soma and oriens sections of the Liao et al. (2024) CA3 pyramidal cell (original file
: distr_CA3.mod). It has no current and no effect on the simulation (MODEL.md section 5.1).
: With no current, the BREAKPOINT runs once per step after the voltage update (as in NEURON).
:
: Choices where MODEL.md is silent: vmax starts at the initial potential.

NEURON {
    SUFFIX ds_CA3
    RANGE vmax
}

UNITS {
    (mV) = (millivolt)
}

ASSIGNED {
    v (mV)
    vmax (mV)
}

INITIAL {
    vmax = v
}

BREAKPOINT {
    if (v > vmax) { vmax = v }
}

: Exercises simulator variables declared as PARAMETERs with defaults (old files do this): v, dt
: and celsius get their values from the simulator, so cornu warns that the defaults are ignored,
: as nocmodl does (see simulator_defaults.expect). diam and area are read as well.
NEURON {
    SUFFIX simulator_defaults
    RANGE q, surf
}

PARAMETER {
    celsius = 36 (degC)
    dt = 0.025 (ms)
    v (mV)
    diam (um)
}

ASSIGNED {
    area (um2)
    q
    surf (um2)
}

INITIAL {
    q = 3^((celsius - 6.3)/10)*dt
    surf = area + 0*diam*v
}

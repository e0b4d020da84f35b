: Exercises the one-sided fluxes of a KINETIC block: `~ x << (flux)` adds a flux into a state and
: `~ x -> (rate)` removes it at a rate proportional to x; the flux uses f_flux afterwards.
NEURON {
    SUFFIX kinetic_flux
    USEION ca READ ica WRITE cai
    RANGE tau, influx
}

UNITS {
    (mM) = (milli/liter)
    (mA) = (milliamp)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    tau = 50 (ms)
    depth = 0.1 (um)
}

ASSIGNED {
    ica (mA/cm2)
    influx (mM/ms)
}

STATE { cai (mM) }

INITIAL { cai = 5e-5 }

BREAKPOINT {
    SOLVE pump METHOD sparse
}

KINETIC pump {
    ~ cai << (-ica*(1e4)/(2*FARADAY*depth))
    ~ cai -> (1/tau)
    influx = f_flux
}

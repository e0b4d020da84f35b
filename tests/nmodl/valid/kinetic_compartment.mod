: Exercises COMPARTMENT in a KINETIC block, both with an index over a state array
: (`COMPARTMENT i, vol[i] {ca}`) and without (`COMPARTMENT volo {cao}`), with DEFINEd array sizes,
: reactions between shells written with array indices, and FROM loops inside KINETIC.
NEURON {
    SUFFIX kinetic_compartment
    USEION ca READ cao, ica WRITE cai
    RANGE D
}

DEFINE NSHELL 4

UNITS {
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
    PI = (pi) (1)
}

PARAMETER {
    D = 0.6 (um2/ms)
    volo = 1 (liter)
}

ASSIGNED {
    diam (um)
    ica (mA/cm2)
    cai (mM)
    vol[NSHELL] (1)
}

STATE {
    ca[NSHELL] (mM) <1e-6>
    cao (mM)
}

INITIAL {
    FROM i = 0 TO NSHELL - 1 {
        vol[i] = PI*diam*diam/4*(2*i + 1)/(NSHELL*NSHELL)
        ca[i] = 5e-5
    }
}

BREAKPOINT {
    SOLVE diffusion METHOD sparse
}

KINETIC diffusion {
    COMPARTMENT i, vol[i] {ca}
    COMPARTMENT volo {cao}
    ~ ca[0] << (-ica*PI*diam*(1e4)/(2*FARADAY))
    FROM i = 0 TO NSHELL - 2 {
        ~ ca[i] <-> ca[i + 1] (D*2*(i + 1), D*2*(i + 1))
    }
    ~ ca[NSHELL - 1] <-> cao (1e-3, 0)
    cai = ca[0]
}

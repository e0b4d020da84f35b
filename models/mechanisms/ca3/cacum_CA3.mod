TITLE cacum_CA3   submembrane Ca accumulation with decay to rest (CA3 pyramidal cell)

: cacum_CA3 - Ca pool of the Liao et al. (2024) CA3 pyramidal cell (original file cacumm_CA3.mod,
: after Migliore's cacumm.mod). Written from reference/MODEL.md section 5.1.
:
: Ca enters a shell of thickness depth (um) under the membrane and decays to cai0 with time
: constant tau:   cai' = (irest - ica)*1e4/(2*F*depth) + (cai0 - cai)/tau
: solved by derivimplicit. INITIAL sets cai = cai0, irest = ica, cmax = cai. BREAKPOINT keeps the
: running maximum cmax (unused by the model) and sets the dummy current i = 0 (NONSPECIFIC).
: Quirks kept on purpose (MODEL.md flags them):
: - INITIAL assigns F = 96484.56 to the UNITS constant F (faraday, 96485.33 in NEURON 8.2); the new
:   value then holds for every instance for the rest of the run.
: - irest = ica reads the Ca current before any current has been computed, so at the first
:   initialisation irest = 0 in NEURON.
:
: Choices where MODEL.md is silent (Migliore's cacumm forms): the flux is written
: (irest - ica)/depth/F/2*(1e4); irest is a PARAMETER that is not RANGE (so a GLOBAL, the last
: instance initialised wins - 0 at the first initialisation anyway); depth, tau, cai0, cmax are
: RANGE; depth defaults to 0.1 um (the model sets diam/2).

NEURON {
    SUFFIX cacum_CA3
    USEION ca READ ica WRITE cai
    NONSPECIFIC_CURRENT i
    RANGE depth, tau, cai0, cmax
}

UNITS {
    (mM) = (milli/liter)
    (mA) = (milliamp)
    F = (faraday) (coulombs)
}

PARAMETER {
    depth = 0.1 (um)        : shell thickness (volume = area*depth)
    irest = 0 (mA/cm2)      : resting Ca current, set in INITIAL
    tau = 100 (ms)          : decay time constant
    cai0 = 50e-6 (mM)       : resting [Ca]i
}

ASSIGNED {
    ica (mA/cm2)
    cmax (mM)
    i (mA/cm2)
}

STATE {
    cai (mM)
}

INITIAL {
    F = 96484.56
    cai = cai0
    irest = ica
    cmax = cai
}

BREAKPOINT {
    SOLVE integrate METHOD derivimplicit
    if (cai > cmax) { cmax = cai }
    i = 0
}

DERIVATIVE integrate {
    cai' = (irest - ica)/depth/F/2*(1e4) + (cai0 - cai)/tau
}

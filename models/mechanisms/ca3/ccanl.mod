TITLE ccanl   Ca pools for the N-, L- and T-type Ca currents (PV basket cell)

: ccanl - submembrane Ca accumulation of the PV basket cell of the Liao et al. (2024) CA3 model
: (original file ccanl.mod, after Aradi & Holmes 1999 / Santhakumar et al. 2005). Written from
: reference/MODEL.md section 5.2.
:
: The Ca carried by each of the private ions nca, lca and tca (valence 2) fills its own pool:
:   Xcai' = -iXca*1e7/(depth*FARADAY) + (caiinf/3 - Xcai)/catau       X = n, l, t
: (depth in nm, FARADAY = 96520 C/mol), solved by cnexp. After each step the total
: cai = ncai + lcai + tcai gives one reversal potential for all three ions,
:   E = ktf*log(cao/cai),  ktf = 1000*R*(celsius + 273.15)/(2*FARADAY), R = 8.3134 J/(mol K),
: written to enca, elca and etca (so the ions' own Nernst values are not used). INITIAL starts
: each pool at caiinf/3 and E at ktf*log(cao/caiinf). Nothing writes itca, so tcai stays at
: caiinf/3 in the model. ccanl has no current, so its BREAKPOINT runs after each state update.
: THREADSAFE as in the original (MODEL.md section 10.2).
:
: Choices where MODEL.md is silent (Santhakumar forms): the flux is written
: -(inca)/depth/FARADAY*(1e7); cai and eca are RANGE variables of this mechanism (not the "ca"
: ion, which ccanl does not use); defaults depth = 200 nm, catau = 9 ms, caiinf = 50e-6 mM,
: cao = 2 mM (a GLOBAL parameter); the model sets catau = 10 ms and caiinf = 5e-6 mM.

NEURON {
    SUFFIX ccanl
    USEION nca READ ncai, inca, enca WRITE enca, ncai VALENCE 2
    USEION lca READ lcai, ilca, elca WRITE elca, lcai VALENCE 2
    USEION tca READ tcai, itca, etca WRITE etca, tcai VALENCE 2
    RANGE caiinf, catau, cai, ncai, lcai, tcai, eca, elca, enca, etca
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (molar) = (1/liter)
    (mM) = (millimolar)
    FARADAY = 96520 (coul)
    R = 8.3134 (joule/degC)
}

PARAMETER {
    depth = 200 (nm)        : shell thickness (volume = area*depth)
    catau = 9 (ms)          : decay time constant of each pool
    caiinf = 50.e-6 (mM)    : resting total [Ca]i
    cao = 2 (mM)            : [Ca]o
}

ASSIGNED {
    celsius (degC)
    inca (mA/cm2)
    ilca (mA/cm2)
    itca (mA/cm2)
    cai (mM)
    enca (mV)
    elca (mV)
    etca (mV)
    eca (mV)
}

STATE {
    ncai (mM)
    lcai (mM)
    tcai (mM)
}

INITIAL {
    ncai = caiinf/3
    lcai = caiinf/3
    tcai = caiinf/3
    cai = caiinf
    eca = ktf()*log(cao/caiinf)
    enca = eca
    elca = eca
    etca = eca
}

BREAKPOINT {
    SOLVE integrate METHOD cnexp
    cai = ncai + lcai + tcai
    eca = ktf()*log(cao/cai)
    enca = eca
    elca = eca
    etca = eca
}

DERIVATIVE integrate {
    ncai' = -(inca)/depth/FARADAY*(1e7) + (caiinf/3 - ncai)/catau
    lcai' = -(ilca)/depth/FARADAY*(1e7) + (caiinf/3 - lcai)/catau
    tcai' = -(itca)/depth/FARADAY*(1e7) + (caiinf/3 - tcai)/catau
}

FUNCTION ktf() (mV) {
    ktf = (1000)*R*(celsius + 273.15)/(2*FARADAY)
}

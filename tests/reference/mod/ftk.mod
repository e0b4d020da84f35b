: A potassium channel whose gating comes from FUNCTION_TABLEs the experiment supplies (NEURON:
: table_ninf_ftk(yvec, xvec), table_ntau_ftk(...), table_qfac_ftk(value)). Written for cornu's
: reference cases: HH's n gate with ninf and ntau sampled at uneven voltages.
NEURON {
    SUFFIX ftk
    USEION k READ ek WRITE ik
    RANGE gkbar
}

PARAMETER { gkbar = 0.036 (S/cm2) }

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
}

STATE { n }

FUNCTION_TABLE ninf(v (mV))
FUNCTION_TABLE ntau(v (mV)) (ms)
FUNCTION_TABLE qfac(v (mV))

INITIAL { n = ninf(v) }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gkbar*n*n*n*n*(v - ek)
}

DERIVATIVE states { n' = (ninf(v) - n)/(ntau(v)*qfac(v)) }

TITLE kinetic scheme with COMPARTMENT and CONSERVE
NEURON { SUFFIX kin USEION ca READ cai WRITE ica VALENCE 2 RANGE kf, kb GLOBAL vol THREADSAFE }
UNITS { (mM) = (milli/liter) (mV) = (millivolt) FARADAY = (faraday) (coulomb) PI = (pi) (1) }
CONSTANT { q10 = 3 (1) }
PARAMETER { kf = 0.1 (/ms) <0, 1e9> kb = 0.05 (/ms) vol[4] }
STATE { C O I ca[4] (mM) <1e-6> }
ASSIGNED { cai (mM) ica (mA/cm2) }
INITIAL { SOLVE scheme STEADYSTATE sparse }
BREAKPOINT { SOLVE scheme METHOD sparse ica = 0 }
KINETIC scheme {
  LOCAL i
  COMPARTMENT i, vol[i] { ca }
  COMPARTMENT 1 { C O I }
  ~ C <-> O (kf, kb)
  ~ 2 O <-> I (kf*q10^((celsius-6.3)/10), kb)
  ~ ca[0] << (-ica*PI/(2*FARADAY))
  FROM i = 0 TO 2 { ~ ca[i] <-> ca[i+1] (1, 1) }
  CONSERVE C + O + I = 1
}

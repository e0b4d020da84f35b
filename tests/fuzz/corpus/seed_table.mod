TITLE rates with TABLE, FUNCTION_TABLE, PROTECT, MUTEX and while
DEFINE NX 10
INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }
NEURON { SUFFIX tab RANGE minf, mtau GLOBAL vmin EXTERNAL ext_fn REPRESENTS NCIT:C17145 }
PARAMETER { vmin = -100 (mV) vmax = 100 (mV) arr[NX] }
ASSIGNED { v (mV) minf mtau (ms) x[NX] }
LOCAL shared
FUNCTION_TABLE tautab(v (mV)) (ms)
PROCEDURE rates(v (mV)) {
  TABLE minf, mtau DEPEND celsius FROM -100 TO 100 WITH 200
  UNITSOFF
  minf = 1/(1 + exp(-(v + 40)/9))
  mtau = tautab(v) + vtrap(v, 10)
  UNITSON
}
FUNCTION vtrap(x, y) {
  LOCAL i
  if (fabs(x/y) < 1e-6) { vtrap = y*(1 - x/y/2) } else { vtrap = x/(exp(x/y) - 1) }
  i = 0
  while (i < NX && !(i >= 5 || x != y)) { i = i + 1 }
  PROTECT shared = shared + 1
  MUTEXLOCK
  arr[0] = -2^-3^2
  MUTEXUNLOCK
}
INITIAL { rates(v) }
BEFORE BREAKPOINT { rates(v) }
AFTER SOLVE { }
CONSTRUCTOR { VERBATIM ENDVERBATIM }
DESTRUCTOR { }

NEURON { SUFFIX sem USEION na READ ena WRITE ina USEION na READ nai RANGE undefined_thing }
PARAMETER { v = 1 dt = 2 }
STATE { s }
ASSIGNED { ina }
BREAKPOINT { SOLVE nowhere METHOD cnexp  ina = f(1, 2, 3) + g()  s = undeclared }
DERIVATIVE d { q' = 1 }
FUNCTION f(a) { f = a }
PROCEDURE g() { g = 1 }

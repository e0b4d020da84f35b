NEURON { SUFFIX lin }
STATE { x y z }
ASSIGNED { a b }
BREAKPOINT { SOLVE eqs SOLVE nl METHOD newton SOLVE d METHOD derivimplicit SOLVE e }
LINEAR eqs {
  ~ x + y = a
  ~ x - y = b
}
NONLINEAR nl SOLVEFOR z {
  ~ z*z = 2
}
DERIVATIVE d { x' = -x  y' = -y LAG a BY b }
DISCRETE e { z = z + 1 }


NEURON {
  SUFFIX broken
PARAMETER { g = 1 (S/cm2 }
BREAKPOINT { x = (1 + 

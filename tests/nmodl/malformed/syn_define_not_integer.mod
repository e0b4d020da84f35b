: DEFINE takes an integer, not a real number.
NEURON { SUFFIX syn_define_not_integer }
DEFINE NSHELL 2.5
ASSIGNED { x }

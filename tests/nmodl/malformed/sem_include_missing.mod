: INCLUDE of a file that does not exist.
NEURON { SUFFIX sem_include_missing }
INCLUDE "no_such_file.inc"
ASSIGNED { x }

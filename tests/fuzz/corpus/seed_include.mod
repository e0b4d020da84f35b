INCLUDE "missing_file.inc"
NEURON { SUFFIX inc }

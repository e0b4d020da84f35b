: An assignment written outside any block.
NEURON { SUFFIX syn_statement_at_file_level }
ASSIGNED { x }
x = 1
INITIAL { x = 2 }

: A TABLE in a FUNCTION of two arguments: the table has one index.
NEURON { SUFFIX sem_table_two_args }
FUNCTION boltz(v, vh) {
    TABLE FROM -100 TO 100 WITH 200
    boltz = 1/(1 + exp(-(v - vh)))
}

: A TABLE statement without WITH and its number of intervals.
NEURON { SUFFIX syn_table_missing_with }
ASSIGNED { inf }
PROCEDURE rates(v) {
    TABLE inf FROM -100 TO 100
    inf = 1/(1 + exp(-v))
}

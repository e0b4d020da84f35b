: TABLE ... DEPEND with no names after DEPEND.
NEURON { SUFFIX syn_table_depend_empty }
ASSIGNED { inf }
PROCEDURE rates(v) {
    TABLE inf DEPEND FROM -100 TO 100 WITH 200
    inf = 1/(1 + exp(-v))
}

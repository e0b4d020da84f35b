: A TABLE statement in BREAKPOINT instead of a FUNCTION or PROCEDURE.
NEURON { SUFFIX sem_table_outside_function }
ASSIGNED { v inf }
BREAKPOINT {
    TABLE inf FROM -100 TO 100 WITH 200
    inf = 1/(1 + exp(-v))
}

: Exercises TABLE in a FUNCTION: `TABLE DEPEND a, b FROM ... TO ... WITH n` (no names: the
: function's value is tabled), with PARAMETERs and an expression as bounds.
NEURON {
    SUFFIX table_function
    NONSPECIFIC_CURRENT i
    RANGE g
    GLOBAL vhalf, slope
}

PARAMETER {
    g = 1e-4 (S/cm2)
    e = -90 (mV)
    vhalf = -60 (mV)
    slope = 6 (mV)
    vmin = -100 (mV)
    vmax = 50 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = g*boltz(v)*(v - e)
}

FUNCTION boltz(v (mV)) {
    TABLE DEPEND vhalf, slope FROM vmin TO vmax + 50 WITH 400
    boltz = 1/(1 + exp((v - vhalf)/slope))
}

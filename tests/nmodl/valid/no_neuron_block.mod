: Exercises a file without a NEURON block: nocmodl names the mechanism after the file
: (`no_neuron_block`) and makes it a density mechanism; its PARAMETERs become GLOBAL.
PARAMETER {
    a = 1
}

ASSIGNED { b }

INITIAL {
    b = 2*a
}

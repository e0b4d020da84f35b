: Names beginning with '_' are the translator's own (a PARAMETER and a LOCAL).
NEURON { SUFFIX sem_underscore_name }
PARAMETER { _gbar = 1 }
ASSIGNED { x }
INITIAL {
    LOCAL _tmp
    _tmp = 2
    x = _tmp
}

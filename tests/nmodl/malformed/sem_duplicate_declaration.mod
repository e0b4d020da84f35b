: The same name declared in PARAMETER and again in STATE.
NEURON { SUFFIX sem_duplicate_declaration }
PARAMETER {
    gbar = 0.1
    m = 0
}
STATE { m h }

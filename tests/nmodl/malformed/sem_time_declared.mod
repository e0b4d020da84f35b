: t declared in ASSIGNED: NEURON provides the time (nocmodl: "multiple uses for same variable").
NEURON { SUFFIX sem_time_declared }
ASSIGNED { t (ms) x }
INITIAL { x = t }

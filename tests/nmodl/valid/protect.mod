: Exercises PROTECT: an assignment to a GLOBAL made atomic between threads (a counter of all
: events received by every instance).
NEURON {
    POINT_PROCESS protect
    GLOBAL nevents
    THREADSAFE
}

ASSIGNED { nevents }

INITIAL {
    nevents = 0
}

NET_RECEIVE(w) {
    PROTECT nevents = nevents + 1
}

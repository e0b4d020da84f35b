: Exercises BBCOREPOINTER: an opaque pointer (to a random stream) that CoreNEURON transfers.
: nocmodl requires the bbcore_write/bbcore_read functions, given here in VERBATIM; their thread
: arguments need THREADSAFE before BBCOREPOINTER. The pointer is only touched from C.
NEURON {
    ARTIFICIAL_CELL bbcorepointer
    THREADSAFE
    BBCOREPOINTER rng
    RANGE interval
}

PARAMETER { interval = 5 (ms) }

ASSIGNED { rng }

INITIAL {
    net_send(interval, 1)
}

NET_RECEIVE(w) {
    net_event(t)
    net_send(interval, 1)
}

VERBATIM
static void bbcore_write(double* x, int* d, int* xx, int* offset, _threadargsproto_) {}
static void bbcore_read(double* x, int* d, int* xx, int* offset, _threadargsproto_) {}
ENDVERBATIM

: Exercises MUTEXLOCK and MUTEXUNLOCK around code that updates GLOBALs shared by threads.
NEURON {
    POINT_PROCESS mutex
    GLOBAL total, count
    THREADSAFE
}

ASSIGNED {
    total
    count
}

INITIAL {
    total = 0
    count = 0
}

NET_RECEIVE(w) {
    MUTEXLOCK
    total = total + w
    count = count + 1
    MUTEXUNLOCK
}

: VecStim - artificial cell that emits an event at each time of a given list (a spike-time
: player), the cornu version of the VecStim of NEURON's example file vecevent.mod.
:
: Behaviour: the instance's event times t_0, t_1, ... (sorted, >= 0) come from the runtime through
: the cornu built-in play_time(i), which returns the i-th time (from 0), or -1 past the end of the
: list. INITIAL fetches t_0 and sends a flag-1 self-event to it; each flag-1 event calls
: net_event(t) and schedules the next time.
: Arithmetic as in NEURON's vecevent.mod: the self-event is sent with delay etime - t, so it is
: delivered at t + (etime - t), which can differ from etime by round-off exactly as in NEURON; and
: index counts up from 0 and becomes -1 once the list is exhausted.
:
: Deliberate differences from NEURON's file: NEURON reads the times from a hoc Vector through
: VERBATIM C (play(), a POINTER, a DESTRUCTOR); here the runtime provides the list and
: play_time() reads it. A time equal to -1 in the list would read as its end; any other negative
: time gives a negative net_send delay, an error, as in NEURON.

NEURON {
    THREADSAFE
    ARTIFICIAL_CELL VecStim
}

ASSIGNED {
    index       : position of the next time to fetch; -1 when the list is exhausted
    etime (ms)  : the time fetched last
}

INITIAL {
    index = 0
    element()
    if (index > 0) {
        net_send(etime - t, 1)
    }
}

NET_RECEIVE (w) {
    if (flag == 1) {
        net_event(t)
        element()
        if (index > 0) {
            net_send(etime - t, 1)
        }
    }
}

PROCEDURE element() {
    : fetch the time at `index` into etime and advance, or mark the end of the list
    LOCAL tnext
    if (index >= 0) {
        tnext = play_time(index)
        if (tnext == -1) {
            index = -1
        } else {
            etime = tnext
            index = index + 1
        }
    }
}

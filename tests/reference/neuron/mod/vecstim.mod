COMMENT
VecStim for the NEURON side of cornu's reference cases: an artificial cell that emits events at
times given in a list. NEURON 8.2 has no built-in VecStim and Debian ships no vecevent.mod, whose
element() is VERBATIM C reading a hoc Vector. This file keeps vecevent.mod's INITIAL and
NET_RECEIVE blocks statement for statement and reads the times from a RANGE array instead, so the
event arithmetic and queue order are those of the real VecStim:
  * INITIAL (t = 0) sends a self-event for the first time e1: nocmodl prints net_send(d, 1) as
    `t + <d>` without parentheses, so it is queued at (0 + e1) - 0 = e1;
  * each self-event (flag 1), delivered at its time tk, calls net_event(tk) (the spike, sent to
    every NetCon at tk + delay) and queues the next time at (tk + e(k+1)) - tk, which can differ
    from e(k+1) by round-off.
Set n and times[0..n-1] (sorted, >= 0) from Python before finitialize; at most NMAX times.
ENDCOMMENT

NEURON {
	ARTIFICIAL_CELL VecStim
	RANGE n, times
}

DEFINE NMAX 10000

ASSIGNED {
	index
	etime (ms)
	n
	times[NMAX] (ms)
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
	if (index >= 0) {
		if (index < n) {
			etime = times[index]
			index = index + 1
		} else {
			index = -1
		}
	}
}

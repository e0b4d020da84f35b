COMMENT
EventLog: a probe of event delivery order and timing for cornu's reference cases (not a NEURON
file). Every event appends its weight (use small whole numbers 1..9 to label NetCons) as a decimal
digit to `code`, keeping the last 15 digits, so a trace of `code` shows which NetCon arrived in
which order. `count` counts deliveries and `tlast` is the time the last one carried.
ENDCOMMENT

NEURON {
	POINT_PROCESS EventLog
	RANGE code, count, tlast
}

ASSIGNED {
	code
	count
	tlast (ms)
}

INITIAL {
	code = 0
	count = 0
	tlast = -1
}

NET_RECEIVE (w) {
	code = fmod(code*10 + w, 1e15)
	count = count + 1
	tlast = t
}

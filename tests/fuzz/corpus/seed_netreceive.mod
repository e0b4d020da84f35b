NEURON { POINT_PROCESS Syn RANGE tau, e, i NONSPECIFIC_CURRENT i POINTER ptr BBCOREPOINTER rng }
PARAMETER { tau = 2 (ms) e = 0 (mV) thresh = -20 }
ASSIGNED { v (mV) i (nA) ptr rng tlast }
STATE { g (uS) }
INITIAL { g = 0 net_send(0, 1) }
BREAKPOINT { SOLVE state METHOD cnexp i = g*(v - e) }
DERIVATIVE state { g' = -g/tau }
NET_RECEIVE(w (uS), tsyn (ms)) {
  INITIAL { tsyn = t }
  if (flag == 1) { WATCH (v > thresh) 2, (v < -70) 3 }
  else if (flag == 2) { net_event(t) net_move(t + 1) }
  else { g = g + w  tsyn = t }
  FOR_NETCONS(w1, ts1) { ts1 = t }
}
VERBATIM
static double helper(double x) { return x * 2.0; }
ENDVERBATIM
COMMENT
  anything goes here: { ( ^ ~
ENDCOMMENT

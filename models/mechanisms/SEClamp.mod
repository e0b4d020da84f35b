TITLE SEClamp.mod   single-electrode voltage clamp with three levels

: SEClamp - ideal voltage source vc in series with an access resistance rs (MOhm), injecting
: i = (vc - v)/rs (nA) into the cell (NEURON's standard POINT_PROCESS SEClamp).
:
: The command is amp1 for 0 <= t < dur1, amp2 until dur1 + dur2, amp3 until dur1 + dur2 + dur3;
: after that the clamp is off (vc = 0, i = 0). Positive i depolarises (ELECTRODE_CURRENT).
: Names, defaults (rs = 1 MOhm, all durations and levels 0) and units are NEURON 8.2's.
:
: Arithmetic as in NEURON's built-in: the level boundaries are tc2 = dur1 + dur2 and
: tc3 = tc2 + dur3, computed once in INITIAL; the BREAKPOINT picks the level from t and computes
: i = (vc - v)/rs; and the current is computed once more after each voltage update through the
: SOLVEd PROCEDURE icur (METHOD after_cvode), so the recorded i is (vc - v(t))/rs at the new v.
: Deliberate differences from NEURON's file: none (its unused DEFINE and INDEPENDENT are left out).

NEURON {
    POINT_PROCESS SEClamp
    ELECTRODE_CURRENT i
    RANGE dur1, amp1, dur2, amp2, dur3, amp3, rs, vc, i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    rs = 1 (megohm) <1e-9, 1e9>   : series (access) resistance
    dur1 (ms)                     : first level: duration and potential
    amp1 (mV)
    dur2 (ms) <0,1e9>             : second level
    amp2 (mV)
    dur3 (ms) <0,1e9>             : third level
    amp3 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    vc (mV)     : command potential now
    tc2 (ms)    : end of the second level
    tc3 (ms)    : end of the third level (clamp off afterwards)
    on          : 1 while the clamp is on
}

INITIAL {
    tc2 = dur1 + dur2
    tc3 = tc2 + dur3
    on = 0
}

BREAKPOINT {
    SOLVE icur METHOD after_cvode
    vstim()
}

PROCEDURE icur() {
    if (on) {
        i = (vc - v)/rs
    } else {
        i = 0
    }
}

PROCEDURE vstim() {
    : choose the command level for the current time, then the current
    on = 1
    if (dur1) { at_time(dur1) }
    if (dur2) { at_time(tc2) }
    if (dur3) { at_time(tc3) }
    if (t < dur1) {
        vc = amp1
    } else if (t < tc2) {
        vc = amp2
    } else if (t < tc3) {
        vc = amp3
    } else {
        vc = 0
        on = 0
    }
    icur()
}
